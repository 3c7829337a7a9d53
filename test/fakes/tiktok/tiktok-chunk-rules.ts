// TikTok's documented FILE_UPLOAD chunk rules (Media Transfer Guide), as the fake enforces them on init and on each PUT.

const MIB = 1024 * 1024;
export const MIN_CHUNK_BYTES = 5 * MIB;
export const MAX_CHUNK_BYTES = 64 * MIB;
export const MAX_FINAL_CHUNK_BYTES = 128 * MIB;
export const MAX_CHUNK_COUNT = 1000;

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Why TikTok would refuse this plan with invalid_param, or undefined when it follows the rules. */
export function chunkPlanProblem(videoSize: unknown, chunkSize: unknown, totalChunkCount: unknown): string | undefined {
  if (!isPositiveInteger(videoSize)) return 'video_size must be a positive integer';
  if (!isPositiveInteger(chunkSize)) return 'chunk_size must be a positive integer';
  if (!isPositiveInteger(totalChunkCount)) return 'total_chunk_count must be a positive integer';
  if (videoSize < MIN_CHUNK_BYTES) {
    if (chunkSize !== videoSize || totalChunkCount !== 1)
      return 'videos under 5 MB must be uploaded whole: chunk_size = video_size, total_chunk_count = 1';
    return undefined;
  }
  if (chunkSize < MIN_CHUNK_BYTES || chunkSize > MAX_CHUNK_BYTES) return 'chunk_size must be between 5 MB and 64 MB';
  if (chunkSize > videoSize) return 'chunk_size cannot exceed video_size';
  if (totalChunkCount !== Math.floor(videoSize / chunkSize)) return 'total_chunk_count must equal video_size / chunk_size rounded down';
  if (totalChunkCount > MAX_CHUNK_COUNT) return 'at most 1000 chunks';
  if (videoSize > MAX_CHUNK_BYTES && totalChunkCount < 2) return 'videos over 64 MB must be uploaded in several chunks';
  if (videoSize - (totalChunkCount - 1) * chunkSize > MAX_FINAL_CHUNK_BYTES) return 'the final chunk may not exceed 128 MB';
  return undefined;
}

/** The byte range chunk `index` must carry (inclusive end); the final chunk takes the trailing bytes. */
export function expectedChunkRange(plan: ChunkPlan, index: number): { first: number; last: number } {
  const first = index * plan.chunkSize;
  const last = index === plan.totalChunkCount - 1 ? plan.videoSize - 1 : first + plan.chunkSize - 1;
  return { first, last };
}
