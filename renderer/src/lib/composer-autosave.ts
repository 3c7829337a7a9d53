// What is being written in the composer, kept on this computer as it is typed: one unsaved draft per post (and one
// for a new post), so leaving the screen, a crash or a quit never loses a caption. The engine holds only what the
// user saved; this holds what they have not saved yet, and is cleared the moment they do.
import './zod-without-eval';
import { z } from 'zod';
import { MEDIA_ITEM_KINDS } from '../../../shared/media-item';
import type { ComposerDraft } from './composer-model';

const PREFIX = 'publishing-engine:composer-draft:';
/** Typing is stored once it pauses this long; a quit or a leave stores it at once. */
export const AUTOSAVE_DELAY_MS = 500;

export interface Autosaved {
  draft: ComposerDraft;
  /** When it was stored (ms since the epoch). */
  savedAt: number;
  /** The post's updatedAt the changes were made on; null for a new post. */
  basis: string | null;
}

const wallTime = z.object({ date: z.string(), time: z.string() });
const count = z.number().nullable();
const facts = z.object({
  kind: z.enum(MEDIA_ITEM_KINDS),
  mimeType: z.string(),
  sizeBytes: z.number(),
  width: count,
  height: count,
  durationMs: count,
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  frameRate: count,
});
const media = z.array(
  z.union([z.object({ mediaId: z.string(), name: z.string(), facts, altText: z.string() }), z.object({ url: z.string(), altText: z.string() })]),
);
/** Drafts kept before files could be added held links only, as `mediaUrls`. */
const keptMedia = z.preprocess((draft) => {
  if (typeof draft !== 'object' || draft === null || 'media' in draft) return draft;
  const { mediaUrls, ...rest } = draft as { mediaUrls?: unknown };
  return { ...rest, media: Array.isArray(mediaUrls) ? mediaUrls.map((url: unknown) => ({ url, altText: '' })) : mediaUrls };
}, z.unknown());
const stored = z.object({
  savedAt: z.number(),
  basis: z.string().nullable(),
  draft: keptMedia.pipe(
    z.object({
      text: z.string(),
      media,
      accountIds: z.array(z.string()),
      platforms: z.record(z.string(), z.object({ override: z.string().nullable(), options: z.record(z.string(), z.unknown()) })),
      when: wallTime,
      timeZone: z.string(),
      timeChosen: z.boolean(),
    }),
  ),
});

/** The key of the post being written: its id, or "new". */
export function autosaveKey(postId: string | null): string {
  return `${PREFIX}${postId ?? 'new'}`;
}

export function loadAutosave(postId: string | null): Autosaved | null {
  try {
    const raw = window.localStorage.getItem(autosaveKey(postId));
    if (raw === null) return null;
    const parsed = stored.safeParse(JSON.parse(raw));
    // Something this version cannot read is dropped rather than half-restored.
    return parsed.success ? (parsed.data as Autosaved) : null;
  } catch {
    return null;
  }
}

export function storeAutosave(postId: string | null, draft: ComposerDraft, basis: string | null, now = Date.now()): void {
  try {
    window.localStorage.setItem(autosaveKey(postId), JSON.stringify({ savedAt: now, basis, draft } satisfies Autosaved));
  } catch {
    // Storage full or unavailable: the leave guard still asks before anything is thrown away.
  }
}

export function clearAutosave(postId: string | null): void {
  try {
    window.localStorage.removeItem(autosaveKey(postId));
  } catch {
    // Nothing stored to clear.
  }
}

/** Whether two drafts say the same thing: what the user would lose by leaving. */
export function sameDraft(a: ComposerDraft, b: ComposerDraft): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

function normalised(draft: ComposerDraft): ComposerDraft {
  // Platform settings only count for chosen content; key order must not make a difference.
  const platforms = Object.fromEntries(Object.entries(draft.platforms).sort(([left], [right]) => left.localeCompare(right)));
  return { ...draft, accountIds: [...draft.accountIds].sort(), platforms };
}
