// The List view: the posts ahead, day by day, each with its text, picture, accounts and status, and the empty posting
// slots between them. The view managers live in. A queued post moves between slots by dragging it onto another post
// or an empty slot, or with Alt+Arrow Up/Down; the engine trades the times in one call.
import { useMemo, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import type { OpenSlot } from '../../../../shared/posting-slots';
import type { PostSummary } from '../../../../shared/post-summary';
import { PlatformIcon } from '../../components/PlatformIcon';
import { PostRow } from '../../components/PostRow';
import { agendaDays, isReorderable, neighbourSwap, postEntries, reorderFor, slotEntries, type SlotEntry } from '../../lib/agenda';
import { dayLong, timeOfDay } from '../../lib/calendar-locale';
import { zonedDate, zonedDay } from '../../lib/preferences';
import { routeHref } from '../../lib/route';

// Made on first use: the first Intl object loads the runtime's locale data, which must not hold up the page's start.
let relativeDay: Intl.RelativeTimeFormat | undefined;

/** "Today", "Tomorrow", "Yesterday", or nothing for other days. */
function nearDay(date: Date, today: Date = zonedDate()): string {
  const midnight = zonedDay(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  const days = Math.round((date.getTime() - midnight) / 86_400_000);
  if (Math.abs(days) > 1) return '';
  const word = (relativeDay ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })).format(days, 'day');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface AgendaListProps {
  posts: readonly PostSummary[];
  /** Empty posting slots in the days shown (already filtered as the posts are). */
  slots: readonly OpenSlot[];
  accounts: readonly AccountView[];
  /** The label of what "Show more" adds, e.g. "the next 4 weeks". */
  moreLabel: string;
  onShowMore: () => void;
  /** Asks the engine to give these posts their times in this order; resolves once it answered (either way). */
  onReorder: (postIds: string[]) => Promise<void>;
  /** Moves a post into an empty slot (its time). */
  onMoveToSlot: (postId: string, at: number) => Promise<void>;
}

/** Keeps the keyboard on the post that moved: its row is drawn anew in its new place. */
function focusPost(postId: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`.agenda [data-post-id="${CSS.escape(postId)}"]`)?.focus());
}

export function AgendaList({ posts, slots, accounts, moreLabel, onShowMore, onReorder, onMoveToSlot }: AgendaListProps) {
  const days = useMemo(() => agendaDays([...postEntries(posts), ...slotEntries(slots)]), [posts, slots]);
  const accountsById = useMemo(() => new Map(accounts.map((account) => [account.id, account])), [accounts]);
  const dragged = useRef<string | null>(null);

  const move = (postId: string, order: string[] | null): void => {
    if (order) void onReorder(order).then(() => focusPost(postId));
  };
  const onKeyDown = (post: PostSummary) => (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(post.id, neighbourSwap(posts, post.id, event.key === 'ArrowUp' ? -1 : 1));
  };
  const dropZone = (onDrop: (postId: string) => void) => ({
    onDragOver(event: DragEvent<HTMLElement>) {
      if (dragged.current === null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      event.currentTarget.classList.add('is-drop-target');
    },
    onDragLeave(event: DragEvent<HTMLElement>) {
      event.currentTarget.classList.remove('is-drop-target');
    },
    onDrop(event: DragEvent<HTMLElement>) {
      event.currentTarget.classList.remove('is-drop-target');
      const postId = dragged.current;
      dragged.current = null;
      if (postId === null) return;
      event.preventDefault();
      onDrop(postId);
    },
  });

  const slotRow = (entry: SlotEntry) => {
    const account = accountsById.get(entry.accountId);
    const at = new Date(entry.at).toISOString();
    const time = timeOfDay.format(entry.at);
    const name = account ? `${account.name} (${PLATFORM_LABELS[account.platform]})` : 'an account';
    return (
      <li key={`slot-${entry.accountId}-${entry.at}`}>
        <a
          className="agenda-slot"
          href={routeHref({ name: 'compose', postId: null, at, account: entry.accountId })}
          data-testid="agenda-slot"
          data-account-id={entry.accountId}
          data-at={at}
          aria-label={`Empty slot ${time} · ${name}: write a post for it`}
          {...dropZone((postId) => void onMoveToSlot(postId, entry.at).then(() => focusPost(postId)))}
        >
          <span className="post-row-when">{time}</span>
          <span className="agenda-slot-label">
            Empty slot
            {account ? (
              <>
                {' · '}
                <PlatformIcon platform={account.platform} size={14} decorative />
                {account.name}
              </>
            ) : null}
          </span>
        </a>
      </li>
    );
  };

  return (
    <div className="agenda" data-testid="agenda">
      {days.map((day) => {
        const near = nearDay(day.date);
        const postCount = day.entries.filter((entry) => entry.kind === 'post').length;
        const slotCount = day.entries.length - postCount;
        return (
          <section key={day.day} className="agenda-day" aria-labelledby={`agenda-${day.day}`} data-day={day.day}>
            <h3 className="agenda-day-title" id={`agenda-${day.day}`}>
              {near ? <span className="agenda-near">{near}</span> : null}
              {dayLong.format(day.date)}
              <span className="muted">
                {postCount} post{postCount === 1 ? '' : 's'}
                {slotCount > 0 ? ` · ${slotCount} empty slot${slotCount === 1 ? '' : 's'}` : ''}
              </span>
            </h3>
            <ul className="agenda-entries">
              {day.entries.map((entry) => {
                if (entry.kind === 'slot') return slotRow(entry);
                const { post } = entry;
                const movable = isReorderable(post);
                return (
                  <li
                    key={post.id}
                    className={movable ? 'is-movable' : undefined}
                    draggable={movable}
                    onDragStart={
                      movable
                        ? (event) => {
                            dragged.current = post.id;
                            event.dataTransfer.effectAllowed = 'move';
                            event.dataTransfer.setData('text/plain', post.id);
                          }
                        : undefined
                    }
                    onDragEnd={() => {
                      dragged.current = null;
                    }}
                    onKeyDown={movable ? onKeyDown(post) : undefined}
                    {...(movable ? dropZone((postId) => move(postId, reorderFor(posts, postId, post.id))) : {})}
                  >
                    <PostRow post={post} when={timeOfDay.format(entry.at)} testId="agenda-post" />
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {slots.length > 0 ? (
        <p className="hint agenda-hint">Drag a post onto another or onto an empty slot, or press Alt+↑ / Alt+↓, to move it in the queue.</p>
      ) : null}
      <button type="button" className="button agenda-more" onClick={onShowMore}>
        Show {moreLabel}
      </button>
    </div>
  );
}
