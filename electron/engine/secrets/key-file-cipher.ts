// Headless token encryption: AES-256-GCM with a random key in an owner-only file beside the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenCipher } from './token-cipher';

const KEY_FILE = 'token.key';

export function keyFileCipher(dataDir: string): TokenCipher {
  const key = loadOrCreateKey(join(dataDir, KEY_FILE));
  return {
    scheme: 'keyfile-aes256gcm',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64')).join('.');
    },
    decrypt(stored) {
      const [iv, tag, encrypted] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
      if (!iv || !tag || !encrypted) throw new Error('The stored token is malformed.');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new Error(`The token key file ${file} is damaged; restore it from a backup or remove it and reconnect every account.`);
    return key;
  }
  const key = randomBytes(32);
  // 'wx' fails if another process created it first, so two starts never write different keys.
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
