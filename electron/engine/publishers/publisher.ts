// The contract every platform's publisher implements: publish(accessToken, contentText, mediaUrls?, options?) → PublishResult.
import type { LoginKind, Platform, TargetOptions } from '../../../shared/domain';
import type { UploadProgress } from '../../../shared/media-item';
import type { MediaFile, PublishMedia } from './base/media';

export type { PublishMedia } from './base/media';

/** Public links to files from the user's disk, for platforms that fetch media from a URL (Instagram). */
export interface PublicMediaLinks {
  /**
   * Uploads the file to the user's media storage and returns a link that works for an hour. A PermanentError when no
   * storage is configured or it refuses the file; a RetryableError when it could not be reached.
   */
  linkFor(file: MediaFile, options?: { signal?: AbortSignal; onBodyProgress?: (bytes: number) => void }): Promise<string>;
}

export interface PublishResult {
  /** The platform's id of the live post. */
  platformPostId: string;
  /** A working link to the live post. */
  url: string;
}

export interface PublishAccount {
  id: string;
  platform: Platform;
  name: string;
  /** The platform's id of the account (page id, IG user id, person/organization URN, channel id …). */
  externalId: string | null;
  /** Epoch ms when the access token expires, when known. */
  tokenExpiresAt: number | null;
  /** Instagram: which login issued the token, since the API hosts differ. */
  loginKind: LoginKind | null;
}

/**
 * The account's tokens as the engine keeps them. Refreshing is the engine's job, not the publisher's: it serializes
 * the refreshes of one account and saves a new pair durably before anyone uses it.
 */
export interface TokenSource {
  /** A token good for a few more minutes: `current`, or a refreshed one when it was about to expire. */
  fresh(current: string): Promise<string>;
  /** The platform refused `rejected` (401): a renewed token, or a sign-in error when it cannot be renewed. */
  renew(rejected: string): Promise<string>;
}

/** Who a token belongs to, as the platform says. */
export interface AccountProfile {
  /** The platform's id of the account (user, page, channel, member URN …); null when the platform gives none. */
  externalId: string | null;
  name: string;
  avatarUrl: string | null;
  /** Something the user must know about this account, e.g. TikTok's private-only posting for unaudited apps. */
  notice?: string;
}

export interface ProfileQuery {
  /** The id the user gave, for platforms where one token reaches several accounts (a Page, an Instagram account). */
  externalId: string | null;
  loginKind: LoginKind | null;
  signal?: AbortSignal;
}

/**
 * The attempt ledger as a publisher sees it. `saveHandle` writes to SQLite at once, so a handle saved before the
 * final create call survives a crash and lets `findExisting` settle the attempt.
 */
export interface AttemptLedger {
  /** Handles saved by this target's earlier attempts and this one (upload session, container id, publish id …). */
  readonly handles: Readonly<Record<string, string>>;
  saveHandle(name: string, value: string): void;
}

export interface PublishOptions {
  /** Per-target settings: title, privacy, thread … */
  settings?: TargetOptions;
  account?: PublishAccount;
  ledger?: AttemptLedger;
  /** Keeps the token fresh; without it the token is used as given. */
  tokens?: TokenSource;
  /** Aborted when the engine shuts down or the job is cancelled. */
  signal?: AbortSignal;
  /** Epoch ms when this target's first publish attempt started: `findExisting` looks for posts from then on. */
  firstAttemptAt?: number;
  /**
   * The post's media in order, library files and links; when given it replaces `mediaUrls` (which then only names
   * the links, for older callers).
   */
  media?: PublishMedia[];
  /** How far the upload has got; called often, so the caller throttles what it forwards. */
  onProgress?: (progress: UploadProgress) => void;
  /** Where files from the user's disk get a public link, for a platform that fetches media by URL. */
  publicLinks?: PublicMediaLinks;
}

/** found: the post exists; absent: certainly not there, safe to publish; unknown: the platform cannot tell. */
export type ExistingPost = { state: 'found'; result: PublishResult } | { state: 'absent' } | { state: 'unknown'; reason: string };

export interface Publisher {
  readonly platform: Platform;
  /** Reads whose token this is; a PermanentError with authFailure when the platform refuses the token. */
  readProfile(accessToken: string, query: ProfileQuery): Promise<AccountProfile>;
  /**
   * The platform's API origin (`https://api.x.com`): whether it answers (any HTTP answer counts) tells the engine,
   * while something waits for another platform, whether the network works at all.
   */
  readonly apiOrigin?: string;
  publish(accessToken: string, contentText: string, mediaUrls?: string[], options?: PublishOptions): Promise<PublishResult>;
  /** Settles an ambiguous attempt by asking the platform (saved handle, or recent posts matched by text and time). */
  findExisting?(accessToken: string, contentText: string, mediaUrls?: string[], options?: PublishOptions): Promise<ExistingPost>;
}

export type PublisherRegistry = ReadonlyMap<Platform, Publisher>;
