// The publishing engine's own view of the queue, for when something looks wrong: its job counters, the next post
// it will run, and the jobs it gave up on. Collapsed, since managers think in posts, not jobs.
import { useState } from 'react';
import { PLATFORM_LABELS, type QueueStats } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { call } from '../../lib/api';
import type { LiveState } from '../../lib/live-resource';
import { queueStatsResource } from '../../lib/queue-stats-store';
import { postHref } from '../../lib/route';
import { JOB_STATE_META, JOB_STATE_ORDER } from '../../lib/status';
import { formatInstant, relativeToNow, userTimeZone } from '../../lib/time';
import { showPublishToast } from '../../lib/publish-toast';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useLoad } from '../../lib/use-load';

const FAILED_LIMIT = 200;

export function EngineDetails({ stats }: { stats: LiveState<QueueStats> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="card engine-details" data-testid="engine-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="card-title">Details</span>
        <span className="muted">The publishing engine’s jobs: one per platform of each post</span>
      </summary>
      {open ? <EngineDetailsBody stats={stats} /> : null}
    </details>
  );
}

function EngineDetailsBody({ stats }: { stats: LiveState<QueueStats> }) {
  const failed = useLoad(() => call('queue:failed', { limit: FAILED_LIMIT }), []);
  const { reload } = failed;
  const { busy, run } = useAction();
  const zone = userTimeZone();
  useEngineEvent('queue:changed', reload);

  const retry = (jobId: string): void =>
    void run(`retry:${jobId}`, async () => {
      const post = await call('queue:retry', { jobId });
      showPublishToast(post, 'Trying again…');
      reload();
    });

  const data = stats.data;
  return (
    <div className="engine-details-body">
      {data === null ? (
        stats.error ? (
          <ErrorState error={stats.error} onRetry={queueStatsResource.reload} title="Could not read the queue" />
        ) : (
          <LoadingState label="Reading the queue…" />
        )
      ) : (
        <>
          <div className="stat-grid">
            {JOB_STATE_ORDER.map((state) => (
              <div key={state} className={`stat tone-${JOB_STATE_META[state].tone}`} data-testid="queue-count" data-state={state}>
                <span className="stat-value">{data.counts[state].toLocaleString()}</span>
                <span className="stat-label">{JOB_STATE_META[state].label}</span>
                <span className="stat-note">{JOB_STATE_META[state].description}</span>
              </div>
            ))}
          </div>
          <p className="muted">
            Next job:{' '}
            {data.nextPost ? (
              <a href={postHref(data.nextPost.id)} data-testid="next-post">
                {data.nextPost.text || 'Media only'} — {formatInstant(data.nextPost.scheduledAt, zone)} · {relativeToNow(data.nextPost.scheduledAt)}
              </a>
            ) : (
              'none scheduled.'
            )}{' '}
            · {data.needsAttention} platform deliver{data.needsAttention === 1 ? 'y' : 'ies'} failed or could not be confirmed.
          </p>
        </>
      )}

      <h3 className="section-title">Failed jobs</h3>
      {failed.data === null ? (
        failed.error ? (
          <ErrorState error={failed.error} onRetry={reload} title="Could not load failed jobs" />
        ) : (
          <LoadingState label="Loading failed jobs…" />
        )
      ) : failed.data.length === 0 ? (
        <EmptyState title="No failed jobs">Everything that ran went through.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="failed-jobs">
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Why it failed</th>
                <th scope="col">Attempts</th>
                <th scope="col">When</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.data.map((job) => (
                <tr key={job.jobId} data-testid="failed-job" data-job-id={job.jobId}>
                  <td>
                    <span className="cell-platform">
                      {job.platform ? <PlatformIcon platform={job.platform} size={20} decorative /> : null}
                      <span>
                        {job.accountName ?? 'Removed account'}
                        <span className="muted block">{job.platform ? PLATFORM_LABELS[job.platform] : ''}</span>
                      </span>
                    </span>
                  </td>
                  <td className="cell-reason">{job.reason}</td>
                  <td>{job.attemptsMade}</td>
                  <td>{job.failedAt ? formatInstant(job.failedAt, zone, 'short') : '—'}</td>
                  <td className="cell-actions">
                    {job.postId ? (
                      <a className="button button-quiet" href={postHref(job.postId)}>
                        Open post
                      </a>
                    ) : null}
                    <button type="button" className="button" disabled={busy !== null} onClick={() => retry(job.jobId)}>
                      <Icon name="retry" /> Retry
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
