// `publishing-engine accounts connect <platform>` and `accounts reconnect <id>`: the same sign-in as the app's
// Connect button. The engine listens for the platform's redirect; the command prints the sign-in link, opens it in
// the browser where it can, waits, and prints the account. Ctrl+C cancels the sign-in and exits with 130.
import { LOGIN_KINDS, PLATFORM_LABELS, PLATFORMS, type LoginKind, type Platform } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ConnectFlowView } from '../../../shared/oauth';
import type { ControlClient } from '../../engine/control/control-client';
import type { Command, CommandContext } from '../command';
import { flag, oneOf, optionalString, strings } from '../option-values';
import { accountTable } from '../output/account-output';
import { CancelledError } from '../cancelled-error';
import { UsageError } from '../usage-error';

/** Events can be missed across a reconnecting socket; the flow is also read now and then. */
const POLL_MS = 2_000;

const connectOptions = {
  'no-open': { type: 'boolean' },
  choose: { type: 'string', multiple: true },
  all: { type: 'boolean' },
} as const;

const connectHelp: readonly (readonly [string, string])[] = [
  ['--no-open', 'print the sign-in link without opening a browser (e.g. on a server; open it on any machine)'],
  ['--choose ID', 'Facebook Pages or Instagram accounts to add, when the sign-in offers several (repeatable)'],
  ['--all', 'add every Page or account the sign-in offers'],
];

const accountsConnect: Command = {
  words: ['accounts', 'connect'],
  args: ['PLATFORM'],
  synopsis: '[--via instagram|facebook] [--no-open] [--choose ID …] [--all]',
  summary: 'Connect an account by signing in at the platform in your browser.',
  options: { ...connectOptions, via: { type: 'string' } },
  optionHelp: [
    ['PLATFORM', PLATFORMS.join(' | ')],
    ['--via instagram|facebook', 'Instagram only: Instagram Login (default) or through a linked Facebook Page'],
    ...connectHelp,
  ],
  async run(context) {
    const platform = oneOf('platform', context.args[0] ?? '', PLATFORMS) as Platform;
    const via = optionalString(context.values, 'via');
    if (via !== undefined && platform !== 'instagram') throw new UsageError('--via applies to Instagram only.');
    const loginKind = via === undefined ? undefined : (oneOf('via', via, LOGIN_KINDS) as LoginKind);
    await signIn(context, { platform, ...(loginKind ? { loginKind } : {}) });
  },
};

const accountsReconnect: Command = {
  words: ['accounts', 'reconnect'],
  args: ['ID'],
  synopsis: '[--no-open]',
  summary: 'Sign in again for an account whose sign-in expired or was refused.',
  options: connectOptions,
  optionHelp: connectHelp.slice(0, 1),
  async run(context) {
    const id = context.args[0] ?? '';
    const client = await context.client();
    const account = (await client.invoke('accounts:list', {})).find((candidate) => candidate.id === id);
    if (!account) throw new AppError({ code: 'not_found', field: 'id', message: `No account with id ${id}.` });
    await signIn(context, { platform: account.platform, accountId: id });
  },
};

async function signIn(context: CommandContext, request: { platform: Platform; accountId?: string; loginKind?: LoginKind }): Promise<void> {
  const { io, values, json } = context;
  const client = await context.client();
  const label = PLATFORM_LABELS[request.platform];
  let flow = await client.invoke('accounts:connect', { ...request, openBrowser: false });
  const ended = waitForEnd(client, flow.id);
  let interrupted = false;
  const stopListening = io.onInterrupt(() => {
    interrupted = true;
    void client.invoke('accounts:connectCancel', { flowId: flow.id }).catch(() => undefined);
  });
  try {
    if (json) io.stdout.write(`${JSON.stringify({ flowId: flow.id, status: flow.status, authorizeUrl: flow.authorizeUrl })}\n`);
    else
      io.stderr.write(`Sign in to ${label} in your browser. If it does not open, go to:\n\n  ${flow.authorizeUrl}\n\nWaiting (Ctrl+C to cancel)…\n`);
    if (!flag(values, 'no-open')) {
      await io.openBrowser(flow.authorizeUrl).catch(() => {
        if (!json) io.stderr.write('No browser could be opened here; open the link above on any computer that can reach this one.\n');
      });
    }
    flow = await ended.next();
    if (flow.status === 'choosing') {
      const choiceIds = await choose(context, flow);
      await client.invoke('accounts:connectChoose', { flowId: flow.id, choiceIds });
      flow = await ended.next();
    }
  } finally {
    stopListening();
    ended.stop();
  }
  if (flow.status === 'cancelled' || interrupted) throw new CancelledError(`The sign-in to ${label} was cancelled. Nothing was connected.`);
  if (flow.status !== 'connected') throw new AppError({ code: 'conflict', message: flow.message ?? `The sign-in to ${label} did not finish.` });
  const note = flow.message ? `${flow.message}\n` : '';
  context.print(`Connected ${flow.accounts.map((account) => account.name).join(', ')}.\n${accountTable(flow.accounts)}${note}`, flow.accounts);
}

/** Which offered Pages or accounts to add: --choose, --all, or asked at the terminal. */
async function choose(context: CommandContext, flow: ConnectFlowView): Promise<string[]> {
  const { values, io } = context;
  if (flag(values, 'all')) return flow.choices.map((choice) => choice.id);
  const wanted = strings(values, 'choose');
  if (wanted.length > 0) return wanted;
  const list = flow.choices
    .map((choice, index) => `  ${index + 1}. ${choice.name}${choice.detail ? ` (${choice.detail})` : ''}  [${choice.id}]`)
    .join('\n');
  const answer = await io.ask(`${flow.message ?? 'Choose what to add.'}\n${list}\nNumbers, separated by commas (or "all"): `);
  if (answer === undefined) {
    await (await context.client()).invoke('accounts:connectCancel', { flowId: flow.id }).catch(() => undefined);
    throw new UsageError(`The sign-in offers several; name them with --choose ID (or --all):\n${list}`);
  }
  if (answer.trim().toLowerCase() === 'all') return flow.choices.map((choice) => choice.id);
  const picked = answer
    .split(',')
    .map((part) => flow.choices[Number(part.trim()) - 1]?.id)
    .filter((id): id is string => id !== undefined);
  if (picked.length === 0) throw new UsageError('Nothing was chosen.');
  return picked;
}

/** The flow's next change past `waiting`/`exchanging`, from events and, as a fallback, reads. */
function waitForEnd(client: ControlClient, flowId: string): { next(): Promise<ConnectFlowView>; stop(): void } {
  let wake: (() => void) | undefined;
  const unsubscribe = client.on('connect:changed', ({ flow }) => {
    if (flow.id === flowId) wake?.();
  });
  let stopped = false;
  return {
    async next() {
      for (;;) {
        const flow = await client.invoke('accounts:connectGet', { flowId });
        if (flow.status !== 'waiting' && flow.status !== 'exchanging') return flow;
        if (stopped) return flow;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    stop() {
      stopped = true;
      unsubscribe();
      wake?.();
    },
  };
}

export const connectCommands: readonly Command[] = [accountsConnect, accountsReconnect];
