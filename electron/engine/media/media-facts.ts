// Reads what a file is from its bytes: the type (file-type), an image's size (image-size), a video's length, codecs,
// frame rate and size (mediabunny, which reads only the headers it needs, even of a huge file). A name that claims
// another type than the bytes is refused: the user picked the wrong file, or renamed it. Loaded on the first import
// only, so an engine that just publishes never pays for the parsers.
import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import type { MediaFacts, MediaItemKind } from '../../../shared/media-item';
import { MediaRefusedError } from './media-refused-error';

interface SupportedType {
  kind: MediaItemKind;
  /** Extensions a file of this type may carry; the first is used for the stored copy. */
  extensions: readonly string[];
  label: string;
}

/** The types at least one platform publishes (shared/media-rules.ts says which takes what). */
const SUPPORTED: Record<string, SupportedType> = {
  'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'a JPEG image' },
  'image/png': { kind: 'image', extensions: ['png'], label: 'a PNG image' },
  'image/gif': { kind: 'image', extensions: ['gif'], label: 'a GIF image' },
  'image/webp': { kind: 'image', extensions: ['webp'], label: 'a WebP image' },
  'video/mp4': { kind: 'video', extensions: ['mp4', 'm4v'], label: 'an MP4 video' },
  'video/x-m4v': { kind: 'video', extensions: ['m4v', 'mp4'], label: 'an MP4 video' },
  'video/quicktime': { kind: 'video', extensions: ['mov', 'qt'], label: 'a QuickTime (MOV) video' },
  'video/webm': { kind: 'video', extensions: ['webm'], label: 'a WebM video' },
  'video/x-matroska': { kind: 'video', extensions: ['mkv'], label: 'a Matroska (MKV) video' },
  'application/pdf': { kind: 'document', extensions: ['pdf'], label: 'a PDF document' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    kind: 'document',
    extensions: ['pptx'],
    label: 'a PowerPoint presentation',
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', extensions: ['docx'], label: 'a Word document' },
};

/** Extensions that name a media or document type: a file carrying one of them must be of that type. */
const TELLING_EXTENSIONS = new Set([
  ...Object.values(SUPPORTED).flatMap((type) => type.extensions),
  'heic',
  'heif',
  'avif',
  'bmp',
  'tif',
  'tiff',
  'avi',
  'wmv',
  'flv',
  'mpg',
  'mpeg',
  'mp3',
  'm4a',
  'wav',
  'ppt',
  'doc',
  'txt',
  'zip',
]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The extension a stored copy of this type gets. */
export function storedExtension(mimeType: string): string {
  return SUPPORTED[mimeType]?.extensions[0] ?? 'bin';
}

/** The facts of the file at `path`; `name` is what the user knows it as, for messages and the extension check. */
export async function readMediaFacts(path: string, name: string, sizeBytes: number): Promise<MediaFacts> {
  const sniffed = await fileTypeFromFile(path);
  const type = sniffed ? SUPPORTED[sniffed.mime] : undefined;
  if (!sniffed || !type) {
    const what = sniffed ? `a ${sniffed.ext.toUpperCase()} file (${sniffed.mime})` : 'not a file type the app recognises';
    throw new MediaRefusedError(`${name} is ${what}. Add images (JPEG, PNG, GIF, WebP), videos (MP4, MOV, WebM) or documents (PDF, PPTX, DOCX).`);
  }
  const extension = extensionOf(name);
  if (TELLING_EXTENSIONS.has(extension) && !type.extensions.includes(extension)) {
    throw new MediaRefusedError(
      `${name} is ${type.label}, but its name ends in .${extension}. Rename it to .${type.extensions[0]} if that is the file you meant.`,
    );
  }
  const base = {
    mimeType: sniffed.mime,
    sizeBytes,
    width: null,
    height: null,
    durationMs: null,
    videoCodec: null,
    audioCodec: null,
    frameRate: null,
  };
  switch (type.kind) {
    case 'image':
      return { ...base, kind: 'image', ...(await imageFacts(path, name)) };
    case 'video':
      return { ...base, kind: 'video', ...(await videoFacts(path, name)) };
    case 'document':
      return { ...base, kind: 'document' };
  }
}

async function imageFacts(path: string, name: string): Promise<Pick<MediaFacts, 'width' | 'height'>> {
  let size;
  try {
    size = await imageSizeFromFile(path);
  } catch (error) {
    throw new MediaRefusedError(`${name} could not be read as an image (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!size.width || !size.height) throw new MediaRefusedError(`${name} has no readable image size.`);
  // EXIF orientations 5–8 turn the picture a quarter: it is shown (and measured by the platforms) rotated.
  const turned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
  return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
}

async function videoFacts(path: string, name: string): Promise<Omit<MediaFacts, 'kind' | 'mimeType' | 'sizeBytes'>> {
  const { Input, FilePathSource, ALL_FORMATS } = await import('mediabunny');
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS });
  try {
    const video = await input.getPrimaryVideoTrack();
    if (!video) throw new MediaRefusedError(`${name} has no video track.`);
    const audio = await input.getPrimaryAudioTrack();
    const durationMs = Math.round((await input.computeDuration()) * 1000);
    const stats = await video.computePacketStats(120);
    return {
      width: video.displayWidth,
      height: video.displayHeight,
      durationMs,
      videoCodec: video.codec,
      audioCodec: audio?.codec ?? null,
      frameRate: stats.averagePacketRate > 0 ? Math.round(stats.averagePacketRate * 1000) / 1000 : null,
    };
  } catch (error) {
    if (error instanceof MediaRefusedError) throw error;
    throw new MediaRefusedError(`${name} could not be read as a video (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    input.dispose();
  }
}
