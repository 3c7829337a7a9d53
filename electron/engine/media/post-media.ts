// A post's media as the engine reads and writes it: library items (by id, with the facts the platform rules check)
// and links, in the post's order, each with its alt text. A post refers to an item; the file stays in the library
// for as long as any post uses it.
import { AppError } from '../../../shared/errors';
import type { PostMediaView } from '../../../shared/domain';
import type { MediaFacts } from '../../../shared/media-item';
import type { TargetMediaItem } from '../../../shared/platform-rules';
import { postMediaOf, type PostMediaEntryRow } from '../db/repositories/post-media.repository';
import type { SyncSql } from '../db/sync-sql';
import type { MediaRow, PostMediaRow } from '../db/tables';
import type { PublishMedia } from '../publishers/base/media';

/** One entry as a request gives it (the contract's `media`). */
export type PostMediaInput = { mediaId: string; altText?: string | undefined } | { url: string; altText?: string | undefined };

export interface ResolvedPostMedia {
  /** What post_media stores, in order. */
  rows: Omit<PostMediaRow, 'post_id'>[];
  /** The links among them, for the post's mediaUrls. */
  links: string[];
  /** What the platform rules check. */
  items: TargetMediaItem[];
}

export function mediaFactsOf(row: MediaRow): MediaFacts {
  return {
    kind: row.kind,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    videoCodec: row.video_codec,
    audioCodec: row.audio_codec,
    frameRate: row.frame_rate,
  };
}

export class PostMediaSource {
  constructor(
    private readonly sql: SyncSql,
    /** Where the library keeps an item's file. */
    private readonly pathOf: (row: Pick<MediaRow, 'stored_name'>) => string,
  ) {}

  /** Checks a request's entries against the library; an unknown item is bad input naming `media.<i>.mediaId`. */
  resolve(entries: readonly PostMediaInput[]): ResolvedPostMedia {
    const ids = entries.flatMap((entry) => ('mediaId' in entry ? [entry.mediaId] : []));
    const found = ids.length === 0 ? [] : this.sql.all(this.sql.db.selectFrom('media').selectAll().where('id', 'in', ids));
    const byId = new Map(found.map((row) => [row.id, row]));
    const resolved: ResolvedPostMedia = { rows: [], links: [], items: [] };
    entries.forEach((entry, position) => {
      const alt = entry.altText === undefined || entry.altText === '' ? null : entry.altText;
      if ('url' in entry) {
        resolved.rows.push({ position, media_id: null, url: entry.url, alt_text: alt });
        resolved.links.push(entry.url);
        resolved.items.push({ name: entry.url, url: entry.url });
        return;
      }
      const row = byId.get(entry.mediaId);
      if (!row) {
        const field = `media.${position}.mediaId`;
        throw new AppError({ code: 'validation', field, message: `${field}: no item with id ${entry.mediaId} in the media library.` });
      }
      resolved.rows.push({ position, media_id: row.id, url: null, alt_text: alt });
      resolved.items.push({ name: row.original_name, facts: mediaFactsOf(row) });
    });
    return resolved;
  }

  /** Each post's media as clients see it; a post without post_media rows is absent (its mediaUrls say it all). */
  views(postIds: readonly string[]): Map<string, PostMediaView[]> {
    const views = new Map<string, PostMediaView[]>();
    for (const [postId, rows] of postMediaOf(this.sql, postIds)) views.set(postId, rows.map(entryView));
    return views;
  }

  /** The stored media of a post for the platform rules, or undefined when it has only mediaUrls. */
  ruleItems(postId: string): TargetMediaItem[] | undefined {
    const rows = postMediaOf(this.sql, [postId]).get(postId);
    return rows?.map((row) =>
      row.item ? { name: row.item.original_name, facts: mediaFactsOf(row.item) } : { name: row.url ?? '', url: row.url ?? '' },
    );
  }

  /** What a publisher sends, in order: library files from disk, links as given; undefined when the post has only mediaUrls. */
  forPublish(postId: string): PublishMedia[] | undefined {
    const rows = postMediaOf(this.sql, [postId]).get(postId);
    return rows?.map((row): PublishMedia => {
      const altText = row.alt_text === null ? {} : { altText: row.alt_text };
      if (!row.item) return { source: 'link', url: row.url ?? '', ...altText };
      return { source: 'file', path: this.pathOf(row.item), name: row.item.original_name, facts: mediaFactsOf(row.item), ...altText };
    });
  }
}

function entryView(row: PostMediaEntryRow): PostMediaView {
  if (!row.item) return { mediaId: null, url: row.url, name: row.url ?? '', altText: row.alt_text, facts: null };
  return { mediaId: row.item.id, url: null, name: row.item.original_name, altText: row.alt_text, facts: mediaFactsOf(row.item) };
}
