// One platform's outcome for a post: status, the live link, or what went wrong and what to do about it.
import { memo } from 'react';
import { PLATFORM_LABELS, type AccountStatus, type TargetView } from '../../../../shared/domain';
import { waitingText } from '../../../../shared/waiting-text';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { StatusBadge } from '../../components/StatusBadge';
import { UploadProgress } from '../../components/UploadProgress';
import { adviseTarget } from '../../lib/error-advice';
import { reconnectHref } from '../../lib/route';
import { TARGET_STATUS_META } from '../../lib/status';
import { formatInstant, relativeToNow, userTimeZone } from '../../lib/time';
import { useTargetProgress } from '../../lib/upload-progress-store';
import { ResolveUnknown, type UnknownOutcome } from './ResolveUnknown';

interface TargetRowProps {
  target: TargetView;
  /** The account's state; null when the account was removed, undefined while accounts load. */
  accountStatus: AccountStatus | null | undefined;
  editHref: string | null;
  busy: boolean;
  onRetry: (targetId: string) => void;
  onResolve: (targetId: string, outcome: UnknownOutcome, platformPostUrl?: string) => void;
}

export const TargetRow = memo(function TargetRow({ target, accountStatus, editHref, busy, onRetry, onResolve }: TargetRowProps) {
  const meta = TARGET_STATUS_META[target.status];
  const label = PLATFORM_LABELS[target.platform];
  const advice = adviseTarget({ status: target.status, errorMessage: target.errorMessage, accountStatus });
  const progress = useTargetProgress(target.id);
  return (
    <li
      className={`target-row tone-${meta.tone}`}
      data-testid="target-row"
      data-status={target.status}
      data-target-id={target.id}
      data-platform={target.platform}
    >
      <div className="target-head">
        <PlatformIcon platform={target.platform} size={28} decorative />
        <div className="target-who">
          <strong>{target.accountName}</strong>
          <span className="muted">
            {label}
            {accountStatus === null && target.accountId !== null ? ' · account removed' : ''}
          </span>
        </div>
        <StatusBadge label={meta.label} tone={meta.tone} title={meta.description} />
      </div>

      <div className="target-body">
        <p className="target-facts muted">
          {target.attemptCount > 0 ? `${target.attemptCount} attempt${target.attemptCount === 1 ? '' : 's'} · ` : ''}
          updated {relativeToNow(target.updatedAt)}
          {target.platformPostId ? ` · post id ${target.platformPostId}` : ''}
        </p>
        {target.status === 'publishing' && progress ? <UploadProgress progress={progress} /> : null}
        {target.waiting ? (
          <>
            <p className="target-waiting" data-testid="target-waiting" data-reason={target.waiting.reason}>
              <Icon name="pause" size={14} />
              {waitingText(target.platform, target.waiting, formatInstant(target.waiting.since, userTimeZone(), 'short'))}
            </p>
            {target.errorMessage ? <p className="muted">{target.errorMessage}</p> : null}
          </>
        ) : null}
        {target.status === 'published' && target.platformPostUrl ? (
          <a className="target-link" data-testid="target-link" href={target.platformPostUrl} target="_blank" rel="noopener noreferrer">
            View on {label} <Icon name="external" size={14} />
          </a>
        ) : null}
        {target.textOverride !== null ? (
          <details className="target-override">
            <summary>Text for {label}</summary>
            <p className="post-text-view">{target.textOverride}</p>
          </details>
        ) : null}

        {advice ? (
          <div className={`advice advice-${advice.kind}`} data-testid="target-advice" data-kind={advice.kind}>
            <p className="advice-headline" data-testid="target-error">
              <Icon name="alert" size={16} />
              {advice.headline}
            </p>
            <p className="advice-suggestion">{advice.suggestion}</p>
            {advice.kind === 'unknown-outcome' && target.errorMessage ? (
              <p className="advice-detail muted">What the app saw: {target.errorMessage}</p>
            ) : null}
            {advice.actions.includes('resolve') ? (
              <ResolveUnknown target={target} busy={busy} onResolve={(outcome, url) => onResolve(target.id, outcome, url)} />
            ) : (
              <div className="button-row">
                {advice.actions.includes('reconnect') && target.accountId ? (
                  <a className="button button-primary" href={reconnectHref(target.accountId)}>
                    Reconnect account
                  </a>
                ) : null}
                {advice.actions.includes('fix-account') && target.accountId ? (
                  <a className="button button-primary" href={reconnectHref(target.accountId)}>
                    Fill in the account’s id
                  </a>
                ) : null}
                {advice.actions.includes('edit') && editHref ? (
                  <a className="button" href={editHref}>
                    Edit post
                  </a>
                ) : null}
                {advice.actions.includes('retry') ? (
                  <button type="button" className="button" disabled={busy} onClick={() => onRetry(target.id)}>
                    <Icon name="retry" /> Retry
                  </button>
                ) : null}
              </div>
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
});
