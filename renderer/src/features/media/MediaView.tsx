// The media library: every file imported from this computer, what it is, which posts use it, how much room the
// library takes, and removing a file no post uses (unused files also go by themselves after 30 days).
import { useCallback, useState } from 'react';
import { formatBytes, MEDIA_UNUSED_RETENTION_DAYS, type MediaItemView, type MediaLibraryView } from '../../../../shared/media-item';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { call } from '../../lib/api';
import { routeHref } from '../../lib/route';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useSettled } from '../../lib/use-settled';
import { useLoad } from '../../lib/use-load';
import { MediaItemRow } from './MediaItemRow';

type Shown = 'all' | 'used' | 'unused';

const SHOWN: { value: Shown; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'used', label: 'In use' },
  { value: 'unused', label: 'Unused' },
];

/** Saving or deleting a post changes which files it uses; a burst of such events asks the library once. */
const RELOAD_DELAY_MS = 400;

function withoutItem(library: MediaLibraryView, removed: MediaItemView): MediaLibraryView {
  return { items: library.items.filter((item) => item.id !== removed.id), totalBytes: Math.max(0, library.totalBytes - removed.sizeBytes) };
}

export default function MediaView() {
  const library = useLoad(() => call('media:list', {}), []);
  const { reload, update } = library;
  const [shown, setShown] = useState<Shown>('all');
  const { busy, run } = useAction();
  const reloadSoon = useSettled(reload, RELOAD_DELAY_MS);
  useEngineEvent('post:changed', reloadSoon);
  useEngineEvent('post:deleted', reloadSoon);

  const remove = useCallback(
    (item: MediaItemView) =>
      void run(`remove:${item.id}`, async () => {
        await call('media:remove', { id: item.id });
        update((current) => withoutItem(current, item));
        showToast({ tone: 'success', message: `${item.name} was deleted.` });
      }),
    [run, update],
  );

  const data = library.data;
  const unused = data ? data.items.filter((item) => item.usedBy.length === 0).length : 0;
  const items = data
    ? data.items.filter((item) => (shown === 'all' ? true : shown === 'used' ? item.usedBy.length > 0 : item.usedBy.length === 0))
    : [];

  return (
    <section className="page media-page" aria-labelledby="media-title">
      <PageHeader
        title={<span id="media-title">Media</span>}
        subtitle={
          data ? (
            <span data-testid="media-summary">
              {data.items.length} file{data.items.length === 1 ? '' : 's'} · {formatBytes(data.totalBytes)} on this computer
              {unused > 0 ? ` · ${unused} unused` : ''}
            </span>
          ) : (
            'Photos, videos and documents imported from this computer.'
          )
        }
      >
        {data && data.items.length > 0 ? (
          <div className="segmented" role="group" aria-label="Show">
            {SHOWN.map((choice) => (
              <button
                key={choice.value}
                type="button"
                aria-pressed={shown === choice.value}
                data-testid={`media-show-${choice.value}`}
                onClick={() => setShown(choice.value)}
              >
                {choice.label}
              </button>
            ))}
          </div>
        ) : null}
      </PageHeader>

      {data === null ? (
        library.error ? (
          <ErrorState error={library.error} onRetry={reload} title="Could not read the media library" />
        ) : (
          <LoadingState label="Reading the media library…" />
        )
      ) : data.items.length === 0 ? (
        <EmptyState
          title="No files yet"
          action={
            <a className="button button-primary" href={routeHref({ name: 'compose', postId: null, at: null })}>
              <Icon name="plus" /> New post
            </a>
          }
        >
          Photos and videos you add to a post are copied here once, however many posts use them.
        </EmptyState>
      ) : (
        <>
          <p className="muted media-retention">
            A file stays while a post uses it. Files no post uses are deleted {MEDIA_UNUSED_RETENTION_DAYS} days after their last use, or when you
            remove them.
          </p>
          {items.length === 0 ? (
            <p className="muted" data-testid="media-none-shown">
              {shown === 'used' ? 'No post uses any of these files.' : 'Every file is used by a post.'}
            </p>
          ) : (
            <ul className="media-list" data-testid="media-list">
              {items.map((item) => (
                <MediaItemRow key={item.id} item={item} busy={busy === `remove:${item.id}`} onRemove={remove} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
