// The database's shape, for Kysely. Instants are UTC epoch milliseconds; JSON columns hold text.
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { AccountConnection, AccountStatus, LoginKind, Platform, PostStatus, TargetStatus, WaitReason } from '../../../shared/domain';
import type { MediaItemKind } from '../../../shared/media-item';

export interface SocialAccountsTable {
  id: string;
  platform: Platform;
  name: string;
  external_id: string | null;
  /** Encrypted with the installation's token cipher; never leaves the engine. */
  access_token_enc: string;
  refresh_token_enc: string | null;
  token_expires_at: number | null;
  status: AccountStatus;
  status_message: string | null;
  created_at: number;
  updated_at: number;
  avatar_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The developer app (client id) that issued the grant; a refresh uses the same one. */
  oauth_client_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Instagram only: which login the token came from, since the API hosts differ. */
  login_kind: ColumnType<LoginKind | null, LoginKind | null | undefined, LoginKind | null>;
  /** Space-separated scopes the user granted. */
  scopes: ColumnType<string | null, string | null | undefined, string | null>;
  refresh_expires_at: ColumnType<number | null, number | null | undefined, number | null>;
  token_issued_at: ColumnType<number | null, number | null | undefined, number | null>;
  verified_at: ColumnType<number | null, number | null | undefined, number | null>;
  reminded_at: ColumnType<number | null, number | null | undefined, number | null>;
  connection: ColumnType<AccountConnection, AccountConnection | undefined, AccountConnection>;
}

/** A developer app the user registered on a platform ("Use your own developer app"). */
export interface OAuthAppsTable {
  platform: Platform;
  client_id: string;
  /** Sealed like a token. */
  client_secret_enc: string | null;
  /** Space-separated scopes beyond the defaults, for products enabled on the app (LinkedIn company pages). */
  extra_scopes: string | null;
  updated_at: number;
}

export interface PostsTable {
  id: string;
  text: string;
  /** JSON array of URLs. */
  media_urls: string;
  scheduled_at: number | null;
  time_zone: string;
  status: PostStatus;
  created_at: number;
  updated_at: number;
}

export interface PostPlatformsTable {
  id: string;
  post_id: string;
  account_id: string | null;
  platform: Platform;
  /** The account's name when the target was made, so history reads well after an account is removed. */
  account_name: string;
  text_override: string | null;
  /** JSON TargetOptions. */
  options: string;
  status: TargetStatus;
  platform_post_id: string | null;
  platform_post_url: string | null;
  error_message: string | null;
  attempt_count: number;
  /** Bumped whenever the target needs a fresh job (reschedule, retry): part of the job id. */
  revision: number;
  /** When the target's job is due (epoch ms); null when it has no job. */
  due_at: number | null;
  /**
   * When its latest job came due: the due time it had when the worker claimed it or the missed rule gave it up. Kept
   * after `due_at` is cleared or moved, so a wake can tell which targets fell due while the computer slept.
   */
  came_due_at: ColumnType<number | null, number | null | undefined, number | null>;
  first_attempt_at: number | null;
  /** Why a pending (or publishing) target waits: the network, or its platform alone; null when it does not wait. */
  waiting_for: ColumnType<WaitReason | null, WaitReason | null | undefined, WaitReason | null>;
  /** Since when it waits (epoch ms); set and cleared with `waiting_for`. */
  waiting_since: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
}

export type AttemptOutcome =
  | 'published'
  | 'retryable'
  | 'permanent'
  | 'ambiguous'
  | 'rate_limited'
  | 'found'
  | 'absent'
  | 'unknown'
  | 'interrupted'
  | 'missed'
  /** Nothing reached the platform (no network, its host down, a captive portal): the try is not counted. */
  | 'unreachable';

export interface PublishAttemptsTable {
  id: ColumnType<number, never, never>;
  target_id: string;
  job_id: string;
  started_at: number;
  ended_at: number | null;
  outcome: AttemptOutcome | null;
  /** JSON object of platform handles saved before the create call. */
  handles: string;
  platform_post_id: string | null;
  error_message: string | null;
}

export interface EngineStateTable {
  key: string;
  /** JSON value. */
  value: string;
}

export interface MediaTable {
  id: string;
  sha256: string;
  /** The file's name when it was imported. */
  original_name: string;
  /** The file's name inside `<data dir>/media/`: its SHA-256 and the extension of its sniffed type. */
  stored_name: string;
  mime_type: string;
  kind: MediaItemKind;
  size_bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  frame_rate: number | null;
  created_at: number;
  /** Epoch ms since no post uses it; null while one does. The garbage collector removes it 30 days later. */
  unused_since: number | null;
}

/** A post's media in order: each row is a library item or a link. */
export interface PostMediaTable {
  post_id: string;
  position: number;
  media_id: string | null;
  url: string | null;
  alt_text: string | null;
}

/** A file put in the user's media storage for a platform to fetch; deleted once its target settles. */
export interface StorageObjectsTable {
  key: string;
  endpoint: string;
  bucket: string;
  target_id: string;
  created_at: number;
}

/** An account's posting queue: the zone its weekly slots are read in. */
export interface PostingSchedulesTable {
  account_id: string;
  time_zone: string;
  updated_at: number;
}

export interface PostingSlotsTable {
  account_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after midnight, wall time in the schedule's zone. */
  minute: number;
}

/** The posts due while the computer slept, recorded at the wake (one summary until dismissed). */
export interface WakeReportsTable {
  id: string;
  asleep_since: number | null;
  woke_at: number;
  dismissed_at: number | null;
}

export interface WakeReportTargetsTable {
  report_id: string;
  target_id: string;
}

export interface IdempotencyKeysTable {
  key: string;
  /** queue: one "Add to queue", whose result_id lists the posts it made, comma-separated. */
  kind: 'post' | 'account' | 'queue';
  request_digest: string;
  result_id: string;
  created_at: number;
}

export interface Database {
  social_accounts: SocialAccountsTable;
  posts: PostsTable;
  post_platforms: PostPlatformsTable;
  publish_attempts: PublishAttemptsTable;
  engine_state: EngineStateTable;
  idempotency_keys: IdempotencyKeysTable;
  media: MediaTable;
  post_media: PostMediaTable;
  storage_objects: StorageObjectsTable;
  posting_schedules: PostingSchedulesTable;
  posting_slots: PostingSlotsTable;
  oauth_apps: OAuthAppsTable;
  wake_reports: WakeReportsTable;
  wake_report_targets: WakeReportTargetsTable;
}

export type AccountRow = Selectable<SocialAccountsTable>;
export type NewAccountRow = Insertable<SocialAccountsTable>;
export type AccountRowUpdate = Updateable<SocialAccountsTable>;
export type OAuthAppRow = Selectable<OAuthAppsTable>;
export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;
export type PostRowUpdate = Updateable<PostsTable>;
export type TargetRow = Selectable<PostPlatformsTable>;
export type NewTargetRow = Insertable<PostPlatformsTable>;
export type TargetRowUpdate = Updateable<PostPlatformsTable>;
export type AttemptRow = Selectable<PublishAttemptsTable>;
export type NewAttemptRow = Insertable<PublishAttemptsTable>;
export type MediaRow = Selectable<MediaTable>;
export type NewMediaRow = Insertable<MediaTable>;
export type PostMediaRow = Selectable<PostMediaTable>;
export type PostingScheduleRow = Selectable<PostingSchedulesTable>;
export type PostingSlotRow = Selectable<PostingSlotsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
export type StorageObjectRow = Selectable<StorageObjectsTable>;
export type WakeReportRow = Selectable<WakeReportsTable>;
