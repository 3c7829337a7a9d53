// `publishing-engine accounts …`: add with a token, list, check, correct and remove social accounts (signing in is
// in connect.ts). Tokens go in, never come out.
import { LOGIN_KINDS, PLATFORMS } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Command } from '../command';
import { flag, instant, oneOf, optionalString, requiredString } from '../option-values';
import { localTime } from '../output/local-time';
import { accountTable } from '../output/account-output';
import { IDEMPOTENCY_HELP, IDEMPOTENCY_OPTION, invokeCreate } from '../idempotent-create';
import { UsageError } from '../usage-error';

const accountsAdd: Command = {
  words: ['accounts', 'add'],
  synopsis:
    '--platform P --token TOKEN [--name NAME] [--refresh-token T] [--expires-at ISO] [--external-id ID] [--via instagram|facebook] [--idempotency-key K]',
  summary: 'Add an account with an access token you obtained yourself (checked with the platform first).',
  options: {
    platform: { type: 'string' },
    name: { type: 'string' },
    token: { type: 'string' },
    'refresh-token': { type: 'string' },
    'expires-at': { type: 'string' },
    'external-id': { type: 'string' },
    via: { type: 'string' },
    ...IDEMPOTENCY_OPTION,
  },
  optionHelp: [
    ['--platform P', PLATFORMS.join(' | ')],
    ['--name NAME', 'how the account is shown; default: the name the platform gives'],
    ['--token TOKEN', 'the access token; "-" reads it from standard input (keeps it out of the process list)'],
    ['--refresh-token T', 'the refresh token, when the platform issues one'],
    ['--expires-at ISO', 'when the access token expires'],
    ['--external-id ID', "the account's id on the platform (page id, channel id …)"],
    ['--via instagram|facebook', 'Instagram only: the token is from Instagram Login, or a Facebook Page token (default)'],
    IDEMPOTENCY_HELP,
  ],
  async run(context) {
    const { values, io, print } = context;
    const platform = oneOf('platform', requiredString(values, 'platform'), PLATFORMS);
    const name = optionalString(values, 'name');
    const via = optionalString(values, 'via');
    const token = requiredString(values, 'token');
    const accessToken = token === '-' ? (await io.readStdin()).trim() : token;
    if (accessToken === '') throw new UsageError('--token must not be empty.', 'accounts add');
    const refreshToken = optionalString(values, 'refresh-token');
    const expiresAt = optionalString(values, 'expires-at');
    const externalId = optionalString(values, 'external-id');
    const input = {
      platform,
      ...(name === undefined ? {} : { name }),
      ...(via === undefined ? {} : { loginKind: oneOf('via', via, LOGIN_KINDS) }),
      accessToken,
      ...(refreshToken === undefined ? {} : { refreshToken }),
      ...(expiresAt === undefined ? {} : { expiresAt: instant('expires-at', expiresAt) }),
      ...(externalId === undefined ? {} : { externalId }),
    };
    const account = await invokeCreate(context, 'accounts:add', input);
    print(`Added account ${account.id}.\n${accountTable([account])}`, account);
  },
};

const accountsList: Command = {
  words: ['accounts', 'list'],
  synopsis: '',
  summary: 'List the connected accounts and whether any needs reconnecting.',
  async run({ client, print }) {
    const accounts = await (await client()).invoke('accounts:list', {});
    print(accountTable(accounts), accounts);
  },
};

const accountsCheck: Command = {
  words: ['accounts', 'check'],
  args: ['ID'],
  synopsis: '',
  summary: 'Ask the platform again whose token this is (name, picture, id).',
  async run({ args, client, print }) {
    const account = await (await client()).invoke('accounts:verify', { id: args[0] ?? '' });
    print(accountTable([account]), account);
  },
};

const accountsUpdate: Command = {
  words: ['accounts', 'update'],
  args: ['ID'],
  synopsis: '[--name NAME] [--external-id ID] [--token TOKEN]',
  summary: 'Rename an account, correct its id on the platform, or paste a new token (ids and tokens are checked).',
  options: { name: { type: 'string' }, 'external-id': { type: 'string' }, token: { type: 'string' } },
  optionHelp: [
    ['--name NAME', 'how the account is shown'],
    ['--external-id ID', 'e.g. the LinkedIn company page: urn:li:organization:…'],
    ['--token TOKEN', 'a new access token; "-" reads it from standard input'],
  ],
  async run({ args, values, io, client, print }) {
    const name = optionalString(values, 'name');
    const externalId = optionalString(values, 'external-id');
    const token = optionalString(values, 'token');
    const accessToken = token === '-' ? (await io.readStdin()).trim() : token;
    if (name === undefined && externalId === undefined && accessToken === undefined)
      throw new UsageError('Give --name, --external-id or --token.', 'accounts update');
    const account = await (
      await client()
    ).invoke('accounts:update', {
      id: args[0] ?? '',
      ...(name === undefined ? {} : { name }),
      ...(externalId === undefined ? {} : { externalId }),
      ...(accessToken === undefined ? {} : { accessToken }),
    });
    print(accountTable([account]), account);
  },
};

const accountsRemove: Command = {
  words: ['accounts', 'remove'],
  args: ['ID'],
  synopsis: '[--yes]',
  summary: 'Remove an account and its stored tokens.',
  options: { yes: { type: 'boolean' } },
  optionHelp: [['--yes', 'also when posts still wait for it: they are not published to it (the other platforms go ahead)']],
  async run({ args, values, client, print }) {
    const connection = await client();
    const id = args[0] ?? '';
    const impact = await connection.invoke('accounts:removalImpact', { id });
    if (impact.posts.length > 0 && !flag(values, 'yes')) {
      const list = impact.posts.map((post) => `  ${post.id}  ${localTime(post.scheduledAt) || 'now'}  ${post.text.slice(0, 60)}`).join('\n');
      throw new AppError({
        code: 'conflict',
        field: 'id',
        message: `${impact.posts.length} post(s) wait to publish to this account and would not be published to it:\n${list}\nRun again with --yes to remove it anyway.`,
      });
    }
    const removed = await connection.invoke('accounts:remove', { id, confirmed: flag(values, 'yes') });
    print(`Removed account ${removed.id}.\n`, removed);
  },
};

export const accountCommands: readonly Command[] = [accountsAdd, accountsList, accountsCheck, accountsUpdate, accountsRemove];
