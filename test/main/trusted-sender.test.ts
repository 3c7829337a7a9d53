import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/ipc/trusted-sender';

describe('isAppUrl', () => {
  const built = 'file:///opt/Publishing%20Engine/resources/app.asar/out/renderer/index.html';

  it('accepts the built page, with any route in its hash or query', () => {
    expect(isAppUrl(built, built)).toBe(true);
    expect(isAppUrl(`${built}#/posts/42`, built)).toBe(true);
    expect(isAppUrl(`${built}?view=month`, built)).toBe(true);
  });

  it('refuses another file, even next to ours', () => {
    expect(isAppUrl('file:///opt/Publishing%20Engine/resources/app.asar/out/renderer/other.html', built)).toBe(false);
    expect(isAppUrl('file:///tmp/index.html', built)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Publishing%20Engine/resources/app.asar/out/renderer/index.html', built)).toBe(false);
  });

  it('refuses web pages and other schemes when the app is built', () => {
    expect(isAppUrl('https://example.com/index.html', built)).toBe(false);
    expect(isAppUrl('about:blank', built)).toBe(false);
    expect(isAppUrl('not a url', built)).toBe(false);
  });

  it('accepts only the dev server origin while developing', () => {
    const dev = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/queue', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isAppUrl(built, dev)).toBe(false);
  });
});
