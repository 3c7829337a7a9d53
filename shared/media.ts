// What kind of media a URL points at, judged by its file extension (the only thing known before download).

export type MediaKind = 'image' | 'video' | 'unknown';

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp'] as const;
const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v', 'webm'] as const;

export function mediaExtension(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not a URL: judge the raw string.
  }
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(dot + 1).toLowerCase();
}

export function mediaKind(url: string): MediaKind {
  const ext = mediaExtension(url);
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) return 'image';
  if ((VIDEO_EXTENSIONS as readonly string[]).includes(ext)) return 'video';
  return 'unknown';
}

export function isJpeg(url: string): boolean {
  const ext = mediaExtension(url);
  return ext === 'jpg' || ext === 'jpeg';
}
