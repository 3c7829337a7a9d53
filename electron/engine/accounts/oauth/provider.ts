// One sign-in flow, configured per platform: where to send the user and trade the code, which scopes, which PKCE
// method, what redirect the platform accepts, how the client authenticates, and what the grant turns into.
import type { LoginKind, Platform } from '../../../../shared/domain';
import type { ConnectChoice } from '../../../../shared/oauth';
import type { HttpClient } from '../../publishers/base/http-client';
import type { Publisher } from '../../publishers/publisher';
import type { PkceMethod } from './pkce';
import { requestToken, type ClientAuth } from './token-endpoint';
import type { TokenGrant } from './token-grant';

export interface OAuthClient {
  id: string;
  secret: string | undefined;
}

export interface ProviderContext {
  /** Labelled with the provider's authority. */
  http: HttpClient;
  now: () => number;
  /** A sign-in endpoint's URL (authorize, token), re-pointed when an override is configured (tests, proxies). */
  authUrl(url: string): string;
  /** An API URL, re-pointed like the publishers' requests. */
  apiUrl(url: string): string;
  /** The publisher of the platform the accounts are for: it reads profiles. */
  publisher: Publisher;
  /** The account being reconnected, if any: its platform id lets a flow pick the same Page again. */
  reconnecting: { externalId: string | null } | null;
  signal?: AbortSignal;
}

/** An account the sign-in gave access to, with its own token. */
export interface ConnectedAccount {
  externalId: string | null;
  name: string;
  avatarUrl: string | null;
  notice: string | undefined;
  grant: TokenGrant;
  loginKind: LoginKind | null;
}

export type ConnectOutcome =
  | { kind: 'accounts'; accounts: ConnectedAccount[] }
  /** Several pages or accounts: the user picks (Facebook Pages, Instagram accounts linked to Pages). */
  | { kind: 'choose'; choices: { choice: ConnectChoice; account: ConnectedAccount }[] };

export interface RedirectRule {
  /** fixed: one of the registered loopback ports (exact-match platforms); any: whatever port is free. */
  ports: 'fixed' | 'any';
  path: string;
  /** What to register when it differs from a concrete URI (TikTok's wildcard port). */
  registerAs?: string;
}

export interface OAuthProvider {
  /** The accounts it creates. */
  platform: Platform;
  /** Whose developer app and sign-in endpoints it uses (Facebook's, for Instagram through a Page). */
  appPlatform: Platform;
  loginKind: LoginKind | null;
  /** Who answers, in messages: "X", "Google". */
  authority: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  /** Scopes added when the user's app has LinkedIn's Community Management API. */
  organizationScopes?: readonly string[];
  scopeSeparator: ' ' | ',';
  pkce: PkceMethod;
  redirect: RedirectRule;
  client: {
    /** TikTok calls it client_key. */
    idParam: 'client_id' | 'client_key';
    auth: ClientAuth;
    secretRequired: boolean;
    /** A release may carry its own client for this platform (X, YouTube). */
    builtIn: boolean;
  };
  authorizeParams: Readonly<Record<string, string>>;
  /** The code exchange uses GET with query parameters (Meta). */
  tokenMethod: 'POST' | 'GET';
  consoleUrl: string;
  reviewNote: string;
  /** After the standard code exchange: what the grant gives access to. */
  finish(ctx: ProviderContext, client: OAuthClient, grant: TokenGrant): Promise<ConnectOutcome>;
  /** Renews an account's access token; absent when the platform's tokens cannot be renewed by the app. */
  refresh?(ctx: ProviderContext, client: OAuthClient | undefined, tokens: { accessToken: string; refreshToken: string | null }): Promise<TokenGrant>;
}

/** The code exchange (RFC 6749 §4.1.3), with the PKCE verifier when the provider uses PKCE. */
export function exchangeCode(
  ctx: ProviderContext,
  provider: OAuthProvider,
  client: OAuthClient,
  code: string,
  redirectUri: string,
  verifier: string | undefined,
): Promise<TokenGrant> {
  return requestToken({
    http: ctx.http,
    authority: provider.authority,
    url: ctx.authUrl(provider.tokenUrl),
    method: provider.tokenMethod,
    fields: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(verifier === undefined ? {} : { code_verifier: verifier }),
    },
    client: { idParam: provider.client.idParam, id: client.id, secret: client.secret, auth: provider.client.auth },
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

/** The refresh_token grant (RFC 6749 §6), for platforms that follow it. */
export function refreshGrant(ctx: ProviderContext, provider: OAuthProvider, client: OAuthClient, refreshToken: string): Promise<TokenGrant> {
  return requestToken({
    http: ctx.http,
    authority: provider.authority,
    url: ctx.authUrl(provider.tokenUrl),
    fields: { grant_type: 'refresh_token', refresh_token: refreshToken },
    client: { idParam: provider.client.idParam, id: client.id, secret: client.secret, auth: provider.client.auth },
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

/** One account: the profile of whoever signed in. */
export async function signedInAccount(ctx: ProviderContext, provider: OAuthProvider, grant: TokenGrant): Promise<ConnectOutcome> {
  const profile = await ctx.publisher.readProfile(grant.accessToken, {
    externalId: null,
    loginKind: provider.loginKind,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return {
    kind: 'accounts',
    accounts: [
      {
        externalId: profile.externalId,
        name: profile.name,
        avatarUrl: profile.avatarUrl,
        notice: profile.notice,
        grant,
        loginKind: provider.loginKind,
      },
    ],
  };
}
