// PKCE (RFC 7636) and the state value: fresh per sign-in. S256 is base64url(SHA-256(verifier)); TikTok's desktop
// Login Kit wants the hex encoding of the same digest instead.
import { createHash, randomBytes } from 'node:crypto';

export type PkceMethod = 'S256' | 'hex-sha256' | 'none';

export interface Pkce {
  verifier: string;
  challenge: string;
  /** The code_challenge_method parameter; TikTok's hex variant is also sent as S256. */
  method: 'S256';
}

/** 32 random bytes as base64url: 43 characters from the unreserved set, as RFC 7636 §4.1 asks. */
export function newPkce(method: Exclude<PkceMethod, 'none'>): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  const digest = createHash('sha256').update(verifier, 'ascii').digest();
  return { verifier, challenge: method === 'hex-sha256' ? digest.toString('hex') : digest.toString('base64url'), method: 'S256' };
}

/** 16 random bytes, as VS Code's loopback flow uses: unguessable, and checked on the way back. */
export function newState(): string {
  return randomBytes(16).toString('base64url');
}
