// Meta's resumable video upload for Instagram (Facebook Login only; platforms.md §3, "resumable-uploads"): the
// container is created with upload_type=resumable and answers with an upload URI on rupload.facebook.com, where the
// file goes in one POST with `Authorization: OAuth <token>`, `offset` and `file_size` headers. Meta keeps what
// arrived: after a cut connection the container's `video_status.uploading_phase.bytes_transferred` says where to
// continue, and the rest is sent from that offset.
import { sendAgainIfPassing } from '../base/chunked-upload';
import type { HttpClient } from '../base/http-client';
import type { MediaFile } from '../base/media';
import type { ItemProgress } from '../base/upload-progress';
import { PermanentError, RetryableError } from '../errors';
import { signInRefused } from '../base/sign-in-refused';
import type { GraphAuth, GraphClient } from '../graph/graph-client';

const UPLOAD_TIMEOUT_MS = 60 * 60_000;

export interface ResumableUpload {
  http: HttpClient;
  graph: GraphClient;
  auth: GraphAuth;
  containerId: string;
  /** The URI the container creation answered with. */
  uri: string;
  file: MediaFile;
  progress: ItemProgress;
}

/** Bytes of the container's video Meta already holds, or undefined when its status does not say. */
export async function uploadedBytes(
  graph: GraphClient,
  auth: GraphAuth,
  containerId: string,
): Promise<{ bytes: number; complete: boolean } | undefined> {
  const body = await graph.get(auth, `/${containerId}`, { fields: 'id,status_code,video_status' });
  const phase = (body as { video_status?: { uploading_phase?: { status?: unknown; bytes_transferred?: unknown } } }).video_status?.uploading_phase;
  if (typeof phase?.bytes_transferred !== 'number') return undefined;
  return { bytes: phase.bytes_transferred, complete: phase.status === 'complete' };
}

/** Sends the file (from `startAt`), resuming where Meta's copy ends after a passing failure. */
export async function uploadResumable(upload: ResumableUpload, startAt = 0): Promise<void> {
  let offset = startAt;
  let resuming = false;
  await sendAgainIfPassing(
    async () => {
      if (resuming) offset = (await uploadedBytes(upload.graph, upload.auth, upload.containerId))?.bytes ?? 0;
      resuming = true;
      if (offset >= upload.file.size) return;
      await sendFrom(upload, offset);
    },
    { retries: 3, ...(upload.auth.signal ? { signal: upload.auth.signal } : {}) },
  );
}

async function sendFrom(upload: ResumableUpload, offset: number): Promise<void> {
  const { file, progress } = upload;
  progress.at(offset);
  const response = await upload.http.request({
    method: 'POST',
    url: upload.uri,
    headers: { authorization: `OAuth ${upload.auth.accessToken}`, offset: String(offset), file_size: String(file.size) },
    body: { type: 'file', file: file.range(offset), contentType: 'application/octet-stream' },
    timeoutMs: UPLOAD_TIMEOUT_MS,
    onBodyProgress: progress.add,
    ...(upload.auth.signal ? { signal: upload.auth.signal } : {}),
  });
  const body = response.json<{ success?: unknown; debug_info?: { retriable?: unknown; message?: unknown } }>();
  if (response.status >= 200 && response.status < 300 && body?.success !== false) return;
  const reason = typeof body?.debug_info?.message === 'string' ? body.debug_info.message : `HTTP ${response.status}`;
  const details = { httpStatus: response.status, platformCode: 'rupload' };
  if (response.status === 401) throw signInRefused({ label: 'Instagram', reason, httpStatus: 401 });
  if (response.status >= 500 || response.status === 429 || body?.debug_info?.retriable === true) {
    throw new RetryableError(`Instagram did not take the whole video (${reason}); the upload continues where it stopped.`, details);
  }
  throw new PermanentError(`Instagram refused the video ${file.name}: ${reason}.`, details);
}
