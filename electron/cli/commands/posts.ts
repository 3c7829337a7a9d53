// `publishing-engine posts …`: write, schedule, inspect and steer posts.
import { resolve } from 'node:path';
import type { ChannelInput } from '../../../shared/contract/channels';
import { PLATFORMS, POST_STATUSES, PRIVACY_LEVELS, type Platform, type PostView, type TargetOptions } from '../../../shared/domain';
import type { Command, CommandContext, OptionValues } from '../command';
import { dayOrInstant, flag, instant, localTimeZone, oneOf, optionalString, requiredString, stderrNote, strings } from '../option-values';
import { postDetails, postTable } from '../output/post-output';
import { localTime } from '../output/local-time';
import { IDEMPOTENCY_HELP, IDEMPOTENCY_OPTION, invokeCreate } from '../idempotent-create';
import { UsageError } from '../usage-error';

/**
 * `--media` values in order: links as they are, files imported into the media library first (the engine checks each
 * is a readable regular file and reads its facts; importing a file again finds the same item).
 */
async function mediaInput(context: CommandContext, values: readonly string[]): Promise<{ mediaUrls: string[] } | { media: PostMediaEntry[] }> {
  const isLink = (value: string): boolean => /^https?:\/\//i.test(value);
  const paths = values.filter((value) => !isLink(value)).map((value) => resolve(value));
  if (paths.length === 0) return { mediaUrls: [...values] };
  const items = await (await context.client()).invoke('media:import', { paths });
  let next = 0;
  return {
    media: values.map((value): PostMediaEntry => {
      if (isLink(value)) return { url: value };
      const item = items[next++];
      if (!item) throw new UsageError(`--media ${value}: the engine did not import this file.`);
      return { mediaId: item.id };
    }),
  };
}

type PostMediaEntry = NonNullable<ChannelInput<'posts:create'>['media']>[number];

/**
 * The post's new media list for `posts update`: always entries (a links-only `mediaUrls` would replace the library
 * files too, and so would anything but the full list), in the order given; a file or link the post already had keeps
 * its alt text.
 */
async function replacementMedia(context: CommandContext, post: PostView, values: readonly string[]): Promise<PostMediaEntry[]> {
  const input = await mediaInput(context, values);
  const entries: PostMediaEntry[] = 'media' in input ? input.media : input.mediaUrls.map((url) => ({ url }));
  return entries.map((entry) => {
    const had = post.media.find((old) => ('mediaId' in entry ? old.mediaId === entry.mediaId : old.url === entry.url));
    return had?.altText ? { ...entry, altText: had.altText } : entry;
  });
}

/** The platforms whose targets take a title and a privacy setting. */
const TITLED_PLATFORMS: readonly Platform[] = ['youtube', 'tiktok'];

const postsCreate: Command = {
  words: ['posts', 'create'],
  synopsis:
    '--text TEXT --account ID [--account ID …] [--media FILE|URL …] [--at ISO-8601 | --now | --queue | --draft] [--title T] [--privacy P] [--idempotency-key K]',
  summary:
    "Write a post for one or more accounts and schedule it, publish it now, add it to the accounts' queues, or keep it as a draft (the default).",
  options: {
    text: { type: 'string' },
    account: { type: 'string', multiple: true },
    media: { type: 'string', multiple: true },
    at: { type: 'string' },
    now: { type: 'boolean' },
    queue: { type: 'boolean' },
    draft: { type: 'boolean' },
    title: { type: 'string' },
    privacy: { type: 'string' },
    ...IDEMPOTENCY_OPTION,
  },
  optionHelp: [
    ['--text TEXT', "the post's text"],
    ['--account ID', 'an account to publish to; repeat for more (see "accounts list")'],
    ['--media FILE|URL', 'a photo or video on this computer (copied into the media library) or an http(s) link; repeat for more, in order'],
    ['--at ISO-8601', 'publish at this time: 2026-12-01T09:00 (local time) or with an offset, 2026-12-01T09:00+01:00'],
    ['--now', 'publish at once'],
    ['--queue', 'put it in each account\'s next free posting slot (see "accounts slots"); accounts whose next slots differ get a post each'],
    ['--draft', 'keep it as a draft (the default when no time is given)'],
    ['--title T', 'the video title for YouTube and TikTok accounts'],
    ['--privacy P', `${PRIVACY_LEVELS.join(' | ')} for YouTube and TikTok accounts`],
    IDEMPOTENCY_HELP,
  ],
  async run(context) {
    const { values, print } = context;
    const text = requiredString(values, 'text');
    const accountIds = strings(values, 'account');
    if (accountIds.length === 0) throw new UsageError('--account is required: choose at least one account (see "accounts list").');
    const when = publishMode(values, stderrNote(context.io));
    const options = titledOptions(values);
    const targets = await withOptions(context, accountIds, options);
    if (when.mode === 'queue') {
      const media = await mediaInput(context, strings(values, 'media'));
      const posts = await invokeCreate(context, 'posts:queue', { text, ...media, targets });
      print(posts.map((post) => `Queued post ${post.id} for ${localTime(post.scheduledAt)}.\n${postDetails(post)}`).join('\n'), posts);
      return;
    }
    const input: Omit<ChannelInput<'posts:create'>, 'idempotencyKey'> = {
      text,
      ...(await mediaInput(context, strings(values, 'media'))),
      targets,
      mode: when.mode,
      timeZone: localTimeZone(),
      ...(when.scheduledAt === undefined ? {} : { scheduledAt: when.scheduledAt }),
    };
    const post = await invokeCreate(context, 'posts:create', input);
    print(`${createdHeadline(post, when.mode)}\n${postDetails(post)}`, post);
  },
};

const postsList: Command = {
  words: ['posts', 'list'],
  synopsis: '[--from ISO] [--to ISO] [--status S …] [--account ID …] [--platform P …] [--search WORDS]',
  summary: 'List posts, optionally within a time range, with given statuses, accounts or platforms, or containing words.',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    status: { type: 'string', multiple: true },
    account: { type: 'string', multiple: true },
    platform: { type: 'string', multiple: true },
    search: { type: 'string' },
  },
  optionHelp: [
    ['--from ISO', "due at or after: a date (2026-12-01, the local day's start) or a date and time"],
    ['--to ISO', "due at or before: a date (the local day's end) or a date and time"],
    ['--status S', `${POST_STATUSES.join(' | ')}; repeat for more`],
    ['--account ID', 'posts to this account; repeat for more'],
    ['--platform P', `posts to this platform (${PLATFORMS.join(' | ')}); repeat for more`],
    ['--search WORDS', 'posts whose text contains every word, in any case'],
  ],
  async run({ values, client, print }) {
    const from = optionalString(values, 'from');
    const to = optionalString(values, 'to');
    const status = strings(values, 'status').map((value) => oneOf('status', value, POST_STATUSES));
    const accountIds = strings(values, 'account');
    const platforms = strings(values, 'platform').map((value) => oneOf('platform', value, PLATFORMS));
    const search = optionalString(values, 'search');
    const input: ChannelInput<'posts:list'> = {
      ...(from === undefined ? {} : { from: dayOrInstant('from', from, 'start') }),
      ...(to === undefined ? {} : { to: dayOrInstant('to', to, 'end') }),
      ...(status.length === 0 ? {} : { status }),
      ...(accountIds.length === 0 ? {} : { accountIds }),
      ...(platforms.length === 0 ? {} : { platforms }),
      ...(search === undefined ? {} : { search }),
    };
    const posts = await (await client()).invoke('posts:list', input);
    print(postTable(posts), posts);
  },
};

const postsShow: Command = {
  words: ['posts', 'show'],
  args: ['ID'],
  synopsis: '',
  summary: 'Show a post and, per account, what happened: the live link, or the error.',
  async run({ args, client, print }) {
    const post = await (await client()).invoke('posts:get', { id: args[0] ?? '' });
    print(postDetails(post), post);
  },
};

const postsUpdate: Command = {
  words: ['posts', 'update'],
  args: ['ID'],
  synopsis: '[--text TEXT] [--at ISO-8601] [--media FILE|URL … | --no-media]',
  summary: "Change a post's text, its time or its media.",
  options: { text: { type: 'string' }, at: { type: 'string' }, media: { type: 'string', multiple: true }, 'no-media': { type: 'boolean' } },
  optionHelp: [
    ['--text TEXT', 'the new text'],
    ['--at ISO-8601', 'the new time: 2026-12-01T09:00 (local time) or with an offset'],
    ['--media FILE|URL', "the post's media from now on, in order, as for create; files it already had keep their alt text"],
    ['--no-media', 'remove all media from the post (the files stay in the media library)'],
  ],
  async run(context) {
    const { values, args, client, print } = context;
    const text = optionalString(values, 'text');
    const at = optionalString(values, 'at');
    const media = strings(values, 'media');
    const noMedia = flag(values, 'no-media');
    if (media.length > 0 && noMedia) throw new UsageError('--media and --no-media contradict each other: give one.');
    if (text === undefined && at === undefined && media.length === 0 && !noMedia) {
      throw new UsageError('Nothing to change: give --text, --at, --media or --no-media.');
    }
    const id = args[0] ?? '';
    // The post is read first so a missing one is said before any file is imported.
    const current = media.length > 0 ? await (await client()).invoke('posts:get', { id }) : undefined;
    const input: ChannelInput<'posts:save'> = {
      id,
      ...(text === undefined ? {} : { text }),
      ...(at === undefined ? {} : { scheduledAt: instant('at', at, stderrNote(context.io)), timeZone: localTimeZone() }),
      ...(current ? { media: await replacementMedia(context, current, media) } : {}),
      ...(noMedia ? { media: [] } : {}),
    };
    const post = await (await client()).invoke('posts:save', input);
    print(`Updated post ${post.id}.\n${postDetails(post)}`, post);
  },
};

function postAction(word: string, summary: string, headline: string, act: (context: CommandContext, id: string) => Promise<PostView>): Command {
  return {
    words: ['posts', word],
    args: ['ID'],
    synopsis: '',
    summary,
    async run(context) {
      const post = await act(context, context.args[0] ?? '');
      context.print(`${headline} ${post.id}.\n${postDetails(post)}`, post);
    },
  };
}

const postsRetry: Command = {
  words: ['posts', 'retry'],
  args: ['ID'],
  synopsis: '[--target TARGET_ID]',
  summary: 'Publish the failed accounts of a post again (or only one target).',
  options: { target: { type: 'string' } },
  optionHelp: [['--target TARGET_ID', 'retry only this target (see "posts show")']],
  async run({ values, args, client, print }) {
    const targetId = optionalString(values, 'target');
    const post = await (await client()).invoke('publishing:retry', { id: args[0] ?? '', ...(targetId === undefined ? {} : { targetId }) });
    print(`Retrying post ${post.id}.\n${postDetails(post)}`, post);
  },
};

const postsDelete: Command = {
  words: ['posts', 'delete'],
  args: ['ID'],
  synopsis: '',
  summary: 'Delete a post (its pending jobs are cancelled first).',
  async run({ args, client, print }) {
    const deleted = await (await client()).invoke('posts:delete', { id: args[0] ?? '' });
    print(`Deleted post ${deleted.id}.\n`, deleted);
  },
};

export const postCommands: readonly Command[] = [
  postsCreate,
  postsList,
  postsShow,
  postsUpdate,
  postAction('publish-now', 'Publish a post at once instead of at its time.', 'Publishing post', async ({ client }, id) =>
    (await client()).invoke('publishing:publishNow', { id }),
  ),
  postAction('cancel', 'Cancel a scheduled post: nothing more will be published.', 'Cancelled post', async ({ client }, id) =>
    (await client()).invoke('publishing:cancel', { id }),
  ),
  postsRetry,
  postsDelete,
];

function publishMode(values: OptionValues, note: (text: string) => void): { mode: 'draft' | 'schedule' | 'now' | 'queue'; scheduledAt?: string } {
  const at = optionalString(values, 'at');
  const chosen = [at !== undefined, flag(values, 'now'), flag(values, 'queue'), flag(values, 'draft')].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Choose one of --at, --now, --queue and --draft.');
  if (at !== undefined) return { mode: 'schedule', scheduledAt: instant('at', at, note) };
  if (flag(values, 'queue')) return { mode: 'queue' };
  return { mode: flag(values, 'now') ? 'now' : 'draft' };
}

function titledOptions(values: OptionValues): TargetOptions | undefined {
  const title = optionalString(values, 'title');
  const privacy = optionalString(values, 'privacy');
  if (title === undefined && privacy === undefined) return undefined;
  return {
    ...(title === undefined ? {} : { title }),
    ...(privacy === undefined ? {} : { privacy: oneOf('privacy', privacy, PRIVACY_LEVELS) }),
  };
}

/** Title and privacy belong to YouTube and TikTok targets only, so the accounts' platforms decide where they go. */
async function withOptions(
  context: CommandContext,
  accountIds: string[],
  options: TargetOptions | undefined,
): Promise<ChannelInput<'posts:create'>['targets']> {
  if (options === undefined) return accountIds.map((accountId) => ({ accountId }));
  const accounts = await (await context.client()).invoke('accounts:list', {});
  const platformOf = new Map(accounts.map((account) => [account.id, account.platform]));
  const titled = (accountId: string) => TITLED_PLATFORMS.includes(platformOf.get(accountId) as Platform);
  if (!accountIds.some(titled))
    throw new UsageError('--title and --privacy apply to YouTube and TikTok accounts; none of the chosen accounts is one.');
  return accountIds.map((accountId) => (titled(accountId) ? { accountId, options } : { accountId }));
}

function createdHeadline(post: PostView, mode: 'draft' | 'schedule' | 'now'): string {
  switch (mode) {
    case 'draft':
      return `Saved draft ${post.id}.`;
    case 'now':
      return `Publishing post ${post.id} now.`;
    case 'schedule':
      return `Scheduled post ${post.id} for ${localTime(post.scheduledAt)}.`;
  }
}
