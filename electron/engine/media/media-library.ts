// The media library: files the user imports are copied into `<data dir>/media/` under their SHA-256 (the same file
// twice is one copy and one item), described by facts read from their bytes, and removed 30 days after the last post
// that used them let go of them. An import is all or nothing: one bad file in a batch stores none of them.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { readdir, realpath, rm, stat, unlink } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MEDIA_UNUSED_RETENTION_DAYS, type MediaFacts, type MediaItemView, type MediaLibraryView, type MediaUse } from '../../../shared/media-item';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/database';
import {
  deleteMedia,
  findMedia,
  findMediaBySha,
  insertMedia,
  isMediaUsed,
  listMedia,
  listMediaUses,
  mediaTotalBytes,
  sweepUnusedMedia,
  type MediaUseRow,
} from '../db/repositories/media.repository';
import type { SyncSql } from '../db/sync-sql';
import type { MediaRow } from '../db/tables';
import type { WriteBatcher } from '../db/write-batcher';
import type { Logger } from '../logger';
import { MediaRefusedError } from './media-refused-error';
import { openPickedFile } from './picked-file';
import { mediaFactsOf } from './post-media';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Leftovers of an interrupted import (a temp copy, a copy whose row was never written) older than this are removed. */
const STALE_FILE_MS = 60 * 60 * 1000;
const INCOMING_DIR = '.incoming';

export interface FileToImport {
  path: string;
  /** The name the user knows the file by, when the path does not carry it (a web upload's temp file). */
  name?: string;
}

export interface MediaLibraryOptions {
  dataDir: string;
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  now: () => number;
  log: Logger;
}

interface Staged {
  tempPath: string;
  sha256: string;
  name: string;
  facts: MediaFacts;
  storedName: string;
}

export class MediaLibrary {
  /** `<data dir>/media`: one file per item, named `<sha256>.<ext>`. */
  readonly dir: string;
  private readonly incoming: string;

  constructor(private readonly options: MediaLibraryOptions) {
    this.dir = join(options.dataDir, 'media');
    this.incoming = join(this.dir, INCOMING_DIR);
    mkdirSync(this.incoming, { recursive: true, mode: 0o700 });
  }

  /** Imports the files in order; returns their items (an already imported file returns its existing item). */
  async importFiles(files: readonly FileToImport[], field = 'paths'): Promise<MediaItemView[]> {
    const staged: Staged[] = [];
    try {
      for (const [index, file] of files.entries()) {
        try {
          staged.push(await this.stage(file));
        } catch (error) {
          if (error instanceof MediaRefusedError) throw new AppError({ code: 'validation', field: `${field}.${index}`, message: error.message });
          throw error;
        }
      }
      const now = this.options.now();
      const rows = await this.options.writes.write(() =>
        staged.map((item) => {
          const existing = findMediaBySha(this.options.sql, item.sha256);
          if (existing) return existing;
          const storedName = item.storedName;
          // Same bytes, same name: a copy left by an earlier interrupted import is simply replaced.
          renameSync(item.tempPath, join(this.dir, storedName));
          const row: MediaRow = {
            id: randomUUID(),
            sha256: item.sha256,
            original_name: item.name,
            stored_name: storedName,
            mime_type: item.facts.mimeType,
            kind: item.facts.kind,
            size_bytes: item.facts.sizeBytes,
            width: item.facts.width,
            height: item.facts.height,
            duration_ms: item.facts.durationMs,
            video_codec: item.facts.videoCodec,
            audio_codec: item.facts.audioCodec,
            frame_rate: item.facts.frameRate,
            created_at: now,
            // Unused until a post takes it: an import nobody posts is cleaned up like any unused file.
            unused_since: now,
          };
          insertMedia(this.options.sql, row);
          return row;
        }),
      );
      return this.views(rows);
    } finally {
      // Temp copies of duplicates, and of every file when the batch failed.
      await Promise.all(staged.map((item) => rm(item.tempPath, { force: true })));
    }
  }

  /**
   * Imports files a client named by path (the desktop app's picker and drops, the CLI). The app's own files (its
   * database, keys, Redis data and this library) are never media to publish, whatever path or link leads to them.
   */
  async importPicked(paths: readonly string[]): Promise<MediaItemView[]> {
    const own = `${await realpath(this.options.dataDir)}${sep}`;
    for (const [index, path] of paths.entries()) {
      // A path that does not resolve is refused by name when it is opened.
      const real = await realpath(path).catch(() => null);
      if (real !== null && real.startsWith(own)) {
        throw new AppError({
          code: 'validation',
          field: `paths.${index}`,
          message: `${basename(path)} is one of the app's own files (in its data folder), not media to publish.`,
        });
      }
    }
    return this.importFiles(paths.map((path) => ({ path })));
  }

  async list(): Promise<MediaLibraryView> {
    const rows = await listMedia(this.options.db);
    return { items: await this.views(rows), totalBytes: await mediaTotalBytes(this.options.db) };
  }

  async get(id: string): Promise<MediaItemView> {
    const [view] = await this.views([await this.row(id)]);
    return view as MediaItemView;
  }

  /** The stored file of an item, for publishers and previews. */
  async file(id: string): Promise<{ path: string; row: MediaRow }> {
    const row = await this.row(id);
    return { path: this.pathOf(row), row };
  }

  pathOf(row: Pick<MediaRow, 'stored_name'>): string {
    return join(this.dir, row.stored_name);
  }

  /** Removes an item no post uses, at the user's request. */
  async remove(id: string): Promise<void> {
    const row = await this.row(id);
    const removed = await this.options.writes.write(() => {
      if (isMediaUsed(this.options.sql, id)) return false;
      deleteMedia(this.options.sql, id);
      return true;
    });
    if (!removed) {
      throw new AppError({ code: 'conflict', field: 'id', message: `${row.original_name} is used by a post; remove it from the post first.` });
    }
    await rm(this.pathOf(row), { force: true });
  }

  /**
   * Marks items no post uses, removes those unused for 30 days (row first, then file), and clears leftovers of
   * interrupted imports. Returns how many items were removed.
   */
  async collectGarbage(): Promise<number> {
    const now = this.options.now();
    const expired = await this.options.writes.write(() => {
      const rows = sweepUnusedMedia(this.options.sql, now, now - MEDIA_UNUSED_RETENTION_DAYS * DAY_MS);
      // A post may have taken an item since the sweep read it: deleteMedia's foreign key check is the last word.
      return rows.filter((row) => {
        if (isMediaUsed(this.options.sql, row.id)) return false;
        deleteMedia(this.options.sql, row.id);
        return true;
      });
    }, 'relaxed');
    for (const row of expired) await rm(this.pathOf(row), { force: true });
    await this.removeLeftovers(now);
    if (expired.length > 0) this.options.log.info(`Media library: removed ${expired.length} file(s) unused for ${MEDIA_UNUSED_RETENTION_DAYS} days.`);
    return expired.length;
  }

  private async row(id: string): Promise<MediaRow> {
    const row = await findMedia(this.options.db, id);
    if (!row) throw new AppError({ code: 'not_found', field: 'id', message: `No media item with id ${id}.` });
    return row;
  }

  /** Copies the file into the incoming folder while hashing it, then reads its facts from the copy. */
  private async stage(file: FileToImport): Promise<Staged> {
    const picked = await openPickedFile(file.path, file.name);
    const tempPath = join(this.incoming, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let copied = 0;
    try {
      await pipeline(
        picked.handle.createReadStream({ autoClose: false }),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            copied += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }),
      );
      if (copied !== picked.size) throw new MediaRefusedError(`${picked.name} changed while it was being imported; add it again.`);
      const { readMediaFacts, storedExtension } = await import('./media-facts');
      const facts = await readMediaFacts(tempPath, picked.name, copied);
      const sha256 = hash.digest('hex');
      return { tempPath, sha256, name: picked.name, facts, storedName: `${sha256}.${storedExtension(facts.mimeType)}` };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    } finally {
      await picked.handle.close();
    }
  }

  private async views(rows: readonly MediaRow[]): Promise<MediaItemView[]> {
    const uses = await listMediaUses(
      this.options.db,
      rows.map((row) => row.id),
    );
    const byItem = new Map<string, MediaUseRow[]>();
    for (const use of uses) byItem.set(use.media_id, [...(byItem.get(use.media_id) ?? []), use]);
    return rows.map((row) => mediaItemView(row, byItem.get(row.id) ?? []));
  }

  private async removeLeftovers(now: number): Promise<void> {
    const known = new Set((await listMedia(this.options.db)).map((row) => row.stored_name));
    const candidates = [
      ...(await readdir(this.incoming)).map((name) => join(this.incoming, name)),
      ...(await readdir(this.dir)).filter((name) => name !== INCOMING_DIR && !known.has(name)).map((name) => join(this.dir, name)),
    ];
    for (const path of candidates) {
      try {
        if (now - (await stat(path)).mtimeMs > STALE_FILE_MS) await unlink(path);
      } catch {
        // Gone already, or not ours to remove: nothing to do.
      }
    }
  }
}

const TEXT_EXCERPT = 80;

export function mediaItemView(row: MediaRow, uses: readonly MediaUseRow[]): MediaItemView {
  const usedBy: MediaUse[] = uses.map((use) => ({
    postId: use.post_id,
    text: use.text.length > TEXT_EXCERPT ? `${use.text.slice(0, TEXT_EXCERPT - 1)}…` : use.text,
    status: use.status,
    scheduledAt: use.scheduled_at === null ? null : new Date(use.scheduled_at).toISOString(),
  }));
  const unusedSince = usedBy.length > 0 ? null : row.unused_since;
  return {
    id: row.id,
    name: row.original_name,
    sha256: row.sha256,
    ...mediaFactsOf(row),
    createdAt: new Date(row.created_at).toISOString(),
    usedBy,
    unusedSince: unusedSince === null ? null : new Date(unusedSince).toISOString(),
    removeAfter: unusedSince === null ? null : new Date(unusedSince + MEDIA_UNUSED_RETENTION_DAYS * DAY_MS).toISOString(),
  };
}
