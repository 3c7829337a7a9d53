// The video resource sent with videos.insert: title and description from the post, privacy and "made for kids" from
// the target's options (public and not for kids unless set), and a release time for a private video.
import type { TargetOptions } from '../../../../shared/domain';
import { PermanentError } from '../errors';

/** YouTube settings beyond the shared target options. */
export interface YoutubeTargetOptions extends TargetOptions {
  /** ISO time at which YouTube makes the private video public; ignored unless in the future. */
  publishAt?: string;
}

export type YoutubePrivacy = 'public' | 'unlisted' | 'private';

export interface YoutubeVideoResource {
  snippet: { title: string; description: string; categoryId: string };
  status: { privacyStatus: YoutubePrivacy; selfDeclaredMadeForKids: boolean; publishAt?: string };
}

// "People & Blogs", YouTube's own default for uploads.
const DEFAULT_CATEGORY_ID = '22';

function privacyOf(privacy: TargetOptions['privacy']): YoutubePrivacy | undefined {
  if (privacy === undefined || privacy === 'public' || privacy === 'unlisted' || privacy === 'private') return privacy;
  throw new PermanentError(`YouTube videos are public, unlisted or private; "${privacy}" is not a YouTube setting. Choose one of those.`, {
    platformCode: 'invalidPrivacyStatus',
  });
}

export function youtubeVideoResource(text: string, settings: YoutubeTargetOptions, now: number): YoutubeVideoResource {
  const chosen = privacyOf(settings.privacy);
  const publishAt = settings.publishAt === undefined ? Number.NaN : Date.parse(settings.publishAt);
  const scheduled = Number.isFinite(publishAt) && publishAt > now;
  if (scheduled && chosen !== undefined && chosen !== 'private') {
    throw new PermanentError(
      `YouTube releases a video at a set time only when it is private until then; this one is set to ${chosen}. Choose private, or remove the release time.`,
      {
        platformCode: 'invalidPublishAt',
      },
    );
  }
  return {
    snippet: { title: (settings.title ?? '').trim(), description: text, categoryId: DEFAULT_CATEGORY_ID },
    status: {
      privacyStatus: scheduled ? 'private' : (chosen ?? 'public'),
      selfDeclaredMadeForKids: settings.madeForKids === true,
      ...(scheduled ? { publishAt: new Date(publishAt).toISOString() } : {}),
    },
  };
}
