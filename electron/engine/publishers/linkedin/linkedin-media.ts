// Media goes to LinkedIn as assets owned by the author: an image or a document is initialised and PUT in one piece; a
// video is initialised, PUT in the byte ranges LinkedIn assigns (keeping each part's ETag; a part cut off by a broken
// connection is sent again), finalised, and polled until AVAILABLE. Every PUT streams from the file. Failures here
// leave at most an orphan asset, never a post.
import { PermanentError, RetryableError } from '../errors';
import { uploadChunks, type Chunk } from '../base/chunked-upload';
import type { MediaFile } from '../base/media';
import type { ItemProgress } from '../base/upload-progress';
import { pollUntil } from '../base/polling';
import type { LinkedInAuth, LinkedInClient } from './linkedin-client';

export const LINKEDIN_MEDIA_LIMITS = { image: 20 * 1024 * 1024, video: 500 * 1024 * 1024, document: 100 * 1024 * 1024 } as const;

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

/** Uploads an image or a document in one piece; returns its `urn:li:image:…` or `urn:li:document:…`. */
export async function uploadLinkedInAsset(
  client: LinkedInClient,
  auth: LinkedInAuth,
  owner: string,
  file: MediaFile,
  progress: ItemProgress,
): Promise<string> {
  const api = file.kind === 'document' ? 'documents' : 'images';
  const init = (
    await client.send(auth, {
      method: 'POST',
      path: `/rest/${api}?action=initializeUpload`,
      action: `start uploading ${file.name}`,
      body: { type: 'json', value: { initializeUploadRequest: { owner } } },
    })
  ).json<{ value?: { uploadUrl?: string; image?: string; document?: string } }>()?.value;
  const urn = file.kind === 'document' ? init?.document : init?.image;
  if (!init?.uploadUrl || !urn) throw new RetryableError(`LinkedIn did not return an upload address for ${file.name}.`);
  await client.upload(auth, init.uploadUrl, file.range(), `upload ${file.name}`, progress.add);
  return urn;
}

/** Uploads and finalises a video; returns its `urn:li:video:…` (it may still be processing). */
export async function uploadLinkedInVideo(
  client: LinkedInClient,
  auth: LinkedInAuth,
  owner: string,
  file: MediaFile,
  progress: ItemProgress,
): Promise<string> {
  const init = (
    await client.send(auth, {
      method: 'POST',
      path: '/rest/videos?action=initializeUpload',
      action: `start uploading ${file.name}`,
      body: {
        type: 'json',
        value: { initializeUploadRequest: { owner, fileSizeBytes: file.size, uploadCaptions: false, uploadThumbnail: false } },
      },
    })
  ).json<{ value?: { video?: string; uploadToken?: string; uploadInstructions?: UploadInstruction[] } }>()?.value;
  if (!init?.video || !init.uploadInstructions?.length) throw new RetryableError(`LinkedIn did not return upload instructions for ${file.name}.`);
  const video = init.video;
  const instructions = init.uploadInstructions;

  const parts: Chunk[] = instructions.map((part, index) => ({ index, start: part.firstByte, end: part.lastByte }));
  const etags = await uploadChunks(
    parts,
    async (part) => {
      progress.at(part.start);
      const response = await client.upload(
        auth,
        instructions[part.index].uploadUrl,
        file.range(part.start, part.end),
        `upload part ${part.index + 1} of ${file.name}`,
        progress.add,
      );
      const etag = response.header('etag');
      if (!etag) throw new RetryableError(`LinkedIn did not confirm part ${part.index + 1} of ${file.name}.`);
      return etag;
    },
    { ...(auth.signal ? { signal: auth.signal } : {}) },
  );

  await client.send(auth, {
    method: 'POST',
    path: '/rest/videos?action=finalizeUpload',
    action: `finish uploading ${file.name}`,
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
