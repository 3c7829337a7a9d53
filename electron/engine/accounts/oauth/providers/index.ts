// Every sign-in flow the app offers: one per platform, and Instagram's second way in through a Facebook Page.
import type { LoginKind, Platform } from '../../../../../shared/domain';
import type { OAuthProvider } from '../provider';
import { facebookProvider } from './facebook';
import { instagramProvider, instagramThroughFacebookProvider } from './instagram';
import { linkedinProvider } from './linkedin';
import { tiktokProvider } from './tiktok';
import { twitterProvider } from './twitter';
import { youtubeProvider } from './youtube';

export const PROVIDERS: Readonly<Record<Platform, OAuthProvider>> = {
  instagram: instagramProvider,
  facebook: facebookProvider,
  twitter: twitterProvider,
  linkedin: linkedinProvider,
  tiktok: tiktokProvider,
  youtube: youtubeProvider,
};

/** The flow for a platform; Instagram through a Page when asked for. */
export function providerFor(platform: Platform, loginKind: LoginKind | null): OAuthProvider {
  return platform === 'instagram' && loginKind === 'facebook' ? instagramThroughFacebookProvider : PROVIDERS[platform];
}
