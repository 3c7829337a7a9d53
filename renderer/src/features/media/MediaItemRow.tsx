// One file of the library: what it is, where it is used, and, when no post uses it, when it goes and a way to remove it.
import type { MediaItemView, MediaUse } from '../../../../shared/media-item';
import { formatBytes } from '../../../../shared/media-item';
import type { PostStatus } from '../../../../shared/domain';
import { ConfirmButton } from '../../components/ConfirmButton';
import { StatusBadge } from '../../components/StatusBadge';
import { mediaFactsText, mediaTypeText } from '../../lib/media-facts-text';
import { postHref } from '../../lib/route';
import { POST_STATUS_META } from '../../lib/status';
import { formatInstant, userTimeZone } from '../../lib/time';
import { MediaThumbnail } from './MediaThumbnail';

interface MediaItemRowProps {
  item: MediaItemView;
  busy: boolean;
  onRemove: (item: MediaItemView) => void;
}

function UseLink({ use }: { use: MediaUse }) {
  const meta = POST_STATUS_META[use.status as PostStatus] ?? { label: use.status, tone: 'neutral' as const };
  return (
    <li className="media-use">
      <a href={postHref(use.postId)} data-testid="media-use" data-post-id={use.postId}>
        {use.text.trim() === '' ? <span className="muted">(no text)</span> : use.text}
      </a>
      <StatusBadge label={meta.label} tone={meta.tone} />
      {use.scheduledAt ? <span className="muted media-use-when">{formatInstant(use.scheduledAt, userTimeZone(), 'short')}</span> : null}
    </li>
  );
}

export function MediaItemRow({ item, busy, onRemove }: MediaItemRowProps) {
  const zone = userTimeZone();
  const facts = mediaFactsText(item);
  const used = item.usedBy.length > 0;
  return (
    <li className="media-item card" data-testid="media-item" data-media-id={item.id} data-used={used ? 'true' : 'false'}>
      <MediaThumbnail item={item} />
      <div className="media-item-body">
        <h2 className="media-item-name" title={item.name}>
          {item.name}
        </h2>
        <p className="media-item-facts" data-testid="media-facts">
          {mediaTypeText(item)} · {formatBytes(item.sizeBytes)}
          {facts === '' ? null : ` · ${facts}`}
        </p>
        <p className="muted media-item-imported">Imported {formatInstant(item.createdAt, zone, 'short')}</p>
        {used ? (
          <div className="media-item-uses">
            <span className="media-item-uses-title">
              Used by {item.usedBy.length} post{item.usedBy.length === 1 ? '' : 's'}
            </span>
            <ul>
              {item.usedBy.map((use) => (
                <UseLink key={use.postId} use={use} />
              ))}
            </ul>
          </div>
        ) : (
          <p className="media-item-unused" data-testid="media-unused">
            Not used by any post
            {item.removeAfter ? ` · removed automatically ${formatInstant(item.removeAfter, zone, 'short')}` : ''}
          </p>
        )}
      </div>
      <div className="media-item-actions">
        {used ? (
          <span className="muted media-item-keep" title="Remove it from its posts first; a file a post uses is never deleted.">
            In use
          </span>
        ) : (
          <ConfirmButton
            label="Remove"
            icon="trash"
            question={`Delete ${item.name} from this computer?`}
            confirmLabel="Delete file"
            busy={busy}
            onConfirm={() => onRemove(item)}
          />
        )}
      </div>
    </li>
  );
}
