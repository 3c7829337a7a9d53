// The renderer's session with a stand-in for Electron's Session (which cannot load under plain Node): the CSP header
// on every response, and only the two permissions the app needs. Our code is real; only Electron's side is simulated.
import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { secureSession } from '../../electron/main/session-security';

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

/** Records what secureSession installs, as Electron's Session keeps one listener or handler of each kind. */
class SessionStandIn {
  headers: HeadersListener | undefined;
  request: RequestHandler | undefined;
  check: CheckHandler | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headers = listener;
    },
  };

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.request = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.check = handler;
  }

  asSession(): Session {
    return this as unknown as Session;
  }

  /** A response passing through the session: the headers Electron would hand to the page. */
  respond(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    let answer: Record<string, string[]> | undefined;
    this.headers?.({ url, responseHeaders }, (response) => (answer = response.responseHeaders));
    return answer;
  }

  /** What a page asking for `permission` is told. */
  asks(permission: string): boolean | undefined {
    let granted: boolean | undefined;
    this.request?.({}, permission, (answer) => (granted = answer), { requestingUrl: 'file:///app/index.html' });
    return granted;
  }
}

const csp = contentSecurityPolicy();

function secured(): SessionStandIn {
  const session = new SessionStandIn();
  secureSession(session.asSession(), csp);
  return session;
}

describe('secureSession', () => {
  it('puts the CSP on every response and keeps the other headers', () => {
    const session = secured();
    const headers = session.respond('https://cdn.example/photo.jpg', { 'Content-Type': ['image/jpeg'], 'Cache-Control': ['max-age=60'] });
    expect(headers).toEqual({ 'Content-Type': ['image/jpeg'], 'Cache-Control': ['max-age=60'], 'Content-Security-Policy': [csp] });
  });

  it("replaces a response's own, looser CSP with the app's", () => {
    const session = secured();
    const headers = session.respond('http://localhost:5173/', { 'Content-Security-Policy': ["script-src 'unsafe-eval' *"] });
    expect(headers?.['Content-Security-Policy']).toEqual([csp]);
  });

  it('grants only copying text and full-screen video when a page asks', () => {
    const session = secured();
    expect(session.asks('clipboard-sanitized-write')).toBe(true);
    expect(session.asks('fullscreen')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'pointerLock']) {
      expect(session.asks(permission), permission).toBe(false);
    }
  });

  it('answers permission checks the same way as requests', () => {
    const session = secured();
    const check = (permission: string) => session.check?.({}, permission, 'file://', {});
    expect(check('clipboard-sanitized-write')).toBe(true);
    expect(check('fullscreen')).toBe(true);
    expect(check('media')).toBe(false);
    expect(check('notifications')).toBe(false);
    expect(check('clipboard-read')).toBe(false);
  });
});
