// What a token endpoint hands out, in one shape for every platform.
export interface TokenGrant {
  accessToken: string;
  /** Null when the platform issued none (LinkedIn for most apps, Facebook, Instagram). */
  refreshToken: string | null;
  /** Epoch ms; null when the token does not expire. */
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  /** The scopes the user granted, when the platform says. */
  scopes: string[] | null;
  /** Extra fields some platforms return with the token (TikTok's open_id, Instagram's user_id). */
  extra: Record<string, string>;
}
