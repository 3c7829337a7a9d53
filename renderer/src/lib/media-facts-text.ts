// A media item's facts as people read them: "1080 × 1920 · 45 s · H.264, AAC · 30 fps".
import { formatDuration, type MediaFacts } from '../../../shared/media-item';

const CODEC_NAMES: Record<string, string> = {
  avc: 'H.264',
  hevc: 'H.265',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  aac: 'AAC',
  opus: 'Opus',
  mp3: 'MP3',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  ac3: 'AC-3',
  eac3: 'E-AC-3',
};

export function codecName(codec: string): string {
  return CODEC_NAMES[codec] ?? codec.toUpperCase();
}

const FORMAT_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'video/x-m4v': 'MP4',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
  'video/x-matroska': 'MKV',
  'application/pdf': 'PDF',
};

/** "JPEG", "MOV": the name people know a file's format by. */
export function mediaFormatName(mimeType: string): string {
  return FORMAT_NAMES[mimeType] ?? (mimeType.split('/')[1] ?? mimeType).replace(/^x-/, '').toUpperCase();
}

/** "JPEG image", "MP4 video", "PDF document". */
export function mediaTypeText(facts: Pick<MediaFacts, 'kind' | 'mimeType'>): string {
  return `${mediaFormatName(facts.mimeType)} ${facts.kind}`;
}

export function mediaFactsText(facts: MediaFacts): string {
  const parts: string[] = [];
  if (facts.width !== null && facts.height !== null) parts.push(`${facts.width} × ${facts.height}`);
  if (facts.durationMs !== null) parts.push(formatDuration(facts.durationMs));
  const codecs = [facts.videoCodec, facts.audioCodec].filter((codec): codec is string => codec !== null).map(codecName);
  if (codecs.length > 0) parts.push(codecs.join(', '));
  if (facts.frameRate !== null) parts.push(`${Number(facts.frameRate.toFixed(2))} fps`);
  return parts.join(' · ');
}
