// Only the main frame of our own window, showing our own page, may call the engine. A navigated-away frame,
// an iframe or another window (even one of ours) is refused, so injected content cannot reach the contract.
import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** Whether `url` is the app's own page: the built index.html (file:) or the dev server's origin. */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.host === expected.host && actual.pathname === expected.pathname;
  }
  return actual.origin === expected.origin;
}

export interface SenderCheck {
  /** The app's page: a file: URL to the built index.html, or the dev server URL. */
  rendererUrl: string;
  /** The window allowed to call: our main window's contents, or null while there is none. */
  contents: () => WebContents | null;
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, check: SenderCheck): boolean {
  const contents = check.contents();
  const frame = event.senderFrame;
  if (contents === null || frame === null) return false;
  if (event.sender !== contents) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, check.rendererUrl);
}
