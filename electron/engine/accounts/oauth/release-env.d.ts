// The release build's developer apps, written into the bundle by electron-vite (see release-clients.ts).
interface ImportMetaEnv {
  readonly MAIN_VITE_TWITTER_CLIENT_ID?: string;
  readonly MAIN_VITE_TWITTER_CLIENT_SECRET?: string;
  readonly MAIN_VITE_YOUTUBE_CLIENT_ID?: string;
  readonly MAIN_VITE_YOUTUBE_CLIENT_SECRET?: string;
}
