// `publishing-engine accounts …`: connect, list and remove social accounts. Tokens go in, never come out.
import { PLATFORMS } from '../../../shared/domain';
import type { Command } from '../command';
import { instant, oneOf, optionalString, requiredString } from '../option-values';
import { accountTable } from '../output/account-output';
import { IDEMPOTENCY_HELP, IDEMPOTENCY_OPTION, invokeCreate } from '../idempotent-create';
import { UsageError } from '../usage-error';

const accountsAdd: Command = {
  words: ['accounts', 'add'],
  synopsis: '--platform P --name NAME --token TOKEN [--refresh-token T] [--expires-at ISO] [--external-id ID] [--idempotency-key K]',
  summary: 'Add an account with an access token you obtained from the platform.',
  options: {
    platform: { type: 'string' },
    name: { type: 'string' },
    token: { type: 'string' },
    'refresh-token': { type: 'string' },
    'expires-at': { type: 'string' },
    'external-id': { type: 'string' },
    ...IDEMPOTENCY_OPTION,
  },
  optionHelp: [
    ['--platform P', PLATFORMS.join(' | ')],
    ['--name NAME', 'how the account is shown, e.g. @brand'],
    ['--token TOKEN', 'the access token; "-" reads it from standard input (keeps it out of the process list)'],
    ['--refresh-token T', 'the refresh token, when the platform issues one'],
    ['--expires-at ISO', 'when the access token expires'],
    ['--external-id ID', "the account's id on the platform (page id, channel id …)"],
    IDEMPOTENCY_HELP,
  ],
  async run(context) {
    const { values, io, print } = context;
    const platform = oneOf('platform', requiredString(values, 'platform'), PLATFORMS);
    const name = requiredString(values, 'name');
    const token = requiredString(values, 'token');
    const accessToken = token === '-' ? (await io.readStdin()).trim() : token;
    if (accessToken === '') throw new UsageError('--token must not be empty.', 'accounts add');
    const refreshToken = optionalString(values, 'refresh-token');
    const expiresAt = optionalString(values, 'expires-at');
    const externalId = optionalString(values, 'external-id');
    const input = {
      platform,
      name,
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

const accountsRemove: Command = {
  words: ['accounts', 'remove'],
  args: ['ID'],
  synopsis: '',
  summary: 'Remove an account and its stored tokens.',
  async run({ args, client, print }) {
    const removed = await (await client()).invoke('accounts:remove', { id: args[0] ?? '' });
    print(`Removed account ${removed.id}.\n`, removed);
  },
};

export const accountCommands: readonly Command[] = [accountsAdd, accountsList, accountsRemove];
