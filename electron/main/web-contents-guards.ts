// Every web contents the app creates stays on the page it was given: no navigation, no new windows, no webviews.
// Web links (a published post, a platform's help page) open in the system browser after isSafeExternalUrl.
import type { WebContents } from 'electron';
import type { Logger } from '../engine/logger';
import { isSafeExternalUrl } from './external-url';

export function guardWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>, log: Logger): void {
  const openIfSafe = (url: string) => {
    if (!isSafeExternalUrl(url)) {
      log.warn(`Blocked opening ${url.slice(0, 200)}`);
      return;
    }
    openExternal(url).catch((error: unknown) => log.warn(`Could not open ${url} in the browser`, error));
  };

  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfSafe(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url);
    return { action: 'deny' };
  });
}
