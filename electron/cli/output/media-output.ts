// How the media library reads in a terminal: one row per file with its facts and how many posts use it.
import { formatBytes, formatDuration, type MediaItemView } from '../../../shared/media-item';
import { formatTable, oneLine } from './table';

export function mediaItemsText(items: readonly MediaItemView[], totalBytes?: number): string {
  if (items.length === 0) return 'The media library is empty.\n';
  const table = formatTable(
    ['ID', 'NAME', 'TYPE', 'SIZE', 'PIXELS', 'LENGTH', 'USED BY'],
    items.map((item) => [
      item.id,
      oneLine(item.name, 40),
      item.mimeType,
      formatBytes(item.sizeBytes),
      item.width === null || item.height === null ? '—' : `${item.width} × ${item.height}`,
      item.durationMs === null ? '—' : formatDuration(item.durationMs),
      item.usedBy.length === 0
        ? item.removeAfter === null
          ? '—'
          : `no post (removed after ${item.removeAfter.slice(0, 10)})`
        : `${item.usedBy.length} post(s)`,
    ]),
  );
  return totalBytes === undefined ? table : `${table}\nLibrary size: ${formatBytes(totalBytes)}\n`;
}
