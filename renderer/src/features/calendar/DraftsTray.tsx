// Drafts that have no time yet: ideas waiting for a day. They have no place on the grid, so they sit beside it,
// newest first, each opening in the composer where a time and accounts make it a scheduled post. Dragged onto a day,
// a draft is scheduled there (the calendar asks for accounts when it has none).
import { useEffect, useState } from 'react';
import { PlatformIcon } from '../../components/PlatformIcon';
import { postTitle } from '../../lib/calendar-events';
import { draftsResource } from '../../lib/drafts-store';
import { editPostHref } from '../../lib/route';
import { relativeToNow } from '../../lib/time';
import { useCalendarInteractions } from './calendar-interactions';

export function DraftsTray() {
  const state = draftsResource.useLive();
  const drafts = state.data ?? [];
  const interactions = useCalendarInteractions();
  // The calendar shows its own load error; the tray stays empty, and asks again the next time the calendar shows.
  const [failedBefore] = useState(state.status === 'error');
  useEffect(() => {
    if (failedBefore) draftsResource.reload();
  }, [failedBefore]);

  if (drafts.length === 0) return null;
  return (
    <details className="drafts-tray" open data-testid="drafts-tray">
      <summary>
        Drafts without a time <span className="drafts-count">{drafts.length}</span>
      </summary>
      <ul className="drafts-list">
        {drafts.map((draft) => (
          <li key={draft.id}>
            <a
              className="draft-card"
              href={editPostHref(draft.id)}
              data-testid="draft-card"
              data-post-id={draft.id}
              draggable
              title="Open it, or drag it onto a day to schedule it"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', draft.id);
                interactions.dragStart(draft);
              }}
              onDragEnd={interactions.dragEnd}
            >
              <span className="draft-title">{postTitle(draft.text, draft.mediaUrls.length)}</span>
              <span className="draft-meta">
                {draft.targets.length === 0 ? (
                  <span className="muted">No accounts yet</span>
                ) : (
                  [...new Set(draft.targets.map((target) => target.platform))].map((platform) => (
                    <PlatformIcon key={platform} platform={platform} size={14} />
                  ))
                )}
                <span className="muted">· {relativeToNow(draft.updatedAt)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
