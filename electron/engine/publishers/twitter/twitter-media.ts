// Media goes to X through the v2 chunked upload: initialize, append ≤5 MB segments streamed from the file (a segment
// cut off by a broken connection is sent again: X keeps the last copy of each segment_index), finalize, then wait
// while X processes videos and GIFs (processing_info, polled with STATUS).
import { PermanentError, RetryableError } from '../errors';
import { splitIntoChunks, uploadChunks } from '../base/chunked-upload';
import type { MediaFile } from '../base/media';
import type { UploadProgressReporter } from '../base/upload-progress';
import { pollUntil } from '../base/polling';
import type { TwitterAuth, TwitterClient } from './twitter-client';
import { VIDEO_LENGTH } from './twitter-errors';

/** 4 MiB segments stay under X's 5 MB per-append limit. */
export const TWITTER_CHUNK_BYTES = 4 * 1024 * 1024;

/** X's size limits by kind (shared/media-rules.ts holds the same figures with their source). */
export const TWITTER_MEDIA_LIMITS = { image: 5 * 1024 * 1024, gif: 15 * 1024 * 1024, video: 512 * 1024 * 1024 } as const;

interface ProcessingInfo {
  state?: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  check_after_secs?: number;
  error?: { message?: string; name?: string };
}

interface MediaData {
  id?: string;
  expires_after_secs?: number;
  processing_info?: ProcessingInfo;
}

export interface UploadedMedia {
  id: string;
  /** Epoch ms after which X no longer accepts the id in a post. */
  expiresAt: number;
}

export interface TwitterUploadOptions {
  /** Overrides X's `check_after_secs` between status checks when set. */
  pollIntervalMs: number | undefined;
  pollTimeoutMs: number;
  now: () => number;
  progress: UploadProgressReporter;
  /** Which item of the post this is, from 0. */
  index: number;
}

function mediaCategory(file: MediaFile): string {
  if (file.kind === 'video') return 'tweet_video';
  return file.mimeType === 'image/gif' ? 'tweet_gif' : 'tweet_image';
}

/** The download limit for a media URL's kind on X. */
export function twitterLimitFor(kind: 'image' | 'video', url: string): number {
  if (kind === 'video') return TWITTER_MEDIA_LIMITS.video;
  return /\.gif($|\?)/i.test(url) ? TWITTER_MEDIA_LIMITS.gif : TWITTER_MEDIA_LIMITS.image;
}

/** X's limit for a file it is about to be sent. */
function limitOf(file: MediaFile): number {
  if (file.kind === 'video') return TWITTER_MEDIA_LIMITS.video;
  return file.mimeType === 'image/gif' ? TWITTER_MEDIA_LIMITS.gif : TWITTER_MEDIA_LIMITS.image;
}

function dataOf(body: unknown): MediaData {
  return ((body as { data?: MediaData } | undefined)?.data ?? body ?? {}) as MediaData;
}

/** Uploads one file and waits until X can attach it to a post. Every failure here leaves no post behind. */
export async function uploadTwitterMedia(
  client: TwitterClient,
  auth: TwitterAuth,
  file: MediaFile,
  options: TwitterUploadOptions,
): Promise<UploadedMedia> {
  if (file.size > limitOf(file)) {
    throw new PermanentError(`${file.name} is larger than X takes (${Math.round(limitOf(file) / 1024 / 1024)} MB for this kind of file).`);
  }
  const init = dataOf(
    (
      await client.send(auth, {
        method: 'POST',
        path: '/2/media/upload/initialize',
        action: `start uploading ${file.name}`,
        body: { type: 'json', value: { media_type: file.mimeType, total_bytes: file.size, media_category: mediaCategory(file) } },
      })
    ).json(),
  );
  if (!init.id) throw new RetryableError(`X did not return an upload id for ${file.name}.`);
  const id = init.id;
  const expiresAt = options.now() + (init.expires_after_secs ?? 86_400) * 1000;

  const progress = options.progress.item(options.index, file.size);
  await uploadChunks(
    splitIntoChunks(file.size, TWITTER_CHUNK_BYTES),
    (chunk) => {
      progress.at(chunk.start);
      return client.send(auth, {
        method: 'POST',
        path: `/2/media/upload/${id}/append`,
        action: `upload part ${chunk.index + 1} of ${file.name}`,
        body: {
          type: 'multipart',
          parts: [
            { name: 'segment_index', value: String(chunk.index) },
            { name: 'media', file: file.range(chunk.start, chunk.end), filename: file.filename, contentType: 'application/octet-stream' },
          ],
        },
        onBodyProgress: progress.add,
      });
    },
    { ...(auth.signal ? { signal: auth.signal } : {}) },
  );

  options.progress.phase('processing');
  const finalized = dataOf(
    (await client.send(auth, { method: 'POST', path: `/2/media/upload/${id}/finalize`, action: `finish uploading ${file.name}` })).json(),
  );
  let processing = finalized.processing_info;
  if (processing && processing.state !== 'succeeded') {
    processing = await pollUntil(
      async () =>
        dataOf(
          (
            await client.send(auth, {
              method: 'GET',
              path: `/2/media/upload?command=STATUS&media_id=${encodeURIComponent(id)}`,
              action: `check processing of ${file.name}`,
            })
          ).json(),
        ).processing_info ?? { state: 'succeeded' },
      (info) => info.state === 'succeeded' || info.state === 'failed',
      {
        intervalMs: (info) => options.pollIntervalMs ?? (info.check_after_secs ?? 5) * 1000,
        timeoutMs: options.pollTimeoutMs,
        now: options.now,
        what: `X processing ${file.name}`,
        ...(auth.signal ? { signal: auth.signal } : {}),
      },
    );
  }
  if (processing?.state === 'failed') {
    const reason = processing.error?.message ?? processing.error?.name ?? 'no reason given';
    // X's processing names a video's wrong length by its duration ("Duration 2.minutes+29.seconds exceeds max …").
    if (/duration/i.test(reason)) {
      throw new PermanentError(`X refused ${file.name} for its length (${reason}). Trim the video to a length X accepts, then retry.`, {
        platformCode: VIDEO_LENGTH,
      });
    }
    throw new PermanentError(`X could not process ${file.name}: ${reason}. Check the file's format, length and size.`, {
      platformCode: processing.error?.name ?? 'processing-failed',
    });
  }
  return { id, expiresAt };
}
