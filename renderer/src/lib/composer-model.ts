// The composer's state as plain data, and everything derived from it: which platforms are in play, the rule checks
// shown as the user types, and the exact request each button sends.
import type { ChannelInput } from '../../../shared/contract/channels';
import { PLATFORMS, type AccountView, type Platform, type PostView, type TargetOptions } from '../../../shared/domain';
import { mediaKind, type MediaKind } from '../../../shared/media';
import type { MediaFacts, MediaItemView } from '../../../shared/media-item';
import { needsPublicLink, noMediaStorageMessage } from '../../../shared/media-rules';
import { checkTarget, type RuleViolation, type TargetMediaItem } from '../../../shared/platform-rules';
import { checkWallTime, instantToWallTime, isValidTimeZone, type ResolvedInstant, type WallTime } from './time';

export interface PlatformDraft {
  /** Text for this platform only; null means the shared text. */
  override: string | null;
  options: TargetOptions;
}

/** One entry of the draft's media, in posting order: a file of the media library (with its facts) or a public link. */
export type DraftMedia = DraftFile | DraftLink;

export interface DraftFile {
  mediaId: string;
  /** The file's name when it was imported. */
  name: string;
  facts: MediaFacts;
  /** What a screen reader says for the image on the platforms that take alt text; '' for none. */
  altText: string;
}

export interface DraftLink {
  url: string;
  altText: string;
}

export interface ComposerDraft {
  text: string;
  media: DraftMedia[];
  accountIds: string[];
  platforms: Partial<Record<Platform, PlatformDraft>>;
  when: WallTime;
  timeZone: string;
  /** Whether the time was picked (or the post has one): a draft keeps only a picked time. */
  timeChosen: boolean;
}

type TargetInput = ChannelInput<'posts:create'>['targets'][number];

/** The options each platform's rules and publisher read; others are dropped before sending. */
const PLATFORM_OPTION_KEYS: Record<Platform, readonly (keyof TargetOptions)[]> = {
  twitter: ['thread'],
  facebook: ['link'],
  instagram: ['instagramKind'],
  linkedin: ['link'],
  tiktok: ['title', 'privacy', 'disableComments'],
  youtube: ['title', 'privacy', 'madeForKids'],
};

function defaultPlatformDraft(platform: Platform): PlatformDraft {
  switch (platform) {
    case 'youtube':
      return { override: null, options: { privacy: 'public', madeForKids: false } };
    case 'tiktok':
      return { override: null, options: { privacy: 'public' } };
    case 'instagram':
      return { override: null, options: { instagramKind: 'feed' } };
    default:
      return { override: null, options: {} };
  }
}

export function emptyDraft(when: WallTime, timeZone: string, timeChosen = false): ComposerDraft {
  return { text: '', media: [], accountIds: [], platforms: {}, when, timeZone, timeChosen };
}

export function platformDraft(draft: ComposerDraft, platform: Platform): PlatformDraft {
  return draft.platforms[platform] ?? defaultPlatformDraft(platform);
}

export function effectiveText(draft: ComposerDraft, platform: Platform): string {
  return platformDraft(draft, platform).override ?? draft.text;
}

/** The chosen accounts that still exist, in the order the user sees them. */
export function selectedAccounts(draft: ComposerDraft, accounts: readonly AccountView[]): AccountView[] {
  const chosen = new Set(draft.accountIds);
  return accounts.filter((account) => chosen.has(account.id));
}

export function selectedPlatforms(draft: ComposerDraft, accounts: readonly AccountView[]): Platform[] {
  const platforms = new Set(selectedAccounts(draft, accounts).map((account) => account.platform));
  return PLATFORMS.filter((platform) => platforms.has(platform));
}

/** Only the options the platform uses, without empty strings; undefined when none are left. */
export function cleanOptions(platform: Platform, options: TargetOptions): TargetOptions | undefined {
  const cleaned: Record<string, unknown> = {};
  for (const key of PLATFORM_OPTION_KEYS[platform]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '') cleaned[key] = trimmed;
    } else if (Array.isArray(value)) {
      if (value.length > 0) cleaned[key] = [...value];
    } else {
      cleaned[key] = value;
    }
  }
  return Object.keys(cleaned).length === 0 ? undefined : (cleaned as TargetOptions);
}

export function buildTargets(draft: ComposerDraft, accounts: readonly AccountView[]): TargetInput[] {
  return selectedAccounts(draft, accounts).map((account) => {
    const settings = platformDraft(draft, account.platform);
    const target: TargetInput = { accountId: account.id };
    if (settings.override !== null) target.text = settings.override;
    const options = cleanOptions(account.platform, settings.options);
    if (options) target.options = options;
    return target;
  });
}

export function isDraftFile(entry: DraftMedia): entry is DraftFile {
  return 'mediaId' in entry;
}

/** The same entry in a list: the same library item or the same link. */
export function draftMediaKey(entry: DraftMedia): string {
  return isDraftFile(entry) ? `file:${entry.mediaId}` : `link:${entry.url}`;
}

/** What the entry is: a file by its sniffed facts, a link by its extension (all that is known before download). */
export function draftMediaKind(entry: DraftMedia): MediaKind | 'document' {
  return isDraftFile(entry) ? entry.facts.kind : mediaKind(entry.url);
}

export function draftFileOf(item: MediaItemView): DraftFile {
  const { id, name, kind, mimeType, sizeBytes, width, height, durationMs, videoCodec, audioCodec, frameRate } = item;
  return { mediaId: id, name, facts: { kind, mimeType, sizeBytes, width, height, durationMs, videoCodec, audioCodec, frameRate }, altText: '' };
}

export interface DraftCheckContext {
  /** Whether media storage for public links is set up; unknown (undefined) raises nothing. */
  storageConfigured?: boolean;
}

/**
 * What each selected platform would refuse, computed by the same rules the engine applies. A file's refusals name
 * `media.<i>`, its place in the draft's media.
 */
export function checkDraft(
  draft: ComposerDraft,
  accounts: readonly AccountView[],
  context: DraftCheckContext = {},
): Partial<Record<Platform, RuleViolation[]>> {
  const result: Partial<Record<Platform, RuleViolation[]>> = {};
  const media: TargetMediaItem[] = draft.media.map((entry) =>
    isDraftFile(entry) ? { name: entry.name, facts: entry.facts } : { name: entry.url, url: entry.url },
  );
  for (const platform of selectedPlatforms(draft, accounts)) {
    const violations = checkTarget({
      platform,
      text: effectiveText(draft, platform),
      mediaUrls: [],
      media,
      options: cleanOptions(platform, platformDraft(draft, platform).options) ?? {},
    });
    // Said before scheduling, not after the post fails: a file that needs a public link when there is no storage.
    if (context.storageConfigured === false) {
      draft.media.forEach((entry, index) => {
        if (isDraftFile(entry) && needsPublicLink(platform, entry.facts)) {
          violations.push({ platform, rule: 'media-storage', field: `media.${index}`, message: noMediaStorageMessage(entry.name) });
        }
      });
    }
    result[platform] = violations;
  }
  return result;
}

export function countViolations(checks: Partial<Record<Platform, RuleViolation[]>>): number {
  return Object.values(checks).reduce((sum, list) => sum + (list?.length ?? 0), 0);
}

export interface ScheduleCheck {
  instant: ResolvedInstant | null;
  /** Why the picked time cannot be used, in words; null when it can. */
  problem: string | null;
}

export function checkSchedule(when: WallTime, timeZone: string, now: Date): ScheduleCheck {
  if (!isValidTimeZone(timeZone)) return { instant: null, problem: 'Pick a time zone from the list.' };
  const check = checkWallTime(when, timeZone);
  if (check.kind === 'invalid') return { instant: null, problem: 'Pick a date and a time.' };
  // The same refusal the engine and the CLI give: the clocks skip this time.
  if (check.kind === 'gap') return { instant: null, problem: check.message };
  const { instant } = check;
  if (Date.parse(instant.iso) <= now.getTime()) return { instant, problem: 'This time has already passed. Pick a later one.' };
  return { instant, problem: null };
}

export function draftFromPost(post: PostView, fallbackWhen: WallTime): ComposerDraft {
  const platforms: Partial<Record<Platform, PlatformDraft>> = {};
  for (const target of post.targets) {
    if (platforms[target.platform]) continue;
    const defaults = defaultPlatformDraft(target.platform);
    platforms[target.platform] = { override: target.textOverride, options: { ...defaults.options, ...target.options } };
  }
  return {
    text: post.text,
    media: post.media.flatMap((entry): DraftMedia[] => {
      const altText = entry.altText ?? '';
      if (entry.mediaId !== null && entry.facts !== null) return [{ mediaId: entry.mediaId, name: entry.name, facts: entry.facts, altText }];
      return entry.url !== null ? [{ url: entry.url, altText }] : [];
    }),
    accountIds: [...new Set(post.targets.flatMap((target) => (target.accountId === null ? [] : [target.accountId])))],
    platforms,
    when: post.scheduledAt ? instantToWallTime(post.scheduledAt, post.timeZone) : fallbackWhen,
    timeZone: post.timeZone,
    timeChosen: post.scheduledAt !== null,
  };
}

export type SaveMode = NonNullable<ChannelInput<'posts:save'>['mode']>;

/**
 * The one posts:save a composer button sends: a new post (no id, with the draft's idempotency key) or a change to
 * `postId`, kept as a draft, scheduled at `instant`, or published now.
 */
export function saveInput(
  postId: string | null,
  draft: ComposerDraft,
  accounts: readonly AccountView[],
  mode: SaveMode,
  instant: ResolvedInstant | null,
  idempotencyKey: string,
): ChannelInput<'posts:save'> {
  const input: ChannelInput<'posts:save'> = {
    ...(postId === null ? { idempotencyKey } : { id: postId }),
    text: draft.text,
    ...mediaInput(draft),
    targets: buildTargets(draft, accounts),
    mode,
    timeZone: draft.timeZone,
  };
  // A draft keeps its time only when one was picked (it then shows on the calendar); else it waits in Drafts.
  if (mode === 'schedule' && instant) input.scheduledAt = instant.iso;
  if (mode === 'draft') input.scheduledAt = draft.timeChosen && instant ? instant.iso : null;
  return input;
}

/** The one posts:queue "Add to queue" sends: the whole post, the draft being written (if stored), and its accounts. */
export function queueInput(
  postId: string | null,
  draft: ComposerDraft,
  accounts: readonly AccountView[],
  idempotencyKey: string,
): ChannelInput<'posts:queue'> {
  return {
    ...(postId === null ? { idempotencyKey } : { id: postId }),
    text: draft.text,
    ...mediaInput(draft),
    targets: buildTargets(draft, accounts),
  };
}

/** The draft's media as posts:save takes it: files and links in the user's order, each with its alt text. */
function mediaInput(draft: ComposerDraft): Pick<ChannelInput<'posts:save'>, 'media'> {
  return {
    media: draft.media.map((entry) => {
      const altText = entry.altText.trim();
      const described = altText === '' ? {} : { altText };
      return isDraftFile(entry) ? { mediaId: entry.mediaId, ...described } : { url: entry.url, ...described };
    }),
  };
}
