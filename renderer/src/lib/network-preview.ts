// What a post will roughly look like on each network, as plain data: the text after the platform's own override,
// cut where the network folds it ("…see more"), the link card the network builds, media as a grid, a carousel or a
// video poster, and X's thread. Approximations, by design: each network decides its final look, and the preview says
// so. The figures below are what each network's web feed showed when written; they change now and then.
import { PLATFORM_LABELS, type Platform, type TargetOptions } from '../../../shared/domain';
import type { MediaKind } from '../../../shared/media';

export interface PreviewMedia {
  src: string;
  kind: MediaKind;
}

export interface LinkCard {
  url: string;
  /** The host, as the card shows it: `example.com`. */
  domain: string;
}

export type MediaLayout = 'none' | 'grid' | 'carousel' | 'video';

export interface PreviewPost {
  /** The text as shown before "see more": whole when short. */
  text: string;
  /** The label the network puts where it folds the text; null when the text shows whole. */
  more: string | null;
  media: PreviewMedia[];
  mediaLayout: MediaLayout;
  /** Pictures beyond what the grid shows: the last tile reads "+N". */
  hiddenMedia: number;
  linkCard: LinkCard | null;
}

export interface NetworkPreview {
  platform: Platform;
  /** Who posts: the account's name, or "@brand and 1 more". */
  author: string;
  /** feed: a post in a feed; vertical: full-height (TikTok, Reels, Stories); video: YouTube's player and title. */
  frame: 'feed' | 'vertical' | 'video';
  /** YouTube's and TikTok's title. */
  title: string | null;
  /** One post, or X's thread in order. */
  posts: PreviewPost[];
  /** What this preview cannot show, in words (a network that needs media, a story without its caption …). */
  notes: string[];
}

interface Fold {
  /** Characters shown before the fold. */
  characters: number;
  /** Lines shown before the fold (a short text with many line breaks folds too). */
  lines: number;
  label: string;
}

/** Where each network folds a long text in its feed, roughly. X shows a post whole (it is short by rule). */
const FOLDS: Partial<Record<Platform, Fold>> = {
  linkedin: { characters: 210, lines: 3, label: '…see more' },
  facebook: { characters: 480, lines: 5, label: '… See more' },
  instagram: { characters: 125, lines: 2, label: '… more' },
  tiktok: { characters: 100, lines: 2, label: '… more' },
  youtube: { characters: 160, lines: 2, label: '…more' },
};

/** How many pictures a feed grid shows before "+N"; Instagram and TikTok swipe through a carousel instead. */
const GRID_LIMIT: Partial<Record<Platform, number>> = { twitter: 4, linkedin: 4, facebook: 5 };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/i;

export function firstLink(text: string): string | null {
  return URL_IN_TEXT.exec(text)?.[0] ?? null;
}

export function linkCard(url: string): LinkCard | null {
  try {
    return { url, domain: new URL(url).hostname.replace(/^www\./, '') };
  } catch {
    return null;
  }
}

/** The text up to a network's fold: by characters (never splitting an emoji) and by lines. */
export function foldText(text: string, fold: Fold | undefined): { text: string; more: string | null } {
  const trimmed = text.trimEnd();
  if (!fold) return { text: trimmed, more: null };
  const lines = trimmed.split('\n');
  let shown = lines.length > fold.lines ? lines.slice(0, fold.lines).join('\n') : trimmed;
  const characters = Array.from(shown);
  if (characters.length > fold.characters) {
    // Cut at the last space before the limit, as the networks do, unless that loses most of it.
    const cut = characters.slice(0, fold.characters).join('');
    const space = cut.lastIndexOf(' ');
    shown = space > fold.characters * 0.6 ? cut.slice(0, space) : cut;
  }
  return shown.length < trimmed.length ? { text: shown.trimEnd(), more: fold.label } : { text: trimmed, more: null };
}

function layoutFor(platform: Platform, media: readonly PreviewMedia[]): MediaLayout {
  if (media.length === 0) return 'none';
  if (media.some((item) => item.kind === 'video')) return 'video';
  if (platform === 'instagram' || platform === 'tiktok') return media.length > 1 ? 'carousel' : 'grid';
  return 'grid';
}

export interface PreviewInput {
  platform: Platform;
  /** The post's text after this platform's override. */
  text: string;
  options: TargetOptions;
  media: readonly PreviewMedia[];
  /** The names of the chosen accounts on this platform. */
  accountNames: readonly string[];
}

export function networkPreview(input: PreviewInput): NetworkPreview {
  const { platform, options } = input;
  const fold = FOLDS[platform];
  const notes: string[] = [];
  const [firstName = PLATFORM_LABELS[platform], ...others] = input.accountNames;
  const author = others.length === 0 ? firstName : `${firstName} and ${others.length} more`;
  const layout = layoutFor(platform, input.media);
  const gridLimit = layout === 'grid' ? GRID_LIMIT[platform] : undefined;
  // A video goes alone (with a picture beside it, networks post the video); a grid shows its first few.
  const media = layout === 'video' ? input.media.filter((item) => item.kind === 'video').slice(0, 1) : input.media.slice(0, gridLimit);

  // A link card is made from the explicit link, else the first link in the text, and only when no media is attached.
  const link = options.link ?? (platform === 'instagram' || platform === 'tiktok' || platform === 'youtube' ? null : firstLink(input.text));
  const card = link !== null && input.media.length === 0 ? linkCard(link) : null;

  const hiddenMedia = layout === 'grid' ? input.media.length - media.length : 0;
  const first: PreviewPost = { ...foldText(input.text, fold), media, mediaLayout: layout, hiddenMedia, linkCard: card };
  const posts: PreviewPost[] = [first];
  if (platform === 'twitter') {
    for (const reply of options.thread ?? []) {
      if (reply.trim() === '') continue;
      const replyLink = firstLink(reply);
      posts.push({
        text: reply.trimEnd(),
        more: null,
        media: [],
        mediaLayout: 'none',
        hiddenMedia: 0,
        linkCard: replyLink ? linkCard(replyLink) : null,
      });
    }
  }

  let frame: NetworkPreview['frame'] = 'feed';
  if (platform === 'youtube') frame = 'video';
  if (platform === 'tiktok' || (platform === 'instagram' && (options.instagramKind === 'reel' || options.instagramKind === 'story')))
    frame = 'vertical';
  if (platform === 'instagram' && input.media.length === 0) notes.push('Instagram publishes only with a picture or a video.');
  if (platform === 'youtube' && !input.media.some((item) => item.kind === 'video')) notes.push('YouTube publishes only a video.');
  if (platform === 'instagram' && options.instagramKind === 'story') {
    first.text = '';
    first.more = null;
    notes.push('A story shows no caption.');
  }
  if (platform === 'instagram' && firstLink(input.text) !== null) notes.push('Links in Instagram captions cannot be tapped.');
  const title = platform === 'youtube' || platform === 'tiktok' ? (options.title?.trim() ?? '') || null : null;
  return { platform, author, frame, title, posts, notes };
}
