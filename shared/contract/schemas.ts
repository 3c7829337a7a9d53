// Input schemas: every request from any client is parsed with these before it touches the database.
import { z } from 'zod';
import { accountIdProblem } from '../account-ids';
import { CALENDAR_DAY_POSTS_MAX } from '../calendar-days';
import { CLOCKS, LOGIN_KINDS, PLATFORMS, POST_STATUSES, PRIVACY_LEVELS, WEEK_STARTS } from '../domain';
import { MAX_SLOTS_PER_ACCOUNT, SLOT_TIME, WEEKDAYS } from '../posting-slots';
import { offsetProblem } from '../wall-time';

export const id = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** An instant with an explicit offset or Z, so no client's local zone can shift it. */
export const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date and time with an offset, e.g. 2026-12-01T09:00:00+01:00' });

export const timeZone = z
  .string()
  .min(1)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Europe/Berlin' },
  );

export const platform = z.enum(PLATFORMS);

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);

export const mediaUrls = z.array(httpUrl).max(35, 'at most 35 media items');

const altText = z.string().trim().max(1000, 'must be at most 1,000 characters (X’s limit for alt text)').optional();

/** One entry of a post's media, in order: an item of the media library or a public link, each with its alt text. */
const postMediaEntry = z.union([z.object({ mediaId: id, altText }).strict(), z.object({ url: httpUrl, altText }).strict()]);
export const postMedia = z.array(postMediaEntry).max(35, 'at most 35 media items');

/** `media` says everything `mediaUrls` does and more: a request gives one or the other. */
function oneMediaList(media: unknown, mediaUrlsGiven: boolean, ctx: z.RefinementCtx): void {
  if (media !== undefined && mediaUrlsGiven) {
    ctx.addIssue({ code: 'custom', path: ['media'], message: 'give media or mediaUrls, not both (media takes links too)' });
  }
}

export const postText = z.string().max(100_000, 'must be at most 100,000 characters');

export const targetOptions = z
  .object({
    title: z.string().max(500).optional(),
    privacy: z.enum(PRIVACY_LEVELS).optional(),
    thread: z.array(z.string().max(10_000)).max(25).optional(),
    instagramKind: z.enum(['feed', 'reel', 'story']).optional(),
    link: httpUrl.optional(),
    madeForKids: z.boolean().optional(),
    disableComments: z.boolean().optional(),
  })
  .strict();

export const targetInput = z
  .object({
    accountId: id,
    /** Text for this platform only; omitted or null means the post's text. */
    text: postText.nullable().optional(),
    options: targetOptions.optional(),
  })
  .strict();

/**
 * A time written with a numeric offset for a zone must be a wall time of that zone: one the clocks skip is refused
 * with its valid neighbours (the rule the composer and the CLI apply too). A `Z` time is exact and always passes.
 */
function zonedScheduledAt(input: { scheduledAt?: string | null | undefined; timeZone?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!input.scheduledAt || !input.timeZone) return;
  const problem = offsetProblem(input.scheduledAt, input.timeZone);
  if (problem) ctx.addIssue({ code: 'custom', path: ['scheduledAt'], message: problem });
}

/**
 * A key the client makes up (a UUID) for one create, and sends again when it retries that create. The same key
 * answers with what the first request made, so a retry after a lost answer (a crash, a dropped connection) never
 * creates a second one.
 */
export const idempotencyKey = z
  .string()
  .trim()
  .min(16, 'must be at least 16 characters (use a UUID)')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');

const targets = z.array(targetInput).min(1, 'choose at least one account').max(50);
/** A draft may wait for its accounts: none is enough until it is scheduled or published. */
const draftTargets = z.array(targetInput).max(50);

/** draft: keep; schedule: publish at scheduledAt; now: publish at once. */
export const saveMode = z.enum(['draft', 'schedule', 'now']);

export const postCreate = z
  .object({
    text: postText,
    mediaUrls: mediaUrls.default([]),
    media: postMedia.optional(),
    targets,
    mode: saveMode,
    scheduledAt: instant.nullable().optional(),
    timeZone: timeZone.optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.mode === 'schedule' && !input.scheduledAt) {
      ctx.addIssue({ code: 'custom', path: ['scheduledAt'], message: 'is required to schedule a post' });
    }
    oneMediaList(input.media, input.mediaUrls.length > 0, ctx);
    zonedScheduledAt(input, ctx);
  });

/**
 * One user action on a post: create it (no id) or change it (id), and keep it as a draft, schedule it or publish it
 * now, in one transaction. On a change, what is omitted stays as stored, and without a mode the post keeps its state
 * (a scheduled post stays scheduled, at its new time if one is given).
 */
export const postSave = z
  .object({
    id: id.optional(),
    text: postText.optional(),
    mediaUrls: mediaUrls.optional(),
    media: postMedia.optional(),
    targets: draftTargets.optional(),
    mode: saveMode.optional(),
    /** null clears a draft's time. */
    scheduledAt: instant.nullable().optional(),
    timeZone: timeZone.optional(),
    /** Only for a new post: a change to a post is safe to send again as it is. */
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const missing = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (input.id === undefined) {
      if (input.text === undefined) missing('text', 'is required for a new post');
      if (input.targets === undefined) missing('targets', 'choose at least one account');
      if (input.mode === undefined) missing('mode', 'is required for a new post');
      if (input.mode === 'schedule' && !input.scheduledAt) missing('scheduledAt', 'is required to schedule a post');
    } else if (input.idempotencyKey !== undefined) {
      missing('idempotencyKey', 'is only for creating a post; a change to a post is safe to send again');
    }
    if (input.mode === 'schedule' && input.scheduledAt === null) missing('scheduledAt', 'is required to schedule a post');
    oneMediaList(input.media, input.mediaUrls !== undefined, ctx);
    if (input.targets?.length === 0 && (input.mode === 'schedule' || input.mode === 'now')) missing('targets', 'choose at least one account');
    zonedScheduledAt(input, ctx);
  });

/**
 * "Add to queue": the post goes into the next free posting slot of each account (see PublishingService.addToQueue).
 * It carries the post's whole content, as the composer sends it; `id` names the draft being written, which takes the
 * earliest slot.
 */
export const postQueue = z
  .object({
    id: id.optional(),
    text: postText,
    mediaUrls: mediaUrls.optional(),
    media: postMedia.optional(),
    targets,
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.id !== undefined && input.idempotencyKey !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['idempotencyKey'], message: 'is only for a new post; queueing a saved post is safe to send again' });
    }
    oneMediaList(input.media, input.mediaUrls !== undefined && input.mediaUrls.length > 0, ctx);
  });

/** Queued posts in their new order: the times they hold, earliest first, go to them in this order. */
export const postReorder = z
  .object({
    postIds: z.array(id).min(2, 'give at least two posts to reorder').max(100, 'at most 100 posts'),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.postIds.forEach((postId, index) => {
      if (seen.has(postId)) ctx.addIssue({ code: 'custom', path: ['postIds', index], message: 'names a post twice' });
      seen.add(postId);
    });
  });

export const byId = z.object({ id }).strict();

/** When the computer went to sleep, if the host knows. */
export const wakeCheck = z.object({ asleepSince: instant.optional() }).strict();

export const postList = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    status: z.array(z.enum(POST_STATUSES)).max(POST_STATUSES.length, `at most ${POST_STATUSES.length} statuses`).optional(),
    limit: z.number().int().min(1).max(20_000).optional(),
    /** Only posts with a target on one of these accounts. */
    accountIds: z.array(id).max(200, 'at most 200 accounts').optional(),
    /** Only posts with a target on one of these platforms. */
    platforms: z.array(platform).max(PLATFORMS.length).optional(),
    /** Words the post's text (or a platform's own text, title or thread) contains, in any case. */
    search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    /** By time: oldest first (the default) or newest first. */
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();

const rangeEndsAfterStart = (input: { from: string; to: string }, ctx: z.RefinementCtx): void => {
  if (Date.parse(input.to) <= Date.parse(input.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

/** The calendar's posts: a range (both ends required, the calendar always shows one) and the same filter as posts:list. */
export const postCalendar = postList
  .omit({ from: true, to: true, order: true })
  .extend({ from: instant, to: instant })
  .strict()
  .superRefine(rangeEndsAfterStart);

/**
 * The month view's posts by day: the calendar's range and filter, the zone its days are in, and how many posts a day
 * carries at most (what its cell can show). Every post of the range is counted, so there is no limit.
 */
export const postCalendarDays = postList
  .omit({ from: true, to: true, order: true, limit: true })
  .extend({
    from: instant,
    to: instant,
    timeZone,
    perDay: z.number().int().min(1).max(CALENDAR_DAY_POSTS_MAX, `at most ${CALENDAR_DAY_POSTS_MAX}`),
  })
  .strict()
  .superRefine(rangeEndsAfterStart);

export const publishingReschedule = z.object({ id, scheduledAt: instant, timeZone: timeZone.optional() }).strict().superRefine(zonedScheduledAt);

export const publishingRetry = z.object({ id, targetId: id.optional() }).strict();

export const publishingResolveUnknown = z
  .object({
    targetId: id,
    /** published: the user found it live; retry: it is not there, publish again; failed: give up. */
    outcome: z.enum(['published', 'retry', 'failed']),
    platformPostUrl: httpUrl.optional(),
  })
  .strict();

const token = z.string().trim().min(1, 'must not be empty').max(8192);

export const accountAdd = z
  .object({
    platform,
    /** Omitted: the name the platform gives. */
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    /** Instagram: which login issued the token (default: through a Facebook Page). */
    loginKind: z.enum(LOGIN_KINDS).optional(),
    accessToken: token,
    refreshToken: token.optional(),
    expiresAt: instant.optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .strict()
  .superRefine((input, ctx) => accountIdIssue(input.platform, input.externalId, ctx));

export const accountUpdate = z
  .object({
    id,
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    accessToken: token.optional(),
    refreshToken: token.nullable().optional(),
    expiresAt: instant.nullable().optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** The platform's id of an account must look like one (shared/account-ids): it goes into the platform's URLs. */
function accountIdIssue(platformName: z.infer<typeof platform>, externalId: string | undefined, ctx: z.RefinementCtx): void {
  if (externalId === undefined) return;
  const problem = accountIdProblem(platformName, externalId);
  if (problem) ctx.addIssue({ code: 'custom', path: ['externalId'], message: problem });
}

export const empty = z.object({}).strict();

export const queueFailed = z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict();

export const queueRetry = z.object({ jobId: id }).strict();

export const settingsPatch = z
  .object({
    lateToleranceMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .optional(),
    notifications: z.boolean().optional(),
    closeToTray: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    startAtLoginAsked: z.boolean().optional(),
    /** null: follow this computer's zone. */
    timeZone: timeZone.nullable().optional(),
    weekStartsOn: z.enum(WEEK_STARTS).optional(),
    clock: z.enum(CLOCKS).optional(),
    defaultAccountIds: z.array(id).max(50, 'at most 50 accounts').optional(),
  })
  .strict();

const postingSlot = z
  .object({
    day: z.enum(WEEKDAYS),
    time: z.string().regex(SLOT_TIME, 'must be a 24-hour time such as 09:00'),
  })
  .strict();

export const slotsOfAccount = z.object({ accountId: id }).strict();

export const slotsSet = z
  .object({
    accountId: id,
    /** The zone the times are read in; omitted keeps the account's, or takes the default zone. */
    timeZone: timeZone.optional(),
    slots: z.array(postingSlot).max(MAX_SLOTS_PER_ACCOUNT, `at most ${MAX_SLOTS_PER_ACCOUNT} slots`),
  })
  .strict();

export const slotsOpen = z
  .object({
    from: instant,
    to: instant,
    accountIds: z.array(id).max(200, 'at most 200 accounts').optional(),
  })
  .strict()
  .refine((input) => Date.parse(input.to) > Date.parse(input.from), { path: ['to'], message: 'must be after from' });

/** An absolute path on this machine; only the CLI and the desktop app's file picker send these (see LOCAL_PATH_CHANNELS). */
const localPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .refine((path) => !path.includes('\0'), { message: 'must not contain a NUL character' });

export const mediaImport = z.object({ paths: z.array(localPath).min(1, 'choose at least one file').max(50, 'at most 50 files at once') }).strict();

/** An S3-compatible endpoint: https (or http for a local test server), no credentials, query or fragment in it. */
const storageEndpoint = z
  .url({ protocol: /^https?$/, message: 'must be the storage’s http(s) address, e.g. https://s3.eu-central-1.amazonaws.com' })
  .max(2048)
  .refine(
    (value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        // Not a URL at all: the check above has said so.
        return true;
      }
      return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    },
    { message: 'must be the plain address of the storage, without a key, query or #' },
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** A media storage bucket as the Settings form sends it; without a secret, the saved one is kept. */
export const storageSettings = z
  .object({
    endpoint: storageEndpoint,
    region: z
      .string()
      .trim()
      .min(1, 'must not be empty (use auto for Cloudflare R2, us-east-1 for MinIO)')
      .max(64)
      .regex(/^[a-z0-9-]+$/i, 'must be a region name such as eu-central-1 or auto'),
    bucket: z
      .string()
      .trim()
      .min(3, 'must be 3 to 63 characters')
      .max(63, 'must be 3 to 63 characters')
      .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'must be a bucket name: lowercase letters, digits, dots and hyphens'),
    accessKeyId: z.string().trim().min(1, 'must not be empty').max(256),
    secretAccessKey: z.string().trim().min(1, 'must not be empty').max(512).optional(),
  })
  .strict();
