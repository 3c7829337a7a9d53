// The publishing queue at a glance: counts per state, what failed and why, and a pause switch for emergencies.
import { useCallback, useEffect, useRef } from 'react';
import { PLATFORM_LABELS } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { PlatformIcon } from '../../components/PlatformIcon';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { call } from '../../lib/api';
import { queueStatsResource } from '../../lib/queue-stats-store';
import { postHref } from '../../lib/route';
import { JOB_STATE_META, JOB_STATE_ORDER } from '../../lib/status';
import { formatInstant, relativeToNow, userTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useLoad } from '../../lib/use-load';

const FAILED_LIMIT = 200;
/** Several queue events arrive together when a batch finishes; one reload answers them all. */
const RELOAD_DELAY_MS = 400;

export default function QueueView() {
  const stats = queueStatsResource.useLive();
  const failed = useLoad(() => call('queue:failed', { limit: FAILED_LIMIT }), []);
  const { reload } = failed;
  const { busy, run } = useAction();
  const zone = userTimeZone();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEngineEvent('queue:changed', () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, RELOAD_DELAY_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const togglePause = useCallback(
    (paused: boolean) =>
      void run('pause', async () => {
        const next = await call(paused ? 'queue:resume' : 'queue:pause', {});
        queueStatsResource.set(next);
        showToast({
          tone: next.paused ? 'warning' : 'success',
          message: next.paused ? 'Publishing paused. Nothing goes out until you resume.' : 'Publishing resumed.',
        });
      }),
    [run],
  );
  const retry = (jobId: string): void =>
    void run(`retry:${jobId}`, async () => {
      await call('queue:retry', { jobId });
      showToast({ tone: 'success', message: 'Queued to try again.' });
      reload();
    });

  const data = stats.data;
  return (
    <section className="page queue-page" aria-labelledby="queue-title">
      <PageHeader title={<span id="queue-title">Queue</span>} subtitle="Every platform of every post is one job here.">
        {data ? (
          <button
            type="button"
            className={`button${data.paused ? ' button-primary' : ''}`}
            disabled={busy === 'pause'}
            onClick={() => togglePause(data.paused)}
          >
            <Icon name={data.paused ? 'play' : 'pause'} />
            {data.paused ? 'Resume publishing' : 'Pause publishing'}
          </button>
        ) : null}
      </PageHeader>

      {data === null ? (
        stats.error ? (
          <ErrorState error={stats.error} onRetry={queueStatsResource.reload} title="Could not read the queue" />
        ) : (
          <LoadingState label="Reading the queue…" />
        )
      ) : (
        <>
          {data.paused ? (
            <div className="banner tone-warning" role="status" data-testid="queue-paused">
              <Icon name="pause" />
              <span>Publishing is paused. Scheduled posts wait and go out when you resume, subject to the late tolerance in Settings.</span>
            </div>
          ) : null}
          <div className="stat-grid">
            {JOB_STATE_ORDER.map((state) => (
              <div key={state} className={`stat tone-${JOB_STATE_META[state].tone}`} data-testid="queue-count" data-state={state}>
                <span className="stat-value">{data.counts[state].toLocaleString()}</span>
                <span className="stat-label">{JOB_STATE_META[state].label}</span>
                <span className="stat-note">{JOB_STATE_META[state].description}</span>
              </div>
            ))}
          </div>
          <div className="queue-facts">
            <div className="card fact-card">
              <h2 className="card-title">Next post</h2>
              {data.nextPost ? (
                <a href={postHref(data.nextPost.id)} className="next-post" data-testid="next-post">
                  <span className="next-post-text">{data.nextPost.text || 'Media only'}</span>
                  <span className="muted">
                    {formatInstant(data.nextPost.scheduledAt, zone)} · {relativeToNow(data.nextPost.scheduledAt)}
                  </span>
                </a>
              ) : (
                <p className="muted">Nothing is scheduled.</p>
              )}
            </div>
            <div className={`card fact-card${data.needsAttention > 0 ? ' tone-danger' : ''}`}>
              <h2 className="card-title">Needs your attention</h2>
              <p className="fact-number" data-testid="needs-attention">
                {data.needsAttention}
              </p>
              <p className="muted">Platforms that failed or could not be confirmed.</p>
            </div>
          </div>
        </>
      )}

      <section aria-labelledby="failed-title" className="failed-section">
        <h2 className="section-title" id="failed-title">
          Failed jobs
        </h2>
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
      </section>
    </section>
  );
}
