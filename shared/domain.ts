// The domain's words, shared by the engine, the CLI and the UI. No Node or Electron imports here.
import type { MediaFacts } from './media-item';

export const PLATFORMS = ['instagram', 'facebook', 'twitter', 'linkedin', 'tiktok', 'youtube'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  twitter: 'X (Twitter)',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  youtube: 'YouTube',
};

export const POST_STATUSES = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const TARGET_STATUSES = ['pending', 'publishing', 'published', 'failed', 'cancelled', 'unknown'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * Why a target waits instead of publishing: nothing could be reached (the network is down, a captive portal answers
 * instead of the platforms), or only its platform cannot be reached while others answer. A reason on a `pending`
 * target (or on a `publishing` one waiting to ask whether its post went live), not a status of its own: a waiting
 * target can be cancelled, rescheduled, edited or missed exactly like any other, and the wait ends by itself.
 */
export const WAIT_REASONS = ['network', 'platform'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export interface TargetWait {
  reason: WaitReason;
  /** When it started waiting (ISO). */
  since: string;
}

export const ACCOUNT_STATUSES = ['connected', 'needs_reconnect'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** How an account was connected: signed in through the browser, or a token pasted by hand. */
export const ACCOUNT_CONNECTIONS = ['oauth', 'token'] as const;
export type AccountConnection = (typeof ACCOUNT_CONNECTIONS)[number];

/** Instagram only: Instagram Login (graph.instagram.com) or a Page linked through Facebook Login (graph.facebook.com). */
export const LOGIN_KINDS = ['instagram', 'facebook'] as const;
export type LoginKind = (typeof LOGIN_KINDS)[number];

/**
 * Why an account cannot publish now (or may not), each with its own fix: `needs_reconnect` (the platform refused the
 * sign-in: sign in again), `expired` (the token ran out and cannot be renewed: sign in again), `missing_id` (the
 * platform's id for the page, channel or member is not known: fill it in), `unverified` (the platform could not be
 * reached to check the token when it was added: check again).
 */
export const ACCOUNT_PROBLEMS = ['needs_reconnect', 'expired', 'missing_id', 'unverified'] as const;
export type AccountProblem = (typeof ACCOUNT_PROBLEMS)[number];

/** An account as every client sees it: never a token. */
export interface AccountView {
  id: string;
  platform: Platform;
  name: string;
  externalId: string | null;
  status: AccountStatus;
  /** When the access token expires (ISO), when known. */
  tokenExpiresAt: string | null;
  statusMessage: string | null;
  createdAt: string;
  avatarUrl: string | null;
  connection: AccountConnection;
  loginKind: LoginKind | null;
  /** When the platform last confirmed whose token this is (ISO); null if never. */
  verifiedAt: string | null;
  /** The app renews the sign-in by itself before it runs out (a refresh token, or Instagram's self-renewing token). */
  autoRenews: boolean;
  /** Why it cannot publish now, with the advice that fixes it; null when it can. */
  problem: { kind: AccountProblem; message: string } | null;
}

/** A target is one post on one account. */
export interface TargetView {
  id: string;
  postId: string;
  accountId: string | null;
  accountName: string;
  platform: Platform;
  status: TargetStatus;
  /** Text for this platform only, replacing the post's text. */
  textOverride: string | null;
  options: TargetOptions;
  platformPostId: string | null;
  platformPostUrl: string | null;
  errorMessage: string | null;
  attemptCount: number;
  /** Set while it waits for the network or for its platform to be reachable; `errorMessage` says what failed. */
  waiting: TargetWait | null;
  updatedAt: string;
}

export interface PostView {
  id: string;
  text: string;
  /** The links among the post's media, in order. */
  mediaUrls: string[];
  /** The post's media in order: items of the media library and links. */
  media: PostMediaView[];
  /** The instant it is due (ISO, UTC); null for a draft without a time and for publish-now. */
  scheduledAt: string | null;
  /** The IANA zone it was written in, for display. */
  timeZone: string;
  status: PostStatus;
  createdAt: string;
  updatedAt: string;
  targets: TargetView[];
}

/** One entry of a post's media: an item of the media library (mediaId, with its facts) or a link (url). */
export interface PostMediaView {
  mediaId: string | null;
  url: string | null;
  /** The file's name, or the link. */
  name: string;
  altText: string | null;
  /** Library items only. */
  facts: MediaFacts | null;
}

/** Who may see a video: YouTube takes the first three, TikTok all five. */
export const PRIVACY_LEVELS = ['public', 'unlisted', 'private', 'followers', 'friends'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

/** Per-target settings a platform needs beyond text and media. Every field is optional; rules say which a platform needs. */
export interface TargetOptions {
  /** YouTube video title; TikTok post title. */
  title?: string;
  /** YouTube: public | unlisted | private. TikTok: its privacy level. */
  privacy?: PrivacyLevel;
  /** X: more posts that follow the first as replies (a thread). */
  thread?: string[];
  /** Instagram: a story or a reel instead of a feed post. */
  instagramKind?: 'feed' | 'reel' | 'story';
  /** Facebook / LinkedIn: a link to attach. */
  link?: string;
  /** YouTube: mark as made for kids (YouTube requires the flag). */
  madeForKids?: boolean;
  /** TikTok: turn comments off. */
  disableComments?: boolean;
}

/** The first day of a calendar week: the language's custom ('auto'), or the user's pick. */
export const WEEK_STARTS = ['auto', 'monday', 'sunday', 'saturday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

/** How times of day read: the language's custom ('auto'), 9:30 PM, or 21:30. */
export const CLOCKS = ['auto', '12h', '24h'] as const;
export type Clock = (typeof CLOCKS)[number];

export interface Settings {
  /** Overdue targets later than this many minutes are marked missed instead of published. */
  lateToleranceMinutes: number;
  notifications: boolean;
  closeToTray: boolean;
  /** Scheduled posts go out only while the app runs, so it starts at login unless the user says otherwise. */
  startAtLogin: boolean;
  /** Whether the user was asked about starting at login (once, at the first run of the desktop app). */
  startAtLoginAsked: boolean;
  /** The zone new posts are written in and the calendar shows; null follows this computer's zone. */
  timeZone: string | null;
  weekStartsOn: WeekStart;
  clock: Clock;
  /** The accounts a new post starts with. */
  defaultAccountIds: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  lateToleranceMinutes: 60,
  notifications: true,
  closeToTray: true,
  startAtLogin: true,
  startAtLoginAsked: false,
  timeZone: null,
  weekStartsOn: 'auto',
  clock: 'auto',
  defaultAccountIds: [],
};

export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueStats {
  counts: Record<JobState, number>;
  paused: boolean;
  /** The next post due, for the tray. */
  nextPost: { id: string; text: string; scheduledAt: string } | null;
  /** Targets needing the user: failed or unknown. */
  needsAttention: number;
  /** The same work in people's words: how many posts, and how many platform deliveries (targets) they make up. */
  posts: {
    /** Waiting for their time, or due and about to start. */
    upcoming: PostCount;
    publishing: PostCount;
    /** Failed or could not be confirmed. */
    needsAttention: PostCount;
  };
  /** Posts (and deliveries) waiting for the network, or for their platform only; counted in `upcoming` or `publishing` too. */
  waiting: Record<WaitReason, PostCount>;
  connectivity: Connectivity;
}

/** What the engine knows about reaching the platforms, from its own requests and probes and the system's signal. */
export interface Connectivity {
  /**
   * `offline`: nothing can be reached (every platform in use failed, or the system says there is no network);
   * `online`: no known problem; platforms that cannot be reached while others answer are in `platformsDown`.
   */
  state: 'online' | 'offline';
  /** Since when it is offline (ISO); null while online. */
  offlineSince: string | null;
  /** True when the system reports no network connection (the desktop app only). */
  systemOffline: boolean;
  /** Platforms that cannot be reached (while others answer), with since when and why. */
  platformsDown: { platform: Platform; since: string; cause: string }[];
  /** When the engine next checks whether what it waits for can be reached (ISO); null when nothing waits. */
  nextCheckAt: string | null;
}

export interface PostCount {
  posts: number;
  targets: number;
}

export interface FailedJobView {
  jobId: string;
  targetId: string;
  postId: string | null;
  platform: Platform | null;
  accountName: string | null;
  reason: string;
  attemptsMade: number;
  failedAt: string | null;
}

export interface PublishResultEvent {
  postId: string;
  targetId: string;
  platform: Platform;
  accountName: string;
  status: 'published' | 'failed' | 'unknown';
  url: string | null;
  message: string | null;
}
