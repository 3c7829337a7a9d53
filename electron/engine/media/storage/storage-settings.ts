// The user's media storage settings, kept in SQLite with the secret key sealed like an account token: answers carry
// everything but the secret, and a secret that can no longer be opened (another machine, another keychain) is
// asked for again rather than used wrongly.
import type { ParsedInput } from '../../../../shared/contract/channels';
import { AppError } from '../../../../shared/errors';
import type { MediaStorageState, MediaStorageView } from '../../../../shared/media-storage';
import type { Db } from '../../db/database';
import { readState, writeState } from '../../db/repositories/engine-state.repository';
import type { SyncSql } from '../../db/sync-sql';
import type { WriteBatcher } from '../../db/write-batcher';
import { openToken, sealToken, UnreadableValueError } from '../../secrets/token-store';
import type { TokenCipher } from '../../secrets/token-cipher';
import type { S3BucketConfig } from './s3-bucket';

const KEY = 'media_storage';

interface StoredStorage {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** The secret access key, sealed by the token cipher. */
  secretSealed: string;
  savedAt: number;
}

export type StorageInput = ParsedInput<'storage:set'>;

export class StorageSecretMissingError extends AppError {
  constructor(message: string) {
    super({ code: 'validation', field: 'secretAccessKey', message });
  }
}

export class MediaStorageSettings {
  private cached: StoredStorage | null | undefined;

  constructor(
    private readonly db: Db,
    private readonly sql: SyncSql,
    private readonly writes: WriteBatcher,
    private readonly cipher: TokenCipher,
    private readonly now: () => number,
  ) {}

  async state(): Promise<MediaStorageState> {
    const stored = await this.stored();
    return { storage: stored ? view(stored) : null };
  }

  /** The bucket to use, with its secret; undefined when none is configured. */
  async config(): Promise<S3BucketConfig | undefined> {
    const stored = await this.stored();
    if (!stored) return undefined;
    return { ...this.withoutSecret(stored), secretAccessKey: this.open(stored) };
  }

  /**
   * The bucket the input describes; without a secret, the saved one when the input names the same key id (the form
   * never shows the secret, so "Test" and "Save" without retyping it keep the saved one).
   */
  async resolve(input: StorageInput): Promise<S3BucketConfig> {
    const { secretAccessKey, ...rest } = input;
    if (secretAccessKey !== undefined) return { ...rest, secretAccessKey };
    const stored = await this.stored();
    if (!stored) throw new StorageSecretMissingError('secretAccessKey: enter the secret access key that belongs to this key id.');
    if (stored.accessKeyId !== input.accessKeyId) {
      throw new StorageSecretMissingError('secretAccessKey: the access key id changed; enter the secret access key that belongs to it.');
    }
    return { ...rest, secretAccessKey: this.open(stored) };
  }

  async save(input: StorageInput): Promise<MediaStorageState> {
    const config = await this.resolve(input);
    const next: StoredStorage = {
      endpoint: config.endpoint,
      region: config.region,
      bucket: config.bucket,
      accessKeyId: config.accessKeyId,
      secretSealed: sealToken(this.cipher, config.secretAccessKey),
      savedAt: this.now(),
    };
    await this.writes.write(() => writeState(this.sql, KEY, next));
    this.cached = next;
    return { storage: view(next) };
  }

  async remove(): Promise<MediaStorageState> {
    await this.writes.write(() => writeState(this.sql, KEY, null));
    this.cached = null;
    return { storage: null };
  }

  private async stored(): Promise<StoredStorage | null> {
    if (this.cached === undefined) this.cached = (await readState<StoredStorage | null>(this.db, KEY)) ?? null;
    return this.cached;
  }

  private withoutSecret(stored: StoredStorage): Omit<S3BucketConfig, 'secretAccessKey'> {
    return { endpoint: stored.endpoint, region: stored.region, bucket: stored.bucket, accessKeyId: stored.accessKeyId };
  }

  private open(stored: StoredStorage): string {
    try {
      return openToken(this.cipher, stored.secretSealed);
    } catch (error) {
      // A locked credential store stays an engine error (entering the secret again would not help).
      if (!(error instanceof UnreadableValueError)) throw error;
      throw new StorageSecretMissingError(
        'secretAccessKey: the saved secret key of your media storage cannot be read on this machine; enter it again under Settings → Media storage.',
      );
    }
  }
}

function view(stored: StoredStorage): MediaStorageView {
  return {
    endpoint: stored.endpoint,
    region: stored.region,
    bucket: stored.bucket,
    accessKeyId: stored.accessKeyId,
    savedAt: new Date(stored.savedAt).toISOString(),
  };
}
