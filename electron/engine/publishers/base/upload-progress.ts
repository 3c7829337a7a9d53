// How far a publish has got, for the progress bar: which media item of how many is going up and how many of its bytes
// have been sent, then the platform processing it, then the post being created. Callers throttle what they forward.
import type { UploadPhase, UploadProgress } from '../../../../shared/media-item';

export class UploadProgressReporter {
  private last: UploadProgress | undefined;

  constructor(
    private readonly items: number,
    private readonly listener: ((progress: UploadProgress) => void) | undefined,
  ) {}

  /** Item `index` (from 0) of `total` bytes starts going up; returns what counts its bytes. */
  item(index: number, total: number): ItemProgress {
    let sent = 0;
    const report = (): void =>
      this.report({ phase: 'uploading', item: index + 1, items: this.items, bytesSent: Math.min(sent, total), bytesTotal: total });
    report();
    return {
      at(offset) {
        sent = offset;
        report();
      },
      add(bytes) {
        sent += bytes;
        report();
      },
    };
  }

  phase(phase: Exclude<UploadPhase, 'uploading'>): void {
    const previous = this.last;
    this.report({
      phase,
      item: previous?.item ?? this.items,
      items: this.items,
      bytesSent: previous?.bytesTotal ?? 0,
      bytesTotal: previous?.bytesTotal ?? 0,
    });
  }

  private report(progress: UploadProgress): void {
    this.last = progress;
    this.listener?.(progress);
  }
}

export interface ItemProgress {
  /** The upload (re)starts at this byte: a chunk sent again counts from its start. */
  at(offset: number): void;
  /** These many more bytes went out. */
  add(bytes: number): void;
}
