// Everything one publish call hands to the platform's own code.
import type { TargetOptions } from '../../../../shared/domain';
import type { AttemptLedger, PublicMediaLinks, PublishAccount } from '../publisher';
import type { MediaFile, PublishMedia } from './media';
import type { UploadProgressReporter } from './upload-progress';

export interface PublishContext {
  /** The token to send; already refreshed when it was about to expire or was refused with 401. */
  accessToken: string;
  text: string;
  /** The links among the media (all of it for a post without library files). */
  mediaUrls: readonly string[];
  /** The post's media in order: library files and links. */
  media: readonly PublishMedia[];
  /**
   * The bytes of media item `index` as a file: a library file as it is, a link downloaded to a temporary file that
   * is removed when the publish ends. `maxBytes` and `expect` refuse a link the platform would not take.
   */
  openMedia(index: number, limits: { maxBytes: number; expect?: 'image' | 'video' }): Promise<MediaFile>;
  progress: UploadProgressReporter;
  /** Public links to library files, when the engine has media storage to make them with. */
  publicLinks: PublicMediaLinks | undefined;
  settings: TargetOptions;
  account: PublishAccount | undefined;
  /** The caller's ledger, or one in memory when none was given: save handles here before the create call. */
  ledger: AttemptLedger;
  signal: AbortSignal | undefined;
  /** Epoch ms of the target's first attempt (defaults to the start of this call): look for existing posts from then. */
  firstAttemptAt: number;
}
