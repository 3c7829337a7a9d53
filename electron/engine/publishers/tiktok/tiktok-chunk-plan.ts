// How a video is cut for TikTok's FILE_UPLOAD (Media Transfer Guide): 5–64 MB chunks, the last one taking the
// trailing bytes, total_chunk_count = floor(video_size / chunk_size), 1–1000 chunks, under 5 MB in one piece.

// "5 MB" and "64 MB" are read the strict way on both ends, so either meaning of MB accepts the plan.
const MIN_CHUNK_BYTES = 5 * 1024 * 1024;
const MAX_CHUNK_BYTES = 64 * 1000 * 1000;
const MAX_CHUNK_COUNT = 1000;

export interface TiktokChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
}

export interface TiktokChunk {
  index: number;
  first: number;
  /** Inclusive, as in Content-Range. */
  last: number;
}

/** A plan TikTok accepts, using chunks as close to `preferredChunkSize` as the rules allow. */
export function tiktokChunkPlan(videoSize: number, preferredChunkSize: number): TiktokChunkPlan {
  if (videoSize < MIN_CHUNK_BYTES) return { videoSize, chunkSize: videoSize, totalChunkCount: 1 };
  let chunkSize = Math.min(Math.max(preferredChunkSize, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES, videoSize);
  // Over 64 MB the video must go in several chunks; never more than 1000 of them.
  if (videoSize > MAX_CHUNK_BYTES) chunkSize = Math.min(chunkSize, Math.floor(videoSize / 2));
  chunkSize = Math.max(chunkSize, Math.ceil(videoSize / MAX_CHUNK_COUNT));
  return { videoSize, chunkSize, totalChunkCount: Math.floor(videoSize / chunkSize) };
}

/** The chunks of a plan in upload order; the final one runs to the end of the file. */
export function tiktokChunks(plan: TiktokChunkPlan): TiktokChunk[] {
  return Array.from({ length: plan.totalChunkCount }, (_, index) => ({
    index,
    first: index * plan.chunkSize,
    last: index === plan.totalChunkCount - 1 ? plan.videoSize - 1 : (index + 1) * plan.chunkSize - 1,
  }));
}
