// The whole post beside its chip: full text, picture, time, and each platform's state. One for the calendar, shown
// while the pointer rests on a chip or the keyboard is on it; it never takes focus.
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { PLATFORM_LABELS } from '../../../../shared/domain';
import type { PostSummary } from '../../../../shared/post-summary';
import { PlatformIcon } from '../../components/PlatformIcon';
import { PostStatusBadge } from '../../components/PostStatusBadge';
import { postEventTime } from '../../lib/calendar-events';
import { postThumbnail } from '../../lib/post-thumbnail';
import { TARGET_STATUS_META } from '../../lib/status';
import { formatInstant, userTimeZone } from '../../lib/time';
import { PostThumb } from '../../components/PostThumb';

const GAP_PX = 8;
const TEXT_LIMIT = 600;

export function PostPeek({ post, anchor }: { post: PostSummary; anchor: HTMLElement }) {
  const card = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const at = postEventTime(post);
  const thumbnail = postThumbnail(post);
  const text = post.text.trim();

  useLayoutEffect(() => {
    const box = anchor.getBoundingClientRect();
    const width = card.current?.offsetWidth ?? 320;
    const height = card.current?.offsetHeight ?? 200;
    // Beside the chip where there is room, else below or above it; always inside the window.
    const right = box.right + GAP_PX;
    const left = right + width <= window.innerWidth ? right : Math.max(GAP_PX, box.left - GAP_PX - width);
    const top = Math.min(Math.max(GAP_PX, box.top), window.innerHeight - height - GAP_PX);
    setPlace({ top, left });
  }, [anchor, post]);

  return createPortal(
    <div
      ref={card}
      className="post-peek"
      role="tooltip"
      data-testid="post-peek"
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden', top: 0, left: 0 }}
    >
      <div className="post-peek-head">
        <span className="post-peek-when">{at ? formatInstant(at, userTimeZone()) : 'No time yet'}</span>
        <PostStatusBadge post={post} />
      </div>
      {thumbnail ? <PostThumb thumbnail={thumbnail} className="post-peek-thumb" /> : null}
      <p className="post-peek-text">
        {text === '' ? <span className="muted">No text; media only.</span> : text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text}
      </p>
      <ul className="post-peek-targets">
        {post.targets.map((target) => {
          const meta = TARGET_STATUS_META[target.status];
          return (
            <li key={target.id} className={`tone-${meta.tone}`}>
              <PlatformIcon platform={target.platform} size={16} decorative />
              <span>
                {target.accountName} <span className="muted">· {PLATFORM_LABELS[target.platform]}</span>
              </span>
              <span className="post-peek-target-status">{meta.label}</span>
            </li>
          );
        })}
      </ul>
    </div>,
    document.body,
  );
}
