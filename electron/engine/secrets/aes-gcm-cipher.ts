// AES-256-GCM with a random 96-bit IV per value; the tag makes a wrong key or a damaged value fail loudly.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenCipher } from './token-cipher';

export const DATA_KEY_BYTES = 32;

export function aesGcmCipher(scheme: string, key: Buffer): TokenCipher {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key has ${DATA_KEY_BYTES} bytes, not ${key.length}.`);
  return {
    scheme,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64')).join('.');
    },
    decrypt(stored) {
      const [iv, tag, encrypted] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
      if (!iv || !tag || !encrypted) throw new Error('the stored value is malformed');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
    },
  };
}
