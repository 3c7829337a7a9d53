// The credential store: one data key per data directory, in the keychain when one works, else in an owner-only key
// file; the choice is recorded and never silently switched; a store that cannot give its key is reported as
// locked (and can try again); tokens of earlier versions move over once.
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/engine/logger';
import { CredentialStore, DATA_KEY_SCHEME, type CredentialStoreOptions } from '../../electron/engine/secrets/credential-store';
import { keyFilePath } from '../../electron/engine/secrets/key-file';
import { migrateLegacyTokens } from '../../electron/engine/secrets/legacy-tokens';
import { CredentialStoreError, openToken, sealToken } from '../../electron/engine/secrets/token-store';
import { MemoryKeychain } from '../helpers/memory-keychain';
import { openMemoryStore, type MemoryStore } from '../helpers/memory-store';
import { makeDataDir, removeDataDir } from '../helpers/test-engine';

let dataDir: string;
let store: MemoryStore;

beforeEach(async () => {
  dataDir = makeDataDir();
  store = await openMemoryStore();
});

afterEach(async () => {
  await store.close();
  removeDataDir(dataDir);
});

function open(extra: Partial<CredentialStoreOptions> = {}): Promise<CredentialStore> {
  return CredentialStore.open({
    dataDir,
    db: store.opened.db,
    sql: store.sql,
    writes: store.writes,
    keychain: null,
    log: silentLogger,
    now: Date.now,
    ...extra,
  });
}

function recorded(): unknown {
  const row = store.opened.sqlite.prepare("select value from engine_state where key = 'credential_store'").get() as { value: string } | undefined;
  return row ? JSON.parse(row.value) : undefined;
}

describe('choosing the store at the first start', () => {
  it('uses the keychain when it works, and writes no key file', async () => {
    const keychain = new MemoryKeychain();
    const credentials = await open({ keychain });
    expect(credentials.status()).toEqual({ kind: 'keychain', where: 'the test keychain', state: 'ready', problem: null });
    expect(recorded()).toMatchObject({ kind: 'keychain' });
    expect(keychain.entries.size).toBe(1);
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
    const sealed = sealToken(credentials.cipher, 'secret-token');
    expect(sealed.startsWith(`${DATA_KEY_SCHEME}$`)).toBe(true);
    expect(sealed).not.toContain('secret-token');
    expect(openToken(credentials.cipher, sealed)).toBe('secret-token');
  });

  it('falls back to an owner-only key file where no keychain can be reached, and records that', async () => {
    const keychain = new MemoryKeychain();
    keychain.reachable = false;
    const credentials = await open({ keychain });
    expect(credentials.status()).toMatchObject({ kind: 'key-file', state: 'ready' });
    expect(recorded()).toMatchObject({ kind: 'key-file' });
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(openToken(credentials.cipher, sealToken(credentials.cipher, 'x'))).toBe('x');
  });

  it('takes the key file when told to, even with a working keychain', async () => {
    const keychain = new MemoryKeychain();
    expect((await open({ keychain, prefer: 'key-file' })).kind).toBe('key-file');
    expect(keychain.entries.size).toBe(0);
  });

  it('does not choose a keychain that takes a value but cannot give it back (a session-only store): the key file', async () => {
    // Stands in for a keychain that forgets: every later start would find the key gone and every token unreadable.
    class ForgetfulKeychain extends MemoryKeychain {
      override async read(): Promise<string | null> {
        return null;
      }
    }
    const credentials = await open({ keychain: new ForgetfulKeychain() });
    expect(credentials.status()).toMatchObject({ kind: 'key-file', state: 'ready' });
    expect(recorded()).toMatchObject({ kind: 'key-file' });
    const sealed = sealToken(credentials.cipher, 'kept');
    expect(openToken((await open({ keychain: new ForgetfulKeychain() })).cipher, sealed)).toBe('kept');
  });

  it('refuses to start when told to use a keychain that does not work', async () => {
    const keychain = new MemoryKeychain();
    keychain.reachable = false;
    await expect(open({ keychain, prefer: 'keychain' })).rejects.toThrow(/set to the keychain, but the test keychain cannot be used/);
    expect(recorded()).toBeUndefined();
  });
});

describe('later starts', () => {
  it('stay with the key file even when a keychain has become available', async () => {
    const first = await open({ keychain: null });
    const sealed = sealToken(first.cipher, 'kept');
    const keychain = new MemoryKeychain();
    const second = await open({ keychain });
    expect(second.kind).toBe('key-file');
    expect(keychain.entries.size).toBe(0);
    expect(openToken(second.cipher, sealed)).toBe('kept');
  });

  it('stay with the keychain when it is locked: the store is reported locked, never swapped for a new key file', async () => {
    const keychain = new MemoryKeychain();
    const first = await open({ keychain });
    const sealed = sealToken(first.cipher, 'kept');
    keychain.reachable = false;

    const second = await open({ keychain });
    expect(second.status()).toMatchObject({ kind: 'keychain', state: 'locked', problem: expect.stringContaining('the keychain is locked') });
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
    expect(() => openToken(second.cipher, sealed)).toThrow(CredentialStoreError);
    expect(() => openToken(second.cipher, sealed)).toThrow(/The credential store is locked or missing: the test keychain cannot be read/);
    expect(() => sealToken(second.cipher, 'new')).toThrow(CredentialStoreError);

    // Unlocked again: the same store opens with the same key.
    keychain.reachable = true;
    expect((await second.retry()).state).toBe('ready');
    expect(openToken(second.cipher, sealed)).toBe('kept');
  });

  it('report a deleted keychain entry or key file as missing, and create no new key over the old tokens', async () => {
    const keychain = new MemoryKeychain();
    await open({ keychain });
    keychain.entries.clear();
    expect((await open({ keychain })).status()).toMatchObject({ state: 'locked', problem: 'the data key is missing from the test keychain' });
    expect(keychain.entries.size).toBe(0);

    store.opened.sqlite.prepare("delete from engine_state where key = 'credential_store'").run();
    await open({ keychain: null });
    rmSync(keyFilePath(dataDir));
    const reopened = await open({ keychain: null });
    expect(reopened.status()).toMatchObject({ kind: 'key-file', state: 'locked', problem: expect.stringMatching(/key file .* is missing/) });
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
  });

  it('report a damaged key in the keychain, and use no key made of it', async () => {
    const keychain = new MemoryKeychain();
    await open({ keychain });
    const [entry] = keychain.entries.keys();
    keychain.entries.set(entry ?? '', 'c2hvcnQ=');
    const reopened = await open({ keychain });
    expect(reopened.status()).toMatchObject({ kind: 'keychain', state: 'locked', problem: 'the data key in the test keychain is damaged' });
    expect(() => sealToken(reopened.cipher, 'new')).toThrow(CredentialStoreError);
  });

  it('start locked, saying why, in a process that cannot use the keychain the data directory keeps its key in', async () => {
    const first = await open({ keychain: new MemoryKeychain() });
    const sealed = sealToken(first.cipher, 'kept');
    const without = await open({ keychain: null });
    expect(without.status()).toEqual({
      kind: 'keychain',
      where: 'the OS keychain',
      state: 'locked',
      problem: 'this data directory keeps its key in the OS keychain, which this process cannot use',
    });
    expect(() => openToken(without.cipher, sealed)).toThrow(CredentialStoreError);
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
  });

  it('report a damaged key file', async () => {
    await open();
    writeFileSync(keyFilePath(dataDir), 'c2hvcnQ=');
    expect((await open()).status()).toMatchObject({ state: 'locked', problem: expect.stringMatching(/is damaged/) });
  });
});

describe('tokens of earlier versions', () => {
  function legacyKeyFileSeal(key: Buffer, plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `keyfile-aes256gcm$${[iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64')).join('.')}`;
  }

  function insertAccount(id: string, access: string, refresh: string | null): void {
    store.opened.sqlite
      .prepare(
        `insert into social_accounts (id, platform, name, access_token_enc, refresh_token_enc, status, created_at, updated_at)
         values (?, 'twitter', ?, ?, ?, 'connected', 0, 0)`,
      )
      .run(id, id, access, refresh);
  }

  function sealedOf(id: string): { access_token_enc: string; refresh_token_enc: string | null } {
    return store.opened.sqlite.prepare('select access_token_enc, refresh_token_enc from social_accounts where id = ?').get(id) as never;
  }

  it('move once into the shared store: key-file tokens at once, safeStorage tokens when the desktop app can open them', async () => {
    const legacyKey = randomBytes(32);
    writeFileSync(join(dataDir, 'token.key'), legacyKey.toString('base64'), { mode: 0o600 });
    insertAccount('headless', legacyKeyFileSeal(legacyKey, 'access-1'), legacyKeyFileSeal(legacyKey, 'refresh-1'));
    const appSealed = (plain: string) => `electron-safe-storage$${Buffer.from(`app:${plain}`).toString('base64')}`;
    insertAccount('from-app', appSealed('access-2'), null);

    const credentials = await open();
    const cli = await migrateLegacyTokens({
      dataDir,
      sql: store.sql,
      writes: store.writes,
      cipher: credentials.cipher,
      readers: [],
      log: silentLogger,
    });
    expect(cli).toEqual({ moved: 2, waiting: 1 });
    expect(openToken(credentials.cipher, sealedOf('headless').access_token_enc)).toBe('access-1');
    expect(openToken(credentials.cipher, sealedOf('headless').refresh_token_enc ?? '')).toBe('refresh-1');
    // Nothing sealed with the old key file is left, so the file is gone.
    expect(existsSync(join(dataDir, 'token.key'))).toBe(false);
    // Without Electron the app's token cannot be opened; it says what to do, and it is not a sign-in problem.
    expect(() => openToken(credentials.cipher, sealedOf('from-app').access_token_enc)).toThrow(/open the desktop app once/);

    const reader = {
      scheme: 'electron-safe-storage',
      decrypt: async (stored: string) => Buffer.from(stored, 'base64').toString('utf8').replace(/^app:/, ''),
    };
    const app = await migrateLegacyTokens({
      dataDir,
      sql: store.sql,
      writes: store.writes,
      cipher: credentials.cipher,
      readers: [reader],
      log: silentLogger,
    });
    expect(app).toEqual({ moved: 1, waiting: 0 });
    expect(openToken(credentials.cipher, sealedOf('from-app').access_token_enc)).toBe('access-2');
    // Once moved, a later start has nothing to do.
    expect(
      await migrateLegacyTokens({ dataDir, sql: store.sql, writes: store.writes, cipher: credentials.cipher, readers: [reader], log: silentLogger }),
    ).toEqual({ moved: 0, waiting: 0 });
    expect(readFileSync(keyFilePath(dataDir), 'utf8')).not.toBe(legacyKey.toString('base64'));
  });
});
