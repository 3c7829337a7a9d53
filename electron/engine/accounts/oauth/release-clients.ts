// Developer apps a release carries for the platforms that allow it (X, YouTube: their desktop clients' secrets are
// not treated as confidential). The release build sets MAIN_VITE_<PLATFORM>_CLIENT_ID (and _CLIENT_SECRET) and
// electron-vite writes the values into the bundle; development builds carry none. Only the bundled hosts (the app,
// `serve`, `web`) read this.
import type { BuiltInClients } from './oauth-apps';

export function releaseClients(): BuiltInClients {
  const env = import.meta.env;
  const clients: BuiltInClients = {};
  if (env.MAIN_VITE_TWITTER_CLIENT_ID) {
    clients.twitter = {
      clientId: env.MAIN_VITE_TWITTER_CLIENT_ID,
      ...(env.MAIN_VITE_TWITTER_CLIENT_SECRET ? { clientSecret: env.MAIN_VITE_TWITTER_CLIENT_SECRET } : {}),
    };
  }
  if (env.MAIN_VITE_YOUTUBE_CLIENT_ID) {
    clients.youtube = {
      clientId: env.MAIN_VITE_YOUTUBE_CLIENT_ID,
      ...(env.MAIN_VITE_YOUTUBE_CLIENT_SECRET ? { clientSecret: env.MAIN_VITE_YOUTUBE_CLIENT_SECRET } : {}),
    };
  }
  return clients;
}
