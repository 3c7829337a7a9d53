// Whose developer app signs the user in, per platform, first match wins: the user's own (Settings or the CLI),
// then PUBLISHING_ENGINE_<PLATFORM>_CLIENT_ID / _CLIENT_SECRET, then one built into a release where the platform
// allows it (X, YouTube). The user's secret is sealed like a token. A refresh uses the app that issued the grant.
import { PLATFORM_LABELS, PLATFORMS, type Platform } from '../../../../shared/domain';
import type { OAuthAppView, OAuthAppSource } from '../../../../shared/oauth';
import type { SyncSql } from '../../db/sync-sql';
import type { OAuthAppRow } from '../../db/tables';
import type { WriteBatcher } from '../../db/write-batcher';
import { envPrefix } from '../../publishers/base/publisher-config';
import type { TokenCipher } from '../../secrets/token-cipher';
import { openToken, sealToken } from '../../secrets/token-store';
import type { OAuthClient, OAuthProvider } from './provider';
import { PROVIDERS } from './providers';

export interface BuiltInClient {
  clientId: string;
  clientSecret?: string;
}

export type BuiltInClients = Partial<Record<Platform, BuiltInClient>>;

export interface ResolvedClient {
  client: OAuthClient | undefined;
  source: OAuthAppSource;
}

export interface OAuthAppsOptions {
  sql: SyncSql;
  writes: WriteBatcher;
  cipher: TokenCipher;
  env: NodeJS.ProcessEnv;
  builtIn: BuiltInClients;
  /** The fixed loopback ports, for the redirect URIs to register. */
  loopbackPorts: readonly number[];
  now: () => number;
}

export class OAuthApps {
  constructor(private readonly options: OAuthAppsOptions) {}

  /** The app to sign in with now. */
  resolve(platform: Platform): ResolvedClient {
    return this.candidates(platform)[0] ?? { client: undefined, source: 'none' };
  }

  /** The app that issued a grant (`clientId`), if it is still set up; the current one when the grant predates this. */
  forGrant(platform: Platform, clientId: string | null): OAuthClient | undefined {
    if (clientId === null) return this.resolve(platform).client;
    return this.candidates(platform).find(({ client }) => client?.id === clientId)?.client;
  }

  /** Extra scopes the user's app enables (LinkedIn company pages). */
  organizations(platform: Platform): boolean {
    return (this.row(platform)?.extra_scopes ?? '').split(' ').some((scope) => (PROVIDERS[platform].organizationScopes ?? []).includes(scope));
  }

  list(): OAuthAppView[] {
    return PLATFORMS.map((platform) => this.view(platform));
  }

  view(platform: Platform): OAuthAppView {
    const provider = PROVIDERS[platform];
    const { client, source } = this.resolve(platform);
    return {
      platform,
      source,
      clientId: client?.id ?? null,
      hasSecret: client?.secret !== undefined,
      secretRequired: provider.client.secretRequired,
      missing: missingReason(provider, client),
      redirectUris: this.redirectUris(provider),
      scopes: [...provider.scopes, ...(this.organizations(platform) ? (provider.organizationScopes ?? []) : [])],
      organizations: this.organizations(platform),
      consoleUrl: provider.consoleUrl,
      reviewNote: provider.reviewNote,
    };
  }

  /** The redirect URIs the platform must know, exactly as the app sends them. */
  redirectUris(provider: OAuthProvider): string[] {
    if (provider.redirect.registerAs) return [provider.redirect.registerAs];
    if (provider.redirect.ports === 'any') return [`http://127.0.0.1${provider.redirect.path} (any port)`];
    return this.options.loopbackPorts.map((port) => `http://127.0.0.1:${port}${provider.redirect.path}`);
  }

  async set(input: {
    platform: Platform;
    clientId: string;
    clientSecret?: string | null | undefined;
    organizations?: boolean | undefined;
  }): Promise<OAuthAppView> {
    const { sql, cipher } = this.options;
    const current = this.row(input.platform);
    const sameApp = current?.client_id === input.clientId;
    // A new client id never inherits the previous app's secret.
    const secret =
      input.clientSecret === undefined
        ? sameApp
          ? (current?.client_secret_enc ?? null)
          : null
        : input.clientSecret === null
          ? null
          : sealToken(cipher, input.clientSecret);
    const organizations = input.organizations ?? (sameApp ? this.organizations(input.platform) : false);
    const row: OAuthAppRow = {
      platform: input.platform,
      client_id: input.clientId,
      client_secret_enc: secret,
      extra_scopes: organizations ? (PROVIDERS[input.platform].organizationScopes ?? []).join(' ') || null : null,
      updated_at: this.options.now(),
    };
    await this.options.writes.write(() =>
      sql.run(
        sql.db
          .insertInto('oauth_apps')
          .values(row)
          .onConflict((oc) => oc.column('platform').doUpdateSet(row)),
      ),
    );
    return this.view(input.platform);
  }

  async clear(platform: Platform): Promise<OAuthAppView> {
    const { sql } = this.options;
    await this.options.writes.write(() => sql.run(sql.db.deleteFrom('oauth_apps').where('platform', '=', platform)));
    return this.view(platform);
  }

  private candidates(platform: Platform): { client: OAuthClient; source: OAuthAppSource }[] {
    const found: { client: OAuthClient; source: OAuthAppSource }[] = [];
    const row = this.row(platform);
    if (row) {
      found.push({
        client: { id: row.client_id, secret: row.client_secret_enc === null ? undefined : openToken(this.options.cipher, row.client_secret_enc) },
        source: 'user',
      });
    }
    const env = this.options.env;
    const envId = env[`${envPrefix(platform)}_CLIENT_ID`];
    if (envId) found.push({ client: { id: envId, secret: env[`${envPrefix(platform)}_CLIENT_SECRET`] || undefined }, source: 'env' });
    const builtIn = PROVIDERS[platform].client.builtIn ? this.options.builtIn[platform] : undefined;
    if (builtIn?.clientId) found.push({ client: { id: builtIn.clientId, secret: builtIn.clientSecret || undefined }, source: 'built-in' });
    return found;
  }

  private row(platform: Platform): OAuthAppRow | undefined {
    const { sql } = this.options;
    return sql.first(sql.db.selectFrom('oauth_apps').selectAll().where('platform', '=', platform));
  }
}

/** Why a platform cannot be connected yet, or null. */
export function missingReason(provider: OAuthProvider, client: OAuthClient | undefined): string | null {
  const label = PLATFORM_LABELS[provider.appPlatform];
  if (!client)
    return `${label} needs a developer app: add its client id${provider.client.secretRequired ? ' and secret' : ''} under Settings → Developer apps.`;
  if (provider.client.secretRequired && client.secret === undefined)
    return `${label} needs the developer app’s client secret too (Settings → Developer apps).`;
  return null;
}
