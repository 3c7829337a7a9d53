// The accounts part of the engine, composed once: developer apps, the token keeper (refreshes), the sign-in broker,
// the account service, the hourly upkeep, and the contract channels they answer.

import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import type { ChannelHandlers } from '../api/engine-api';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import { HttpClient } from '../publishers/base/http-client';
import { envPrefix, resolveApiOrigin, type PublisherConfig } from '../publishers/base/publisher-config';
import type { PublisherRegistry } from '../publishers/publisher';
import type { Db } from '../db/database';
import type { PublishingService } from '../publishing/publishing-service';
import type { CredentialStore } from '../secrets/credential-store';
import { AccountService } from './account-service';
import { ConnectBroker, DEFAULT_CONNECT_TIMEOUT_MS } from './oauth/connect-broker';
import { testOAuthApp } from './oauth/oauth-app-test';
import { OAuthApps, type BuiltInClients } from './oauth/oauth-apps';
import type { OAuthProvider, ProviderContext } from './oauth/provider';
import { TokenKeeper } from './token-keeper';
import { TokenUpkeep } from './token-upkeep';

/** The loopback ports registered with platforms that match redirect URIs exactly (X, LinkedIn, Meta). */
export const DEFAULT_LOOPBACK_PORTS: readonly number[] = [47613, 47614, 47615];

export interface OAuthSettings {
  /** Fixed loopback ports for exact-match platforms, tried in order; default 47613–47615. */
  loopbackPorts?: readonly number[];
  /** How long a sign-in waits for the browser (and then for a choice); default 5 minutes. */
  connectTimeoutMs?: number;
  /** Opens a sign-in page in the system browser (the desktop app passes shell.openExternal). */
  openExternal?: (url: string) => Promise<void>;
  /** Developer apps built into a release (X and YouTube allow it). */
  builtInClients?: BuiltInClients;
  /** How often the upkeep looks at sign-ins; default hourly. */
  upkeepIntervalMs?: number;
}

export interface AccountsModuleOptions {
  sql: SyncSql;
  writes: WriteBatcher;
  credentials: CredentialStore;
  events: EngineEventBus;
  log: Logger;
  now: () => number;
  env: NodeJS.ProcessEnv;
  publisherConfig: PublisherConfig;
  publishers: PublisherRegistry;
  oauth: OAuthSettings;
}

const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export class AccountsModule {
  readonly apps: OAuthApps;
  readonly keeper: TokenKeeper;
  private readonly upkeep: TokenUpkeep;
  private broker: ConnectBroker | undefined;

  constructor(private readonly options: AccountsModuleOptions) {
    const { sql, writes, credentials, events, log, now } = options;
    this.apps = new OAuthApps({
      sql,
      writes,
      cipher: credentials.cipher,
      env: options.env,
      builtIn: options.oauth.builtInClients ?? {},
      loopbackPorts: this.loopbackPorts,
      now,
    });
    this.keeper = new TokenKeeper({
      sql,
      writes,
      cipher: credentials.cipher,
      apps: this.apps,
      providerContext: (provider) => this.providerContext(provider, null, undefined),
      events,
      log,
      now,
    });
    this.upkeep = new TokenUpkeep({
      sql,
      writes,
      keeper: this.keeper,
      events,
      log,
      now,
      ...(options.oauth.upkeepIntervalMs === undefined ? {} : { intervalMs: options.oauth.upkeepIntervalMs }),
    });
  }

  /** The options', else `PUBLISHING_ENGINE_OAUTH_PORTS` (comma-separated, for ports registered instead of ours), else ours. */
  private get loopbackPorts(): readonly number[] {
    if (this.options.oauth.loopbackPorts) return this.options.oauth.loopbackPorts;
    const listed = (this.options.env.PUBLISHING_ENGINE_OAUTH_PORTS ?? '')
      .split(',')
      .map((part) => Number(part.trim()))
      .filter((port) => Number.isInteger(port) && port > 0 && port < 65_536);
    return listed.length > 0 ? listed : DEFAULT_LOOPBACK_PORTS;
  }

  /** The account channels; removing an account lets its waiting posts go through the publishing service. */
  handlers(publishing: PublishingService, db: Db): Pick<ChannelHandlers, AccountChannel> {
    const { credentials, events, log, now, publishers, oauth, sql, writes } = this.options;
    const accounts = new AccountService({ db, sql, writes, cipher: credentials.cipher, events, now }, publishers, publishing);
    const broker = new ConnectBroker({
      apps: this.apps,
      accounts,
      providerContext: (provider, reconnecting, signal) => this.providerContext(provider, reconnecting, signal),
      events,
      log,
      now,
      loopbackPorts: this.loopbackPorts,
      timeoutMs: oauth.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      openExternal: oauth.openExternal,
    });
    this.broker = broker;
    return {
      'accounts:add': (input) => accounts.add(input),
      'accounts:list': () => accounts.list(),
      'accounts:update': (input) => accounts.update(input),
      'accounts:remove': async ({ id, confirmed }) => {
        await accounts.remove(id, confirmed ?? false);
        return { id };
      },
      'accounts:removalImpact': ({ id }) => accounts.removalImpact(id),
      'accounts:verify': ({ id }) => accounts.recheck(id),
      'accounts:connect': (input) => broker.start(input),
      'accounts:connectGet': async ({ flowId }) => broker.get(flowId),
      'accounts:connectChoose': ({ flowId, choiceIds }) => broker.choose(flowId, choiceIds),
      'accounts:connectCancel': ({ flowId }) => broker.cancel(flowId),
      'oauthApps:list': async () => this.apps.list(),
      'oauthApps:set': (input) => this.apps.set(input),
      'oauthApps:clear': ({ platform }) => this.apps.clear(platform),
      'oauthApps:test': ({ platform }) => testOAuthApp(platform, this.apps, (provider) => this.providerContext(provider, null, undefined)),
      'credentials:status': () => credentials.retry(),
    };
  }

  start(): void {
    this.upkeep.start();
  }

  async stop(): Promise<void> {
    await this.broker?.closeAll();
    await this.upkeep.stop();
  }

  private providerContext(
    provider: OAuthProvider,
    reconnecting: { externalId: string | null } | null,
    signal: AbortSignal | undefined,
  ): ProviderContext {
    const { env, publisherConfig, publishers, now } = this.options;
    const publisher = publishers.get(provider.platform);
    if (!publisher) throw new Error(`No publisher for ${provider.platform}.`);
    const authOrigin = env[`${envPrefix(provider.appPlatform)}_AUTH_ORIGIN`];
    const apiOrigin = resolveApiOrigin(provider.platform, { env, ...publisherConfig });
    return {
      http: new HttpClient({ label: provider.authority, timeoutMs: publisherConfig.requestTimeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS }),
      now,
      authUrl: (url) => withOrigin(url, authOrigin),
      apiUrl: (url) => withOrigin(url, apiOrigin),
      publisher,
      reconnecting,
      ...(signal ? { signal } : {}),
    };
  }
}

export type AccountChannel =
  | 'accounts:add'
  | 'accounts:list'
  | 'accounts:update'
  | 'accounts:remove'
  | 'accounts:removalImpact'
  | 'accounts:verify'
  | 'accounts:connect'
  | 'accounts:connectGet'
  | 'accounts:connectChoose'
  | 'accounts:connectCancel'
  | 'oauthApps:list'
  | 'oauthApps:set'
  | 'oauthApps:clear'
  | 'oauthApps:test'
  | 'credentials:status';

/** `PUBLISHING_ENGINE_<PLATFORM>_AUTH_ORIGIN`: the sign-in endpoints' origin for tests and proxies, paths unchanged. */
function withOrigin(url: string, origin: string | undefined): string {
  if (origin === undefined || origin === '') return url;
  const target = new URL(url);
  return `${origin.replace(/\/+$/, '')}${target.pathname}${target.search}`;
}
