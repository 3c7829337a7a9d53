// A media item: a file the user imported into the app's media library, described by facts read from its bytes.

export const MEDIA_ITEM_KINDS = ['image', 'video', 'document'] as const;
export type MediaItemKind = (typeof MEDIA_ITEM_KINDS)[number];

/** What the engine read from a file's bytes; the platform rules check these before anything is scheduled. */
export interface MediaFacts {
  kind: MediaItemKind;
  /** Sniffed from the bytes, never taken from the name: `image/jpeg`, `video/mp4`, `application/pdf` … */
  mimeType: string;
  sizeBytes: number;
  /** Pixels as shown (a photo's EXIF rotation and a video's rotation applied); null for documents. */
  width: number | null;
  height: number | null;
  /** Videos only. */
  durationMs: number | null;
  /** Videos only: `avc`, `hevc`, `vp9`, `av1` … */
  videoCodec: string | null;
  /** Videos with sound only: `aac`, `opus` … */
  audioCodec: string | null;
  /** Videos only: frames per second, rounded to 3 decimals. */
  frameRate: number | null;
}

/** A post that uses a media item, for the Media view. */
export interface MediaUse {
  postId: string;
  /** The start of the post's text. */
  text: string;
  status: string;
  scheduledAt: string | null;
}

export interface MediaItemView extends MediaFacts {
  id: string;
  /** The file's name when it was imported, e.g. `launch.mov`. */
  name: string;
  sha256: string;
  createdAt: string;
  usedBy: MediaUse[];
  /** When the last post stopped using it (or when it was imported, if never used); null while in use. */
  unusedSince: string | null;
  /** When an unused item is removed from the library; null while in use. */
  removeAfter: string | null;
}

export interface MediaLibraryView {
  items: MediaItemView[];
  /** Bytes on disk for all items. */
  totalBytes: number;
}

export const UPLOAD_PHASES = ['uploading', 'processing', 'publishing'] as const;
export type UploadPhase = (typeof UPLOAD_PHASES)[number];

/** How far a target's publish has got: item `item` of `items` is going up, then the platform processes, then posts. */
export interface UploadProgress {
  phase: UploadPhase;
  /** From 1. */
  item: number;
  items: number;
  /** Bytes of the current item. */
  bytesSent: number;
  bytesTotal: number;
}

/** Unused files stay this long before the library removes them. */
export const MEDIA_UNUSED_RETENTION_DAYS = 30;

/** "3 min 12 s", "45 s", "1.5 s": durations the way refusals and thumbnails show them. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10 && !Number.isInteger(seconds)) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/**
 * "512 KB", "4.2 MB", "1.1 GB" in units of 1024, the way the platforms mean their limits ("8 MB" for Instagram is
 * 8 × 1024 × 1024 bytes), so a limit reads as the platform states it.
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
}
