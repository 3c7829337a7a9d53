// Navigation and new windows, with a stand-in for Electron's WebContents (which cannot load under plain Node): the
// app's page never leaves itself, and only plain web links reach the system browser.
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/engine/logger';
import { guardWebContents } from '../../electron/main/web-contents-guards';

interface PreventableEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

/** Emits the events Electron emits before a navigation, a redirect or a webview, each preventable. */
class ContentsStandIn extends EventEmitter {
  windowOpen: WindowOpenHandler | undefined;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpen = handler;
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }

  /** Emits `name` as Electron does and answers whether a listener prevented it. */
  attempt(name: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    const event: PreventableEvent = {
      url,
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
    };
    this.emit(name, event);
    return event.defaultPrevented;
  }
}

function guarded(openExternal: (url: string) => Promise<void> = async () => undefined) {
  const contents = new ContentsStandIn();
  const opened: string[] = [];
  const warnings: string[] = [];
  const log: Logger = { debug: () => undefined, info: () => undefined, warn: (message) => void warnings.push(message), error: () => undefined };
  guardWebContents(
    contents.asWebContents(),
    (url) => {
      opened.push(url);
      return openExternal(url);
    },
    log,
  );
  return { contents, opened, warnings };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('guardWebContents', () => {
  it('keeps the page where it is and opens a web link in the system browser instead', () => {
    const { contents, opened } = guarded();
    expect(contents.attempt('will-navigate', 'https://www.linkedin.com/feed/update/urn:li:share:1')).toBe(true);
    expect(opened).toEqual(['https://www.linkedin.com/feed/update/urn:li:share:1']);
  });

  it('stops a navigation to anything but a plain web address and opens nothing', () => {
    const { contents, opened, warnings } = guarded();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id', 'https://user:pass@bank.example/']) {
      expect(contents.attempt('will-navigate', url), url).toBe(true);
    }
    expect(opened).toEqual([]);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe('Blocked opening file:///etc/passwd');
  });

  it('refuses redirects and webviews', () => {
    const { contents, opened } = guarded();
    expect(contents.attempt('will-redirect', 'https://elsewhere.example/')).toBe(true);
    expect(contents.attempt('will-attach-webview', 'https://elsewhere.example/')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window, sending a safe link to the browser and dropping the rest', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpen?.({ url: 'https://x.com/i/web/status/1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'file:///home/user/.ssh/id_rsa' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://x.com/i/web/status/1']);
  });

  it('logs a browser that cannot be opened instead of failing', async () => {
    const { contents, warnings } = guarded(() => Promise.reject(new Error('no browser')));
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    await settle();
    expect(warnings).toEqual(['Could not open https://example.com/ in the browser']);
  });
});
