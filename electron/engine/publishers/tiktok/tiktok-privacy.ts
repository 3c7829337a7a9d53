// Who may see a TikTok post: the composer's privacy words mapped to TikTok's levels, which must be among the options
// TikTok offers this creator right now (creator info), or TikTok refuses the post.
import type { TargetOptions } from '../../../../shared/domain';
import { PermanentError } from '../errors';

export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type TiktokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

const LEVEL_BY_PRIVACY: Record<Exclude<NonNullable<TargetOptions['privacy']>, 'unlisted'>, TiktokPrivacyLevel> = {
  public: 'PUBLIC_TO_EVERYONE',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  followers: 'FOLLOWER_OF_CREATOR',
  private: 'SELF_ONLY',
};

const LEVEL_WORDS: Record<TiktokPrivacyLevel, string> = {
  PUBLIC_TO_EVERYONE: 'public',
  MUTUAL_FOLLOW_FRIENDS: 'friends',
  FOLLOWER_OF_CREATOR: 'followers',
  SELF_ONLY: 'private (only me)',
};

function isLevel(value: string): value is TiktokPrivacyLevel {
  return (TIKTOK_PRIVACY_LEVELS as readonly string[]).includes(value);
}

function listOf(levels: TiktokPrivacyLevel[]): string {
  return levels.map((level) => LEVEL_WORDS[level]).join(', ');
}

/**
 * The level to post with: the requested one when TikTok offers it; without a request, public when offered, else the
 * first option. A request TikTok does not offer is a PermanentError naming what it does offer.
 */
export function chooseTiktokPrivacy(requested: TargetOptions['privacy'], options: readonly string[]): TiktokPrivacyLevel {
  const allowed = options.filter(isLevel);
  if (allowed.length === 0) {
    throw new PermanentError('TikTok offers no privacy setting for this account right now, so it cannot post. Check the account in the TikTok app.', {
      platformCode: 'privacy_level_option_mismatch',
    });
  }
  if (requested === undefined) return allowed.includes('PUBLIC_TO_EVERYONE') ? 'PUBLIC_TO_EVERYONE' : allowed[0];
  if (requested === 'unlisted') {
    throw new PermanentError(`TikTok has no "unlisted" posts. Choose one this account allows: ${listOf(allowed)}.`, {
      platformCode: 'privacy_level_option_mismatch',
    });
  }
  const level = LEVEL_BY_PRIVACY[requested];
  if (!allowed.includes(level)) {
    throw new PermanentError(`This TikTok account cannot post as "${LEVEL_WORDS[level]}" right now. Choose one it allows: ${listOf(allowed)}.`, {
      platformCode: 'privacy_level_option_mismatch',
    });
  }
  return level;
}
