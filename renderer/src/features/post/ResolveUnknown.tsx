// The app could not tell whether the platform took the post. Only the user can look, so the user decides.
import { useState } from 'react';
import type { TargetView } from '../../../../shared/domain';

export type UnknownOutcome = 'published' | 'retry' | 'failed';

interface ResolveUnknownProps {
  target: TargetView;
  busy: boolean;
  onResolve: (outcome: UnknownOutcome, platformPostUrl?: string) => void;
}

export function ResolveUnknown({ target, busy, onResolve }: ResolveUnknownProps) {
  const [url, setUrl] = useState('');
  const id = `live-url-${target.id}`;
  const validUrl = url.trim() === '' || /^https?:\/\/\S+$/i.test(url.trim());
  return (
    <div className="resolve" data-testid="resolve-unknown">
      <div className="field">
        <label htmlFor={id}>Link to the live post (optional)</label>
        <input
          id={id}
          type="url"
          placeholder="https://"
          value={url}
          aria-invalid={validUrl ? undefined : true}
          onChange={(event) => setUrl(event.target.value)}
        />
        {!validUrl ? <p className="field-error">Enter a link starting with https://, or leave it empty.</p> : null}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !validUrl}
          onClick={() => onResolve('published', url.trim() || undefined)}
        >
          It is live
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onResolve('retry')}>
          Publish again
        </button>
        <button type="button" className="button button-danger-quiet" disabled={busy} onClick={() => onResolve('failed')}>
          Mark as failed
        </button>
      </div>
    </div>
  );
}
