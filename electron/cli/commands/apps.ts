// `publishing-engine apps …`: your own developer app per platform ("Use your own developer app" in Settings): the
// client id and secret the sign-in uses, the redirect URIs and scopes to register, and a check with the platform.
import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { OAuthAppView } from '../../../shared/oauth';
import type { Command } from '../command';
import { flag, oneOf, optionalString, requiredString } from '../option-values';
import { formatTable } from '../output/table';
import { UsageError } from '../usage-error';

const SOURCES: Record<OAuthAppView['source'], string> = {
  user: 'yours',
  env: 'environment',
  'built-in': 'built in',
  none: 'none',
};

function appTable(apps: readonly OAuthAppView[]): string {
  return formatTable(
    ['PLATFORM', 'APP', 'CLIENT ID', 'SECRET', 'NOTE'],
    apps.map((app) => [
      PLATFORM_LABELS[app.platform],
      SOURCES[app.source],
      app.clientId ?? '',
      app.hasSecret ? 'set' : app.secretRequired ? 'missing' : 'not needed',
      app.missing ?? '',
    ]),
  );
}

function appDetails(app: OAuthAppView): string {
  return [
    `${PLATFORM_LABELS[app.platform]} developer app: ${SOURCES[app.source]}${app.clientId ? ` (${app.clientId})` : ''}`,
    app.missing ? `  ${app.missing}` : undefined,
    `  Console: ${app.consoleUrl}`,
    `  Redirect URIs to register:`,
    ...app.redirectUris.map((uri) => `    ${uri}`),
    `  Scopes: ${app.scopes.join(' ')}`,
    `  ${app.reviewNote}`,
    '',
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

const platformArg = (args: string[]): Platform => oneOf('platform', args[0] ?? '', PLATFORMS) as Platform;

const appsList: Command = {
  words: ['apps', 'list'],
  synopsis: '',
  summary: 'Show which developer app each platform signs in with, and what is missing.',
  async run({ client, print }) {
    const apps = await (await client()).invoke('oauthApps:list', {});
    print(appTable(apps), apps);
  },
};

const appsShow: Command = {
  words: ['apps', 'show'],
  args: ['PLATFORM'],
  synopsis: '',
  summary: 'Show how to register your developer app on a platform: console, redirect URIs, scopes, review.',
  async run({ args, client, print }) {
    const platform = platformArg(args);
    const app = (await (await client()).invoke('oauthApps:list', {})).find((candidate) => candidate.platform === platform) as OAuthAppView;
    print(appDetails(app), app);
  },
};

const appsSet: Command = {
  words: ['apps', 'set'],
  args: ['PLATFORM'],
  synopsis: '--client-id ID [--client-secret SECRET] [--organizations]',
  summary: 'Use your own developer app for a platform.',
  options: { 'client-id': { type: 'string' }, 'client-secret': { type: 'string' }, organizations: { type: 'boolean' } },
  optionHelp: [
    ['--client-id ID', 'the app’s client id (TikTok: client key; Meta: app id)'],
    ['--client-secret SECRET', 'the app’s secret; "-" reads it from standard input (keeps it out of the process list)'],
    ['--organizations', 'LinkedIn: the app has the Community Management API, so company pages can post'],
  ],
  async run({ args, values, io, client, print }) {
    const platform = platformArg(args);
    const clientId = requiredString(values, 'client-id');
    const given = optionalString(values, 'client-secret');
    const clientSecret = given === '-' ? (await io.readStdin()).trim() : given;
    if (clientSecret === '') throw new UsageError('--client-secret must not be empty.');
    const app = await (
      await client()
    ).invoke('oauthApps:set', {
      platform,
      clientId,
      ...(clientSecret === undefined ? {} : { clientSecret }),
      ...(flag(values, 'organizations') ? { organizations: true } : {}),
    });
    print(appDetails(app), app);
  },
};

const appsClear: Command = {
  words: ['apps', 'clear'],
  args: ['PLATFORM'],
  synopsis: '',
  summary: 'Stop using your own developer app for a platform (its secret is deleted).',
  async run({ args, client, print }) {
    const app = await (await client()).invoke('oauthApps:clear', { platform: platformArg(args) });
    print(appDetails(app), app);
  },
};

const appsTest: Command = {
  words: ['apps', 'test'],
  args: ['PLATFORM'],
  synopsis: '',
  summary: 'Ask the platform whether it accepts the developer app, without signing in.',
  async run({ args, client, print }) {
    const result = await (await client()).invoke('oauthApps:test', { platform: platformArg(args) });
    if (!result.ok) throw new AppError({ code: 'conflict', message: result.message });
    print(`OK: ${result.message}\n`, result);
  },
};

export const appCommands: readonly Command[] = [appsList, appsShow, appsSet, appsClear, appsTest];
