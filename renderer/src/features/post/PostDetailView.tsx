// One post and what happened on each platform, with the actions that fit its state.
import { useCallback, useState } from 'react';
import type { AccountStatus, PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { MediaPreview } from '../../components/MediaPreview';
import { PageHeader } from '../../components/PageHeader';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { PostStatusBadge } from '../../components/PostStatusBadge';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { postTitle } from '../../lib/calendar-events';
import { applyTargetToPost, newerPost } from '../../lib/live-updates';
import { editPostHref, routeHref } from '../../lib/route';
import { showPublishToast } from '../../lib/publish-toast';
import { accountCount, targetLabel, targetsLabel } from '../../lib/target-label';
import { isEditable, postStatusView } from '../../lib/status';
import { formatInstant, relativeToNow, userTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useLoad } from '../../lib/use-load';
import { navigate } from '../../lib/use-route';
import { LiveSummary } from './LiveSummary';
import { TargetRow } from './TargetRow';
import type { UnknownOutcome } from './ResolveUnknown';

const calendarHref = routeHref({ name: 'calendar', view: 'month', date: null });

function MediaStrip({ urls }: { urls: readonly string[] }) {
  if (urls.length === 0) return null;
  return (
    <ul className="media-strip" aria-label="Media">
      {urls.map((url) => (
        <li key={url}>
          <MediaPreview url={url} />
        </li>
      ))}
    </ul>
  );
}

export default function PostDetailView({ postId }: { postId: string }) {
  const loaded = useLoad(() => call('posts:get', { id: postId }), [postId]);
  const { update } = loaded;
  const [deleted, setDeleted] = useState(false);
  const accounts = accountsResource.useLive().data;
  const { busy, run } = useAction();

  useEngineEvent('post:changed', ({ post }) => {
    if (post.id === postId) update((held) => newerPost(held, post));
  });
  useEngineEvent('target:changed', ({ target }) => {
    if (target.postId === postId) update((post) => applyTargetToPost(post, target));
  });
  useEngineEvent('post:deleted', ({ postId: gone }) => {
    if (gone === postId) setDeleted(true);
  });

  const act = useCallback(
    (key: string, action: () => Promise<PostView>, done?: string | ((post: PostView) => void)) =>
      void run(key, async () => {
        const post = await action();
        update((held) => newerPost(held, post));
        if (typeof done === 'function') done(post);
        else if (done) showToast({ tone: 'success', message: done });
      }),
    [run, update],
  );
  // Publishing and retrying end in an outcome the toast then tells, rather than "queued" standing beside a failure.
  const retryTarget = useCallback(
    (targetId: string) =>
      act(
        `retry:${targetId}`,
        () => call('publishing:retry', { id: postId, targetId }),
        (post) => {
          const target = post.targets.find((candidate) => candidate.id === targetId);
          showPublishToast(post, `Trying ${target ? targetLabel(target, post.targets) : 'it'} again…`);
        },
      ),
    [act, postId],
  );
  const resolveTarget = useCallback(
    (targetId: string, outcome: UnknownOutcome, platformPostUrl?: string) =>
      act(
        `resolve:${targetId}`,
        () => call('publishing:resolveUnknown', platformPostUrl ? { targetId, outcome, platformPostUrl } : { targetId, outcome }),
        outcome === 'retry'
          ? (post) => {
              const target = post.targets.find((candidate) => candidate.id === targetId);
              showPublishToast(post, `Publishing to ${target ? targetLabel(target, post.targets) : 'it'} again…`);
            }
          : outcome === 'published'
            ? 'Marked as live.'
            : 'Marked as failed.',
      ),
    [act],
  );

  if (deleted) {
    return (
      <section className="page">
        <EmptyState
          title="This post was deleted"
          action={
            <a className="button" href={calendarHref}>
              Back to the calendar
            </a>
          }
        />
      </section>
    );
  }
  const post = loaded.data;
  if (post === null) {
    return (
      <section className="page">
        <PageHeader title="Post" />
        {loaded.error ? (
          <ErrorState error={loaded.error} onRetry={loaded.reload} title="Could not open this post" />
        ) : (
          <LoadingState label="Loading the post…" />
        )}
      </section>
    );
  }

  const failed = post.targets.filter((target) => target.status === 'failed');
  const inFlight = post.targets.some((target) => target.status === 'publishing');
  const pending = post.targets.filter((target) => target.status === 'pending');
  const canCancel = post.status !== 'draft' && pending.length > 0;
  const canPublishNow = post.status === 'draft' || post.status === 'scheduled' || post.status === 'cancelled';
  const editable = isEditable(post);
  const status = postStatusView(post);
  // Retry only ever offers what failed, by name: never the platforms where the post is live.
  const failedNames = targetsLabel(failed, post);
  const zone = userTimeZone();
  const accountStatus = (accountId: string | null): AccountStatus | null | undefined =>
    accounts === null ? undefined : (accounts.find((account) => account.id === accountId)?.status ?? null);

  // One call retries every failed target; the engine never re-posts an unknown one without the user's check.
  const retryFailed = (): void =>
    act(
      'retry-failed',
      () => call('publishing:retry', { id: postId }),
      (retried) => showPublishToast(retried, `Trying ${failedNames} again…`),
    );

  const remove = (): void =>
    void run('delete', async () => {
      await call('posts:delete', { id: post.id });
      showToast({ tone: 'success', message: 'Post deleted.' });
      navigate(calendarHref);
    });

  return (
    <section className="page post-page" data-testid="post-detail" data-post-id={post.id} data-status={post.status} aria-labelledby="post-title">
      <PageHeader
        title={<span id="post-title">{postTitle(post.text, post.mediaUrls.length)}</span>}
        subtitle={
          <>
            <PostStatusBadge post={post} />
            {status.status === 'partial' ? (
              <LiveSummary post={post} />
            ) : status.total > 0 ? (
              <span className="muted">
                {status.live} of {status.total} published
              </span>
            ) : null}
          </>
        }
      >
        {editable ? (
          <a className={`button${status.status === 'partial' ? '' : ' button-primary'}`} href={editPostHref(post.id)}>
            <Icon name="compose" /> Edit
          </a>
        ) : null}
        {failed.length > 0 ? (
          <button
            type="button"
            className={`button${status.status === 'partial' ? ' button-primary' : ''}`}
            disabled={busy !== null}
            onClick={retryFailed}
          >
            <Icon name="retry" /> Retry {failedNames}
          </button>
        ) : null}
        {canCancel ? (
          // One stray click must not stop a planned post, so Cancel asks first and names what stops.
          <ConfirmButton
            label="Cancel"
            question={`Cancel this post on ${targetsLabel(pending, post)}? Nothing more will be published.`}
            confirmLabel="Yes, cancel"
            busy={busy === 'cancel'}
            disabled={busy !== null}
            onConfirm={() => act('cancel', () => call('publishing:cancel', { id: postId }), 'Cancelled; nothing more will be published.')}
          />
        ) : null}
        {canPublishNow ? (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() =>
              act(
                'now',
                () => call('publishing:publishNow', { id: postId }),
                (started) => showPublishToast(started, `Publishing to ${accountCount(started)} now.`),
              )
            }
          >
            {busy === 'now' ? <span className="spinner" aria-hidden="true" /> : <Icon name="play" />} Publish now
          </button>
        ) : null}
        <ConfirmButton
          label="Delete"
          icon="trash"
          question="Delete this post?"
          confirmLabel="Yes, delete"
          busy={busy === 'delete'}
          disabled={inFlight || busy !== null}
          onConfirm={remove}
        />
      </PageHeader>

      <div className="post-layout">
        <section className="card post-summary" aria-label="Post">
          {post.text.trim() !== '' ? <p className="post-text-view">{post.text}</p> : <p className="muted">No text; media only.</p>}
          <MediaStrip urls={post.mediaUrls} />
          <dl className="facts">
            <div>
              <dt>{post.status === 'published' || post.status === 'failed' ? 'Planned for' : 'Publishes'}</dt>
              <dd data-testid="post-when">
                {post.scheduledAt ? (
                  <>
                    {formatInstant(post.scheduledAt, post.timeZone)} <span className="muted">({post.timeZone})</span>
                    {post.timeZone !== zone ? <span className="when-local">Your time: {formatInstant(post.scheduledAt, zone)}</span> : null}
                    <span className="when-local">{relativeToNow(post.scheduledAt)}</span>
                  </>
                ) : post.status === 'draft' ? (
                  'No time yet'
                ) : (
                  'Right away'
                )}
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatInstant(post.createdAt, zone)}</dd>
            </div>
            <div>
              <dt>Last change</dt>
              <dd>{relativeToNow(post.updatedAt)}</dd>
            </div>
          </dl>
        </section>

        <section className="post-targets" aria-labelledby="targets-heading">
          <h2 id="targets-heading" className="section-title">
            Platforms
          </h2>
          {post.targets.length === 0 ? (
            <EmptyState title="No platforms">This post has no accounts to publish to. Edit it to choose some.</EmptyState>
          ) : (
            <ul className="target-list">
              {post.targets.map((target) => (
                <TargetRow
                  key={target.id}
                  target={target}
                  accountStatus={accountStatus(target.accountId)}
                  editHref={editable ? editPostHref(post.id) : null}
                  busy={busy !== null}
                  onRetry={retryTarget}
                  onResolve={resolveTarget}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
