// The queue for people: what is publishing now, what failed and how to fix it, and what goes out next, each counted
// in posts and the platform deliveries they make up. The engine's own counters sit in a collapsed "Details".
import { useCallback } from 'react';
import type { AccountStatus, PostCount, PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { queueStatsResource, readQueueStats, setQueuePaused } from '../../lib/queue-stats-store';
import { routeHref } from '../../lib/route';
import { showPublishToast } from '../../lib/publish-toast';
import { targetLabel } from '../../lib/target-label';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useSettled } from '../../lib/use-settled';
import { useLoad } from '../../lib/use-load';
import { AttentionPost } from './AttentionPost';
import { EngineDetails } from './EngineDetails';
import { QueuePostRow } from './QueuePostRow';

/** Several events arrive together when a batch finishes; one reload answers them all. */
const RELOAD_DELAY_MS = 400;
const UPCOMING_SHOWN = 10;
const ATTENTION_SHOWN = 50;

/** "12 posts (20 platform deliveries)". */
export function postCountText({ posts, targets }: PostCount): string {
  return `${posts.toLocaleString()} post${posts === 1 ? '' : 's'} (${targets.toLocaleString()} platform deliver${targets === 1 ? 'y' : 'ies'})`;
}

interface QueuePosts {
  publishing: PostView[];
  attention: PostView[];
  upcoming: PostView[];
}

/** The screen's lists, and the counts read beside them so the sections' counts match what they list. */
function loadQueuePosts(): Promise<QueuePosts> {
  return Promise.all([
    call('posts:list', { status: ['publishing'], limit: 200 }),
    call('posts:list', { status: ['failed'], order: 'desc', limit: ATTENTION_SHOWN }),
    call('posts:list', { status: ['scheduled'], from: new Date().toISOString(), limit: UPCOMING_SHOWN }),
    readQueueStats(),
  ]).then(([publishing, attention, upcoming]) => ({ publishing, attention, upcoming }));
}

export default function QueueView() {
  const stats = queueStatsResource.useLive();
  const accounts = accountsResource.useLive().data;
  const lists = useLoad(loadQueuePosts, []);
  const { reload } = lists;
  const { busy, run } = useAction();
  const reloadSoon = useSettled(reload, RELOAD_DELAY_MS);
  useEngineEvent('queue:changed', reloadSoon);
  useEngineEvent('post:changed', reloadSoon);
  useEngineEvent('post:deleted', reloadSoon);

  const togglePause = useCallback(
    (paused: boolean) =>
      void run('pause', async () => {
        const next = await setQueuePaused(!paused);
        showToast({
          tone: next.paused ? 'warning' : 'success',
          message: next.paused ? 'Publishing paused. Nothing goes out until you resume.' : 'Publishing resumed.',
        });
      }),
    [run],
  );
  const retry = useCallback(
    (post: PostView, targetId: string) =>
      void run(`retry:${targetId}`, async () => {
        const retried = await call('publishing:retry', { id: post.id, targetId });
        const target = post.targets.find((candidate) => candidate.id === targetId);
        showPublishToast(retried, `Trying ${target ? targetLabel(target, post.targets) : 'it'} again…`);
        reload();
      }),
    [run, reload],
  );
  const accountStatus = (accountId: string | null): AccountStatus | null | undefined =>
    accounts === null ? undefined : (accounts.find((account) => account.id === accountId)?.status ?? null);

  const data = stats.data;
  const counts = data?.posts;
  return (
    <section className="page queue-page" aria-labelledby="queue-title">
      <PageHeader
        title={<span id="queue-title">Queue</span>}
        subtitle={
          counts ? (
            <span data-testid="queue-summary">
              {postCountText(counts.upcoming)} waiting to go out
              {counts.publishing.posts > 0 ? ` · ${counts.publishing.posts} publishing now` : ''}
              {data && data.waiting.network.posts > 0 ? ` · ${data.waiting.network.posts} waiting for the network` : ''}
              {data && data.waiting.platform.posts > 0
                ? ` · ${data.waiting.platform.posts} waiting for ${data.waiting.platform.posts === 1 ? 'its platform' : 'their platforms'}`
                : ''}
              {counts.needsAttention.posts > 0
                ? ` · ${counts.needsAttention.posts} need${counts.needsAttention.posts === 1 ? 's' : ''} your attention`
                : ''}
            </span>
          ) : (
            'What goes out next, what is going out, and what needs you.'
          )
        }
      >
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

      {data?.paused ? (
        <div className="banner tone-warning" role="status" data-testid="queue-paused">
          <Icon name="pause" />
          <span>Publishing is paused. Scheduled posts wait and go out when you resume, subject to the late tolerance in Settings.</span>
        </div>
      ) : null}

      {lists.data === null ? (
        lists.error ? (
          <ErrorState error={lists.error} onRetry={reload} title="Could not read the queue" />
        ) : (
          <LoadingState label="Reading the queue…" />
        )
      ) : (
        <>
          <section className="queue-section" aria-labelledby="publishing-title" data-testid="queue-publishing">
            <h2 className="section-title" id="publishing-title">
              {lists.data.publishing.length > 0 ? <span className="spinner" aria-hidden="true" /> : null}
              Publishing now
              {counts && counts.publishing.posts > 0 ? <span className="section-count">{postCountText(counts.publishing)}</span> : null}
            </h2>
            {lists.data.publishing.length === 0 ? (
              <p className="muted queue-empty">Nothing is going out at this moment.</p>
            ) : (
              <ul className="queue-list">
                {lists.data.publishing.map((post) => (
                  <QueuePostRow key={post.id} post={post} />
                ))}
              </ul>
            )}
          </section>

          <section className="queue-section" aria-labelledby="attention-title" data-testid="queue-attention">
            <h2 className="section-title" id="attention-title">
              Needs your attention
              {counts ? <span className="section-count">{postCountText(counts.needsAttention)}</span> : null}
            </h2>
            {lists.data.attention.length === 0 ? (
              <p className="muted queue-empty">Nothing failed. Every post that ran went out.</p>
            ) : (
              <ul className="queue-list">
                {lists.data.attention.map((post) => (
                  <AttentionPost key={post.id} post={post} accountStatus={accountStatus} busy={busy !== null} onRetry={retry} />
                ))}
              </ul>
            )}
          </section>

          <section className="queue-section" aria-labelledby="upcoming-title" data-testid="queue-upcoming">
            <h2 className="section-title" id="upcoming-title">
              Up next
              {counts ? <span className="section-count">{postCountText(counts.upcoming)}</span> : null}
              <a className="section-link" href={routeHref({ name: 'calendar', view: 'list', date: null })}>
                All in the List view
              </a>
            </h2>
            {lists.data.upcoming.length === 0 ? (
              <EmptyState
                title="Nothing is scheduled"
                action={
                  <a className="button button-primary" href={routeHref({ name: 'compose', postId: null, at: null })}>
                    <Icon name="plus" /> New post
                  </a>
                }
              />
            ) : (
              <ul className="queue-list">
                {lists.data.upcoming.map((post) => (
                  <QueuePostRow key={post.id} post={post} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      <EngineDetails stats={stats} />
    </section>
  );
}
