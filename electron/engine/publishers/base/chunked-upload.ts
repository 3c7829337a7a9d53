// Large media goes up in pieces, one after another; a piece that fails for a passing reason is sent again.
import { RetryableError } from '../errors';
import { sleep } from './sleep';

export interface Chunk {
  index: number;
  /** Offset of the first byte in the whole file. */
  start: number;
  /** Offset of the last byte (inclusive), as in `Content-Range`. */
  end: number;
  data: Buffer;
}

/** Splits `bytes` into chunks of `chunkSize` bytes (the last may be shorter); an empty buffer gives no chunks. */
export function splitIntoChunks(bytes: Buffer, chunkSize: number): Chunk[] {
  if (chunkSize <= 0) throw new RangeError('chunkSize must be positive');
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < bytes.length; start += chunkSize, index += 1) {
    const data = bytes.subarray(start, Math.min(start + chunkSize, bytes.length));
    chunks.push({ index, start, end: start + data.length - 1, data });
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
  const retries = options.retries ?? 2;
  const results: T[] = [];
  for (const chunk of chunks) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        results.push(await upload(chunk));
        break;
      } catch (error) {
        if (!(error instanceof RetryableError) || attempt >= retries) throw error;
        await sleep((options.retryDelayMs ?? 500) * 2 ** attempt, options.signal);
      }
    }
  }
  return results;
}
