// The data key in an owner-only file in the data directory: the store where no keychain is reachable (headless
// Linux, CI, containers). The file is as sensitive as the tokens: whoever reads it and the database reads both.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_KEY_BYTES } from './aes-gcm-cipher';

export const KEY_FILE = 'credentials.key';

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/** Creates the key file; fails if one exists, so two starts never write different keys. */
export function createKeyFile(file: string): Buffer {
  const key = randomBytes(DATA_KEY_BYTES);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  // The mode above is filtered by the umask; this makes it exact.
  chmodSync(file, 0o600);
  return key;
}

/** The key, or a reason it cannot be used. */
export function readKeyFile(file: string): { key: Buffer } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? `the key file ${file} is missing` : `the key file ${file} cannot be read (${code ?? String(error)})` };
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== DATA_KEY_BYTES) return { problem: `the key file ${file} is damaged` };
  return { key };
}
