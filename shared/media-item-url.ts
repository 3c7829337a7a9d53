// Where the desktop window loads a library file from: main's pe-media: scheme (electron/main/media-protocol.ts).

export const MEDIA_SCHEME = 'pe-media';

export function mediaItemUrl(id: string): string {
  return `${MEDIA_SCHEME}://item/${encodeURIComponent(id)}`;
}
