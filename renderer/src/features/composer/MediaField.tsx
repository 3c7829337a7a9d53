// Media links with previews: images as images, videos as playable videos, anything else flagged.
import { useState } from 'react';
import { mediaKind } from '../../../../shared/media';
import { FieldError } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { MediaPreview } from '../../components/MediaPreview';

interface MediaFieldProps {
  urls: readonly string[];
  error: string | undefined;
  onChange: (urls: string[]) => void;
}

function linkProblem(value: string, urls: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full link, starting with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http and https links can be published.';
  if (urls.includes(value)) return 'This link is already added.';
  return null;
}

export function MediaField({ urls, error, onChange }: MediaFieldProps) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = (): void => {
    const link = value.trim();
    if (link === '') return;
    const found = linkProblem(link, urls);
    setProblem(found);
    if (found) return;
    onChange([...urls, link]);
    setValue('');
  };
  const move = (index: number, by: -1 | 1): void => {
    const next = [...urls];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <section className="card" aria-labelledby="media-heading">
      <h2 className="card-title" id="media-heading">
        Media
        {urls.length > 0 ? (
          <span className="card-title-note">
            {urls.length} item{urls.length === 1 ? '' : 's'}
          </span>
        ) : null}
      </h2>
      <div className="media-add">
        <label className="visually-hidden" htmlFor="media-url">
          Media link
        </label>
        <input
          id="media-url"
          type="url"
          inputMode="url"
          placeholder="https://… .jpg, .png, .mp4"
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'media-url-problem' : 'media-hint'}
          onChange={(event) => {
            setValue(event.target.value);
            setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button" onClick={add}>
          <Icon name="plus" /> Add media
        </button>
      </div>
      {problem ? (
        <p className="field-error" id="media-url-problem" role="alert">
          {problem}
        </p>
      ) : (
        <p className="hint" id="media-hint">
          Public links to images (.jpg, .png, .gif, .webp) or videos (.mp4, .mov, .webm). The platforms download them when publishing.
        </p>
      )}
      {urls.length > 0 ? (
        <ul className="media-list" data-testid="media-list">
          {urls.map((url, index) => (
            <li key={url} className="media-item" data-testid="media-item" data-kind={mediaKind(url)}>
              <div className="media-preview">
                <MediaPreview url={url} />
              </div>
              <div className="media-meta">
                <span className="media-url" title={url}>
                  {url}
                </span>
                <div className="media-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move media ${index + 1} earlier`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <Icon name="arrowLeft" size={16} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move media ${index + 1} later`}
                    disabled={index === urls.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <Icon name="arrowRight" size={16} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove media ${index + 1}`}
                    onClick={() => onChange(urls.filter((_, i) => i !== index))}
                  >
                    <Icon name="trash" size={16} />
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <FieldError id="media-error" field="mediaUrls" message={error} />
    </section>
  );
}
