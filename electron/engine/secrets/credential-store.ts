// One credential store per data directory: a random data key kept in the OS keychain, or, where no keychain is
// reachable, in an owner-only key file. The choice is made once, at the first start, and recorded in the database,
// so a later start never silently switches (a switch would leave every saved token unreadable). When the recorded
// store cannot give its key (a locked keychain, a deleted key file) the engine still starts, says so, and can try
// again; it never creates a new key over secrets that the old one sealed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from '../db/database';
import { readState, writeState } from '../db/repositories/engine-state.repository';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import type { Logger } from '../logger';
import { aesGcmCipher, DATA_KEY_BYTES } from './aes-gcm-cipher';
import { createKeyFile, keyFilePath, readKeyFile } from './key-file';
import type { Keychain } from './keychain';
import type { TokenCipher } from './token-cipher';
import { CredentialStoreError } from './token-store';

export const DATA_KEY_SCHEME = 'data-key-v1';
const RECORD_KEY = 'credential_store';

export const CREDENTIAL_STORE_KINDS = ['keychain', 'key-file'] as const;
export type CredentialStoreKind = (typeof CREDENTIAL_STORE_KINDS)[number];

/** What the database remembers about the store. */
export interface CredentialStoreRecord {
  kind: CredentialStoreKind;
  /** Names the keychain entry, so several data directories on one machine keep separate keys. */
  keyId: string;
  createdAt: number;
}

export interface CredentialStoreStatus {
  kind: CredentialStoreKind;
  /** Where the key lives, in words. */
  where: string;
  state: 'ready' | 'locked';
  /** Why the store is locked; null when ready. */
  problem: string | null;
}

export interface CredentialStoreOptions {
  dataDir: string;
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  /** The OS keychain; null where none may be used. */
  keychain: Keychain | null;
  /** Forces the store chosen at the first start (`PUBLISHING_ENGINE_CREDENTIAL_STORE`); ignored once one is recorded. */
  prefer?: CredentialStoreKind;
  log: Logger;
  now: () => number;
}

export class CredentialStore {
  private inner: TokenCipher;
  private problem: string | null;

  /** The cipher every part uses; while the store is locked it throws CredentialStoreError. */
  readonly cipher: TokenCipher;

  private constructor(
    private readonly record: CredentialStoreRecord,
    private readonly where: string,
    private readonly load: () => Promise<Buffer | { problem: string }>,
    loaded: Buffer | { problem: string },
  ) {
    this.problem = null;
    this.inner = lockedCipher('');
    this.apply(loaded);
    this.cipher = {
      scheme: DATA_KEY_SCHEME,
      encrypt: (plain) => this.inner.encrypt(plain),
      decrypt: (stored) => this.inner.decrypt(stored),
    };
  }

  static async open(options: CredentialStoreOptions): Promise<CredentialStore> {
    const recorded = await readState<CredentialStoreRecord>(options.db, RECORD_KEY);
    const record = recorded ?? (await choose(options));
    const source = keySource(record, options);
    const store = new CredentialStore(record, source.where, source.load, await source.load());
    if (!recorded) {
      // Recorded only once the key is safely kept, so a crash in between leaves no record pointing at nothing.
      await options.writes.write(() => writeState(options.sql, RECORD_KEY, record));
      options.log.info(`Tokens are encrypted with a data key kept in ${source.where}.`);
    }
    const status = store.status();
    if (status.state === 'locked') options.log.error(`The credential store is locked: ${status.problem ?? ''}`);
    return store;
  }

  get kind(): CredentialStoreKind {
    return this.record.kind;
  }

  status(): CredentialStoreStatus {
    return { kind: this.record.kind, where: this.where, state: this.problem === null ? 'ready' : 'locked', problem: this.problem };
  }

  /** A locked store tries to load its key again (after the user unlocked the keychain or restored the key file). */
  async retry(): Promise<CredentialStoreStatus> {
    if (this.problem !== null) this.apply(await this.load());
    return this.status();
  }

  private apply(loaded: Buffer | { problem: string }): void {
    if (Buffer.isBuffer(loaded)) {
      this.inner = aesGcmCipher(DATA_KEY_SCHEME, loaded);
      this.problem = null;
    } else {
      this.inner = lockedCipher(loaded.problem);
      this.problem = loaded.problem;
    }
  }
}

/** The first start: the keychain when it works here, else the key file. */
async function choose(options: CredentialStoreOptions): Promise<CredentialStoreRecord> {
  const record = (kind: CredentialStoreKind): CredentialStoreRecord => ({ kind, keyId: randomBytes(8).toString('hex'), createdAt: options.now() });
  const { keychain, prefer, log } = options;
  if (prefer === 'key-file' || keychain === null) return record('key-file');
  const candidate = record('keychain');
  try {
    const value = randomBytes(DATA_KEY_BYTES).toString('base64');
    await keychain.write(entryName(candidate), value);
    // Read back: some keychains accept a write they cannot return (a locked collection, a session-only store).
    if ((await keychain.read(entryName(candidate))) !== value) throw new Error('the value read back differs from the one written');
    return candidate;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (prefer === 'keychain') throw new Error(`The credential store was set to the keychain, but ${keychain.label} cannot be used: ${reason}`);
    log.info(`${keychain.label} cannot be used (${reason}); tokens are encrypted with an owner-only key file instead.`);
    return record('key-file');
  }
}

function keySource(
  record: CredentialStoreRecord,
  options: CredentialStoreOptions,
): { where: string; load: () => Promise<Buffer | { problem: string }> } {
  if (record.kind === 'key-file') {
    const file = keyFilePath(options.dataDir);
    return {
      where: `the key file ${file}`,
      load: async () => {
        // Only the very first start creates the file; afterwards a missing file is a problem to report.
        if (!existsSync(file) && (await isFirstStart(options))) return createKeyFile(file);
        const read = readKeyFile(file);
        return 'key' in read ? read.key : read;
      },
    };
  }
  const { keychain } = options;
  const where = keychain?.label ?? 'the OS keychain';
  return {
    where,
    load: async () => {
      if (!keychain) return { problem: `this data directory keeps its key in ${where}, which this process cannot use` };
      try {
        const value = await keychain.read(entryName(record));
        if (value === null) return { problem: `the data key is missing from ${where}` };
        const key = Buffer.from(value, 'base64');
        return key.length === DATA_KEY_BYTES ? key : { problem: `the data key in ${where} is damaged` };
      } catch (error) {
        return { problem: `${where} cannot be read (${error instanceof Error ? error.message : String(error)})` };
      }
    },
  };
}

async function isFirstStart(options: CredentialStoreOptions): Promise<boolean> {
  return (await readState<CredentialStoreRecord>(options.db, RECORD_KEY)) === undefined;
}

function entryName(record: CredentialStoreRecord): string {
  return `data-key-${record.keyId}`;
}

function lockedCipher(problem: string): TokenCipher {
  const fail = (): never => {
    throw new CredentialStoreError(problem);
  };
  return { scheme: DATA_KEY_SCHEME, encrypt: fail, decrypt: fail };
}
