import { describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../shared/media-item';
import { uploadFraction, uploadProgressText } from '../../shared/upload-progress-text';

const MB = 1024 * 1024;
const progress = (overrides: Partial<UploadProgress>): UploadProgress => ({
  phase: 'uploading',
  item: 1,
  items: 1,
  bytesSent: 0,
  bytesTotal: 10 * MB,
  ...overrides,
});

describe('upload progress in words and as a fraction', () => {
  it('counts the files before the current one as done', () => {
    expect(uploadFraction(progress({ item: 2, items: 3, bytesSent: 5 * MB }))).toBeCloseTo(0.5);
    expect(uploadFraction(progress({ item: 1, items: 4, bytesSent: 0 }))).toBe(0);
    expect(uploadFraction(progress({ item: 4, items: 4, bytesSent: 10 * MB }))).toBe(1);
    // An empty total (nothing known yet) counts as not started, never as NaN.
    expect(uploadFraction(progress({ bytesTotal: 0 }))).toBe(0);
  });

  it('has no figure once the platform processes or posts', () => {
    expect(uploadFraction(progress({ phase: 'processing' }))).toBeNull();
    expect(uploadFraction(progress({ phase: 'publishing' }))).toBeNull();
  });

  it('says which file, how many bytes and how far', () => {
    expect(uploadProgressText(progress({ item: 2, items: 3, bytesSent: 4.2 * MB }))).toBe('Uploading 2 of 3 · 4.2 MB of 10 MB (42 %)');
    expect(uploadProgressText(progress({ bytesSent: 512 * 1024 }))).toBe('Uploading · 512 KB of 10 MB (5 %)');
    expect(uploadProgressText(progress({ phase: 'processing', items: 2 }))).toBe('The platform is processing 2 files');
    expect(uploadProgressText(progress({ phase: 'processing' }))).toBe('The platform is processing the file');
    expect(uploadProgressText(progress({ phase: 'publishing' }))).toBe('Publishing');
  });
});
