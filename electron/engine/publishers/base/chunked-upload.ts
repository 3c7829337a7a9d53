// Large media goes up in pieces, one after another; a piece that fails for a passing reason (a cut connection, a 5xx)
// is sent again from the file, where the platform takes a piece twice.
import { RetryableError } from '../errors';
import { sleep } from './sleep';

/** A byte range of the file being uploaded; its bytes stay on disk until the request that carries them is sent. */
export interface Chunk {
  index: number;
  /** Offset of the first byte in the whole file. */
  start: number;
  /** Offset of the last byte (inclusive), as in `Content-Range`. */
  end: number;
}

/** Cuts `size` bytes into chunks of `chunkSize` (the last may be shorter); an empty file gives no chunks. */
export function splitIntoChunks(size: number, chunkSize: number): Chunk[] {
  if (chunkSize <= 0) throw new RangeError('chunkSize must be positive');
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < size; start += chunkSize, index += 1) {
    chunks.push({ index, start, end: Math.min(start + chunkSize, size) - 1 });
  }
  return chunks;
}

export interface ChunkUploadOptions {
  /** Extra tries per chunk after a RetryableError; default 2. */
  retries?: number;
  /** Pause before a retry, doubled each time; default 500 ms. */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

/** Uploads chunks strictly in order and returns each upload's result (ETag, part id …) in order. */
export async function uploadChunks<T>(
  chunks: readonly Chunk[],
  upload: (chunk: Chunk) => Promise<T>,
  options: ChunkUploadOptions = {},
): Promise<T[]> {
  const results: T[] = [];
  for (const chunk of chunks) results.push(await sendAgainIfPassing(() => upload(chunk), options));
  return results;
}

/** Runs `send`, and again (with a growing pause) after a RetryableError, up to `retries` more times. */
export async function sendAgainIfPassing<T>(send: () => Promise<T>, options: ChunkUploadOptions = {}): Promise<T> {
  const retries = options.retries ?? 2;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= retries) throw error;
      await sleep((options.retryDelayMs ?? 500) * 2 ** attempt, options.signal);
    }
  }
}
