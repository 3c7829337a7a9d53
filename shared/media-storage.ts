// Storage for public links: Instagram fetches media from a URL, so a file from the user's disk goes to an
// S3-compatible bucket the user configures (AWS S3, Cloudflare R2, Backblaze B2, MinIO …) and is published through
// a presigned link valid for an hour, then deleted. The secret key never leaves the engine.

/** The bucket as every client sees it: never the secret. */
export interface MediaStorageView {
  /** e.g. `https://s3.eu-central-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`. */
  endpoint: string;
  /** e.g. `eu-central-1`; `auto` for R2. */
  region: string;
  bucket: string;
  accessKeyId: string;
  /** When it was saved (ISO). */
  savedAt: string;
}

/** What `storage:get` and `storage:set` answer: the configured bucket, or null when none is. */
export interface MediaStorageState {
  storage: MediaStorageView | null;
}

/** What the Test button reports when the bucket took a file, served it through a presigned link and deleted it. */
export interface MediaStorageTestResult {
  message: string;
  /** Things that work from here but may not work for the platform (an endpoint on a private network …). */
  warnings: string[];
}

/** How long a presigned link stays valid: long enough for the platform to fetch, short enough to leak little. */
export const PUBLIC_LINK_LIFETIME_SECONDS = 3600;
