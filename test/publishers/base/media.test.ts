import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { downloadMedia, removeDownload } from '../../../electron/engine/publishers/base/media';
import { PermanentError, RetryableError } from '../../../electron/engine/publishers/errors';
import { FakeServer } from '../../fakes/shared/fake-server';
import { MediaServer } from '../../fakes/shared/media-server';

let media: MediaServer;
let redirects: FakeServer;

beforeAll(async () => {
  media = await MediaServer.start();
  redirects = new FakeServer().route('GET', '/short.jpg', () => ({
    status: 302,
    headers: { location: media.add('target.jpg', { size: 64, contentType: 'image/jpeg' }) },
  }));
  await redirects.listen();
});
afterAll(async () => {
  await media.close();
  await redirects.close();
});

// The media servers here run on 127.0.0.1.
const options = { label: 'Test', maxBytes: 1024 * 1024, allowPrivateAddresses: true };

describe('downloadMedia', () => {
  it('returns the bytes, type and kind', async () => {
    const url = media.add('photo.jpg', { size: 1000, contentType: 'image/jpeg' });
    const file = await downloadMedia(url, { ...options, expect: 'image' });
    expect(file).toMatchObject({ url, mimeType: 'image/jpeg', kind: 'image', filename: 'photo.jpg' });
    expect(readFileSync(file.path).equals(media.bytesOf(url))).toBe(true);
    await removeDownload(file);
    expect(existsSync(file.path)).toBe(false);
  });

  it('judges octet-stream by the extension', async () => {
    const file = await downloadMedia(media.add('clip.mp4', { size: 10, contentType: 'application/octet-stream' }), options);
    expect(file).toMatchObject({ mimeType: 'video/mp4', kind: 'video' });
  });

  it('follows redirects', async () => {
    const file = await downloadMedia(`${redirects.origin}/short.jpg`, options);
    expect(file.size).toBe(64);
  });

  it.each([
    ['a web page', () => media.add('page.jpg', { size: 10, contentType: 'text/html' }), /not an image or video/],
    ['a file too large', () => media.add('huge.jpg', { size: 2 * 1024 * 1024, contentType: 'image/jpeg' }), /accepts files up to 1\.0 MB/],
    ['a missing file', () => `${media.add('x.jpg', { size: 1, contentType: 'image/jpeg' }).replace('x.jpg', 'gone.jpg')}`, /HTTP 404/],
    ['the wrong kind', () => media.add('fake.mp4', { size: 10, contentType: 'image/png' }), /looks like a video/],
    ['a non-web link', () => 'ftp://example.com/a.jpg', /http:\/\/ or https:\/\//],
  ])('refuses %s permanently, naming the link', async (_name, makeUrl, message) => {
    const url = makeUrl();
    const error = await downloadMedia(url, { ...options, expect: url.endsWith('.mp4') ? 'video' : 'image' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(url);
  });

  it('is retryable when the media host fails', async () => {
    const url = media.add('flaky.jpg', { size: 10, contentType: 'image/jpeg', status: 503 });
    await expect(downloadMedia(url, options)).rejects.toBeInstanceOf(RetryableError);
  });
});
