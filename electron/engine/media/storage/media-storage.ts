// Public links for files from the user's disk: a library file a platform must fetch by URL (Instagram) is uploaded
// to the user's S3-compatible bucket and handed over as a presigned GET link valid for an hour. Each object is noted
// in SQLite before it is uploaded, and deleted once its target is live, failed or cancelled (the platform has
// fetched it by then) — and within a day whatever happened, so nothing lingers in the user's bucket.
import { basename } from 'node:path';
import { PUBLIC_LINK_LIFETIME_SECONDS, type MediaStorageTestResult } from '../../../../shared/media-storage';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/database';
import {
  forgetStorageObject,
  noteStorageObject,
  settledStorageObjects,
  storageObjectsOfTarget,
} from '../../db/repositories/storage-objects.repository';
import type { SyncSql } from '../../db/sync-sql';
import type { StorageObjectRow } from '../../db/tables';
import type { WriteBatcher } from '../../db/write-batcher';
import type { Logger } from '../../logger';
import type { MediaFile } from '../../publishers/base/media';
import { PermanentError, RetryableError } from '../../publishers/errors';
import type { PublicMediaLinks } from '../../publishers/publisher';
import { S3Bucket, StorageError, type S3BucketConfig } from './s3-bucket';
import type { MediaStorageSettings, StorageInput } from './storage-settings';
import { testStorage } from './storage-test';

/** Objects older than this are deleted whatever their target's state: a platform's containers expire within a day. */
export const STORAGE_OBJECT_MAX_AGE_MS = 24 * 60 * 60_000;
const KEY_PREFIX = 'publishing-engine';

export interface MediaStorageOptions {
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  settings: MediaStorageSettings;
  now: () => number;
  log: Logger;
  /** How long a presigned link works; an hour unless a test makes links that expire before the platform fetches them. */
  linkLifetimeSeconds?: number;
}

export class MediaStorage {
  /** Deletions under way, so a sweep and a settled target never delete the same object twice at once. */
  private readonly deleting = new Map<string, Promise<void>>();

  constructor(private readonly options: MediaStorageOptions) {}

  get settings(): MediaStorageSettings {
    return this.options.settings;
  }

  async isConfigured(): Promise<boolean> {
    return (await this.options.settings.state()).storage !== null;
  }

  /** The Test button: the bucket the form describes takes a file, serves it through a presigned link, deletes it. */
  async test(input: StorageInput): Promise<MediaStorageTestResult> {
    const config = await this.options.settings.resolve(input);
    try {
      return await testStorage(this.bucket(config), config);
    } catch (error) {
      if (error instanceof StorageError) throw new AppError({ code: 'validation', field: error.field ?? 'endpoint', message: error.message });
      throw error;
    }
  }

  /** Links for one target's publish: each file goes up once per target, under a key only this target uses. */
  linksFor(targetId: string): PublicMediaLinks {
    return {
      linkFor: async (file, options = {}) => {
        const config = await this.configForPublishing();
        const bucket = this.bucket(config);
        const key = `${KEY_PREFIX}/${targetId}/${basename(file.path)}`;
        const row: StorageObjectRow = { key, endpoint: config.endpoint, bucket: config.bucket, target_id: targetId, created_at: this.options.now() };
        // On disk before the upload starts: a crash mid-upload still leaves the row that gets the object deleted.
        await this.options.writes.write(() => noteStorageObject(this.options.sql, row));
        try {
          await bucket.put(key, file.range(), file.mimeType, options);
          return await bucket.presignGet(key, this.options.linkLifetimeSeconds ?? PUBLIC_LINK_LIFETIME_SECONDS);
        } catch (error) {
          throw publishError(file, error);
        }
      },
    };
  }

  /** Deletes the objects of a target that went live, failed or was cancelled. */
  async releaseTarget(targetId: string): Promise<void> {
    const rows = storageObjectsOfTarget(this.options.sql, targetId);
    await Promise.all(rows.map((row) => this.delete(row)));
  }

  /** Deletes every object nobody needs any more (see settledStorageObjects); a failed deletion waits for the next sweep. */
  async sweep(): Promise<void> {
    const rows = await settledStorageObjects(this.options.db, this.options.now() - STORAGE_OBJECT_MAX_AGE_MS);
    await Promise.all(rows.map((row) => this.delete(row)));
  }

  private bucket(config: S3BucketConfig): S3Bucket {
    return new S3Bucket(config, { now: this.options.now });
  }

  private async configForPublishing(): Promise<S3BucketConfig> {
    let config: S3BucketConfig | undefined;
    try {
      config = await this.options.settings.config();
    } catch (error) {
      if (error instanceof AppError) throw new PermanentError(error.message.replace(/^secretAccessKey: /, ''));
      throw error;
    }
    if (!config) throw new PermanentError(NO_STORAGE_MESSAGE);
    return config;
  }

  private delete(row: StorageObjectRow): Promise<void> {
    let running = this.deleting.get(row.key);
    if (!running) {
      running = this.deleteNow(row).finally(() => this.deleting.delete(row.key));
      this.deleting.set(row.key, running);
    }
    return running;
  }

  private async deleteNow(row: StorageObjectRow): Promise<void> {
    let config: S3BucketConfig | undefined;
    try {
      config = await this.options.settings.config();
    } catch {
      config = undefined;
    }
    if (!config || config.endpoint !== row.endpoint || config.bucket !== row.bucket) {
      // The storage it went to is no longer configured: nothing here can delete it any more.
      this.options.log.warn(`Media storage: ${row.key} stays in ${row.bucket} at ${row.endpoint}, which is no longer the configured storage.`);
      await this.options.writes.write(() => forgetStorageObject(this.options.sql, row.key));
      return;
    }
    try {
      await this.bucket(config).remove(row.key);
    } catch (error) {
      // Tried again by the next sweep.
      this.options.log.warn(`Media storage: deleting ${row.key} failed.`, error);
      return;
    }
    await this.options.writes.write(() => forgetStorageObject(this.options.sql, row.key));
  }
}

export const NO_STORAGE_MESSAGE =
  'Instagram fetches media from a public link, and no media storage is set up for files from your computer. Set one up under Settings → Media storage, or use a link to the file.';

function publishError(file: MediaFile, error: unknown): unknown {
  if (!(error instanceof StorageError)) return error;
  if (error.passing) return new RetryableError(`Uploading ${file.name} to your media storage failed: ${error.message}`);
  return new PermanentError(`Uploading ${file.name} to your media storage failed: ${error.message} Check Settings → Media storage.`, {
    platformCode: `storage-${error.code}`,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
  });
}
