// Media goes to LinkedIn as assets owned by the author: an image is initialised and PUT in one piece; a video is
// initialised, PUT in the byte ranges LinkedIn assigns (keeping each part's ETag), finalised, and polled until
// AVAILABLE. Failures here leave at most an orphan asset, never a post.
import { PermanentError, RetryableError } from '../errors';
import { uploadChunks, type Chunk } from '../base/chunked-upload';
import type { MediaFile } from '../base/media';
import { pollUntil } from '../base/polling';
import type { LinkedInAuth, LinkedInClient } from './linkedin-client';

export const LINKEDIN_MEDIA_LIMITS = { image: 20 * 1024 * 1024, video: 500 * 1024 * 1024 } as const;

interface UploadInstruction {
  uploadUrl: string;
  firstByte: number;
  lastByte: number;
}

export interface PollSettings {
  intervalMs: number;
  timeoutMs: number;
  now: () => number;
}

/** Uploads an image; returns its `urn:li:image:…`. */
export async function uploadLinkedInImage(client: LinkedInClient, auth: LinkedInAuth, owner: string, file: MediaFile): Promise<string> {
  const init = (
    await client.send(auth, {
      method: 'POST',
      path: '/rest/images?action=initializeUpload',
      action: `start uploading ${file.url}`,
      body: { type: 'json', value: { initializeUploadRequest: { owner } } },
    })
  ).json<{ value?: { uploadUrl?: string; image?: string } }>()?.value;
  if (!init?.uploadUrl || !init.image) throw new RetryableError(`LinkedIn did not return an upload address for ${file.url}; it will be tried again.`);
  await client.upload(auth, init.uploadUrl, file.data, `upload ${file.url}`);
  return init.image;
}

/** Uploads and finalises a video; returns its `urn:li:video:…` (it may still be processing). */
export async function uploadLinkedInVideo(client: LinkedInClient, auth: LinkedInAuth, owner: string, file: MediaFile): Promise<string> {
  const init = (
    await client.send(auth, {
      method: 'POST',
      path: '/rest/videos?action=initializeUpload',
      action: `start uploading ${file.url}`,
      body: {
        type: 'json',
        value: { initializeUploadRequest: { owner, fileSizeBytes: file.data.length, uploadCaptions: false, uploadThumbnail: false } },
      },
    })
  ).json<{ value?: { video?: string; uploadToken?: string; uploadInstructions?: UploadInstruction[] } }>()?.value;
  if (!init?.video || !init.uploadInstructions?.length)
    throw new RetryableError(`LinkedIn did not return upload instructions for ${file.url}; it will be tried again.`);
  const video = init.video;
  const instructions = init.uploadInstructions;

  const parts: Chunk[] = instructions.map((part, index) => ({
    index,
    start: part.firstByte,
    end: part.lastByte,
    data: file.data.subarray(part.firstByte, part.lastByte + 1),
  }));
  const etags = await uploadChunks(
    parts,
    async (part) => {
      const response = await client.upload(auth, instructions[part.index].uploadUrl, part.data, `upload part ${part.index + 1} of ${file.url}`);
      const etag = response.header('etag');
      if (!etag) throw new RetryableError(`LinkedIn did not confirm part ${part.index + 1} of ${file.url}; it will be tried again.`);
      return etag;
    },
    { ...(auth.signal ? { signal: auth.signal } : {}) },
  );

  await client.send(auth, {
    method: 'POST',
    path: '/rest/videos?action=finalizeUpload',
    action: `finish uploading ${file.url}`,
    body: { type: 'json', value: { finalizeUploadRequest: { video, uploadToken: init.uploadToken ?? '', uploadedPartIds: etags } } },
  });
  return video;
}

/** Waits until LinkedIn has processed the video; PROCESSING_FAILED is permanent. */
export async function waitForLinkedInVideo(
  client: LinkedInClient,
  auth: LinkedInAuth,
  video: string,
  url: string,
  poll: PollSettings,
): Promise<void> {
  const state = await pollUntil(
    async () =>
      (await client.send(auth, { method: 'GET', path: `/rest/videos/${encodeURIComponent(video)}`, action: `check processing of ${url}` })).json<{
        status?: string;
        processingFailureReason?: string;
      }>() ?? {},
    (body) => body.status === 'AVAILABLE' || body.status === 'PROCESSING_FAILED',
    {
      intervalMs: poll.intervalMs,
      timeoutMs: poll.timeoutMs,
      now: poll.now,
      what: `LinkedIn processing ${url}`,
      ...(auth.signal ? { signal: auth.signal } : {}),
    },
  );
  if (state.status === 'PROCESSING_FAILED') {
    throw new PermanentError(
      `LinkedIn could not process ${url}${state.processingFailureReason ? `: ${state.processingFailureReason}` : ''}. Check the video's format, length and size.`,
      {
        platformCode: 'PROCESSING_FAILED',
      },
    );
  }
}
