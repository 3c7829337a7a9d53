import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { windowCloseAction } from '../../electron/main/window-close';

const directive = (csp: string, name: string) => csp.split('; ').find((part) => part.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('allows only the app itself to run scripts in the built app', () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it("lets post media previews load from the user's media URLs and library files from main's pe-media: scheme", () => {
    expect(directive(contentSecurityPolicy(), 'img-src')).toBe("img-src 'self' data: blob: https: http: pe-media:");
    expect(directive(contentSecurityPolicy(), 'media-src')).toBe("media-src 'self' blob: https: http: pe-media:");
  });

  it("opens only the dev server's origin and socket while developing", () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});

describe('windowCloseAction', () => {
  it('hides to the tray when the setting is on and a tray icon can be seen', () => {
    expect(windowCloseAction({ quitting: false, closeToTray: true, trayUsable: true })).toBe('hide');
  });

  it('minimises instead when no tray icon can be seen, so the app is never hidden with nothing to click', () => {
    expect(windowCloseAction({ quitting: false, closeToTray: true, trayUsable: false })).toBe('minimize');
  });

  it('quits when the setting is off, or while quitting', () => {
    expect(windowCloseAction({ quitting: false, closeToTray: false, trayUsable: true })).toBe('quit');
    expect(windowCloseAction({ quitting: true, closeToTray: true, trayUsable: true })).toBe('quit');
    expect(windowCloseAction({ quitting: true, closeToTray: true, trayUsable: false })).toBe('quit');
  });
});
