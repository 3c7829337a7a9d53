// A publish's upload progress in words and as a fraction, the same in the app, the queue and the tray:
// "Uploading 2 of 3 · 45 %", then "Processing on the platform", then "Publishing".
import { formatBytes, type UploadProgress } from './media-item';

/** How much of the upload is done, from 0 to 1; null once the platform processes or posts (no figure to show). */
export function uploadFraction(progress: UploadProgress): number | null {
  if (progress.phase !== 'uploading') return null;
  const items = Math.max(1, progress.items);
  const current = progress.bytesTotal > 0 ? Math.min(1, progress.bytesSent / progress.bytesTotal) : 0;
  return Math.min(1, (Math.max(0, progress.item - 1) + current) / items);
}

/** "Uploading 2 of 3", or "Uploading" for a single file. */
export function uploadingLabel(progress: Pick<UploadProgress, 'item' | 'items'>): string {
  return progress.items > 1 ? `Uploading ${progress.item} of ${progress.items}` : 'Uploading';
}

export function uploadProgressText(progress: UploadProgress): string {
  switch (progress.phase) {
    case 'uploading': {
      const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesSent / progress.bytesTotal) * 100) : 0;
      return `${uploadingLabel(progress)} · ${formatBytes(progress.bytesSent)} of ${formatBytes(progress.bytesTotal)} (${percent} %)`;
    }
    case 'processing':
      return progress.items > 1 ? `The platform is processing ${progress.items} files` : 'The platform is processing the file';
    case 'publishing':
      return 'Publishing';
  }
}

/**
 * One line for several publishes at once (the tray): "Uploading 2 of 3 — 45 %" for one, "Uploading 3 of 5 to 2
 * accounts" for several (the files being sent now, counted across them), or what the platforms are doing after.
 */
export function uploadsSummary(uploads: readonly UploadProgress[]): string | undefined {
  const sending = uploads.filter((upload) => upload.phase === 'uploading');
  const [only] = sending;
  if (only && sending.length === 1) {
    const fraction = only.bytesTotal > 0 ? Math.floor((only.bytesSent / only.bytesTotal) * 100) : 0;
    return `${uploadingLabel(only)} — ${fraction} %`;
  }
  if (sending.length > 1) {
    const item = sending.reduce((sum, upload) => sum + upload.item, 0);
    const items = sending.reduce((sum, upload) => sum + upload.items, 0);
    return `Uploading ${item} of ${items} to ${sending.length} accounts`;
  }
  const processing = uploads.filter((upload) => upload.phase === 'processing').length;
  if (processing > 0) return processing === 1 ? 'A platform is processing an upload' : `Platforms are processing ${processing} uploads`;
  return undefined;
}
