// The core of the fake authorization servers (one per platform, in this folder): an OAuth 2.0 authorization code
// server as strict as the real ones. The authorize endpoint stands in for the sign-in page: a test plays the browser
// by requesting it and following its redirect, with the signed-in user and their consent set beforehand. It checks
// the client, the redirect URI (exact, or the platform's loopback rule), the scopes and PKCE; echoes `state`; and
// redirects errors back when the redirect URI is good. The token endpoint authenticates the client as the platform
// demands, spends each code once (a second use is refused and revokes what the first one got, RFC 6749 §4.1.2),
// checks the code's age, redirect URI and PKCE verifier, and hands out tokens minted by the platform's API fake, so
// the tokens it issues are the ones the API accepts. Refresh tokens either stay, rotate, or rotate as a family
// whose reuse revokes the whole grant (X).
import { createHash, randomBytes } from 'node:crypto';
import { FakeServer, type FakeReply, type FakeRequest } from '../shared/fake-server';

export type RedirectRule =
  /** Exact match with one of the registered URIs (X, LinkedIn, Meta). */
  | { kind: 'exact'; uris: string[] }
  /** Google's desktop rule: http://127.0.0.1 or [::1], any port, any path. */
  | { kind: 'loopback-any-port' }
  /** TikTok: registered `http://127.0.0.1:*\/callback/` — any port, that exact path, no query or fragment. */
  | { kind: 'wildcard-port'; path: string };

export type ClientAuthentication =
  /** Public clients send client_id in the form; confidential ones HTTP Basic (X). */
  | 'public-or-basic'
  /** client_id (or client_key) and client_secret in the form, or in the query for GET endpoints (Meta). */
  | 'secret-in-params';

export type RefreshPolicy = 'none' | 'keep' | 'rotate' | 'rotate-family';

export type ErrorStyle = 'oauth' | 'meta';

/** What the platform's API fake does with the grants this server makes. */
export interface TokenMinter {
  /** A new access token for `subject` with these scopes, accepted by the API fake until `ttlMs` passes. */
  mint(subject: string, scopes: string[], ttlMs: number): string;
  /** The API fake stops accepting it. */
  revoke(accessToken: string): void;
}

export interface AuthorizationServerConfig {
  authority: string;
  authorizePath: string;
  tokenPath: string;
  tokenMethod: 'POST' | 'GET';
  clientIdParam: 'client_id' | 'client_key';
  clientId: string;
  /** Undefined for a public client. */
  clientSecret: string | undefined;
  clientAuthentication: ClientAuthentication;
  redirect: RedirectRule;
  /** S256 (base64url), hex (TikTok's desktop Login Kit), or none (PKCE not used by this flow). */
  pkce: 'S256' | 'hex' | 'none';
  pkceRequired: boolean;
  scopes: string[];
  scopeSeparator: ' ' | ',';
  /** Scopes at least one of which must be asked for. */
  requiredScopes: string[];
  accessTokenTtlMs: number;
  refresh: RefreshPolicy;
  /** Whether this grant gets a refresh token (X: offline.access; Google: access_type=offline). */
  grantsRefreshToken(query: URLSearchParams): boolean;
  refreshTokenTtlMs: number;
  codeTtlMs: number;
  errorStyle: ErrorStyle;
  /** Extra fields in the token answer (TikTok's open_id, Instagram's user_id). */
  answerFields?(subject: string): Record<string, unknown>;
  /** How the token answer is wrapped (Instagram Business Login: { data: [ … ] }). */
  wrapAnswer?(answer: Record<string, unknown>): unknown;
  /** How the platform refuses a bad code or refresh token, when it is not RFC 6749's invalid_grant (X, LinkedIn). */
  refusal?: { code: string; description: string };
  /** Other grant types of the token endpoint (Meta's fb_exchange_token, client_credentials). */
  extraGrants?: Record<string, (params: URLSearchParams) => FakeReply>;
}

interface IssuedCode {
  subject: string;
  scopes: string[];
  redirectUri: string;
  challenge: string | undefined;
  issuedAt: number;
  refresh: boolean;
  used: boolean;
  /** What the first exchange got, revoked if the code is presented again. */
  accessTokens: string[];
  family: string | undefined;
}

interface RefreshRecord {
  subject: string;
  scopes: string[];
  family: string;
  expiresAt: number;
  used: boolean;
}

export class AuthorizationServer {
  readonly server = new FakeServer();
  /** Who is signed in at the platform in the browser the test plays. */
  signedInAs: string | undefined;
  /** What that user answers on the consent screen. */
  consent: 'allow' | 'deny' = 'allow';
  /** Refresh requests answered, for tests of serialization. */
  refreshes = 0;
  /** Every access token handed out, oldest first. */
  readonly issuedAccessTokens: string[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  /** Access tokens per refresh-token family, revoked together when X sees a reused refresh token. */
  private readonly families = new Map<string, string[]>();
  private readonly now: () => number;

  constructor(
    readonly config: AuthorizationServerConfig,
    private readonly minter: TokenMinter,
    now: () => number = Date.now,
  ) {
    this.now = now;
    this.server.route('GET', config.authorizePath, (request) => this.authorize(request));
    this.server.route(config.tokenMethod, config.tokenPath, (request) => this.token(request, this.params(request)));
  }

  async listen(): Promise<this> {
    await this.server.listen();
    return this;
  }

  get origin(): string {
    return this.server.origin;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Every code issued so far expires now. */
  expireCodes(): void {
    for (const code of this.codes.values()) code.issuedAt = -Infinity;
  }

  /** Whether a refresh token still works. */
  refreshTokenValid(token: string): boolean {
    const record = this.refreshTokens.get(token);
    return record !== undefined && !record.used && record.expiresAt > this.now();
  }

  /** The user revokes the app's access: every refresh token of theirs stops working. */
  revokeGrantsOf(subject: string): void {
    for (const [token, record] of this.refreshTokens) if (record.subject === subject) this.refreshTokens.delete(token);
  }

  /** Request parameters: the query for GET, the form for POST. */
  params(request: FakeRequest): URLSearchParams {
    return this.config.tokenMethod === 'GET' ? request.query : request.form();
  }

  /** Answers an OAuth error in the platform's style. */
  error(status: number, code: string, description: string): FakeReply {
    if (this.config.errorStyle === 'meta') {
      return {
        status,
        body: { error: { message: description, type: 'OAuthException', code: code === 'invalid_client' ? 1 : 100, fbtrace_id: 'fake' } },
      };
    }
    return { status, body: { error: code, error_description: description } };
  }

  /** Checks the client's credentials as the platform demands; a reply when they fail. */
  authenticateClient(request: FakeRequest, params: URLSearchParams): FakeReply | undefined {
    const { config } = this;
    const basic = /^Basic (.+)$/.exec(request.header('authorization') ?? '')?.[1];
    let id = params.get(config.clientIdParam);
    let secret = params.get('client_secret');
    if (basic) {
      if (config.clientAuthentication !== 'public-or-basic') return this.error(401, 'invalid_client', 'Basic authentication is not supported.');
      const [user, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      id = user ?? null;
      secret = pass ?? null;
    } else if (config.clientAuthentication === 'public-or-basic' && config.clientSecret !== undefined) {
      return this.error(401, 'invalid_client', 'A confidential client must authenticate with HTTP Basic.');
    }
    if (id !== config.clientId) return this.error(401, 'invalid_client', 'Unknown client.');
    if (config.clientSecret !== undefined && secret !== config.clientSecret)
      return this.error(401, 'invalid_client', 'Client authentication failed.');
    if (config.clientSecret === undefined && secret !== null) return this.error(401, 'invalid_client', 'A public client has no secret.');
    return undefined;
  }

  /** The answer for a new grant: an access token from the API fake, maybe a refresh token. */
  issue(subject: string, scopes: string[], withRefresh: boolean, family = randomBytes(6).toString('hex')): Record<string, unknown> {
    const { config } = this;
    const accessToken = this.minter.mint(subject, scopes, config.accessTokenTtlMs);
    this.issuedAccessTokens.push(accessToken);
    this.families.set(family, [...(this.families.get(family) ?? []), accessToken]);
    const answer: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: Math.floor(config.accessTokenTtlMs / 1000),
      scope: scopes.join(config.scopeSeparator),
      ...config.answerFields?.(subject),
    };
    if (withRefresh && config.refresh !== 'none') {
      const refreshToken = `rt-${randomBytes(16).toString('hex')}`;
      this.refreshTokens.set(refreshToken, { subject, scopes, family, expiresAt: this.now() + config.refreshTokenTtlMs, used: false });
      answer.refresh_token = refreshToken;
      answer.refresh_expires_in = Math.floor(config.refreshTokenTtlMs / 1000);
    }
    return answer;
  }

  private authorize(request: FakeRequest): FakeReply {
    const { config } = this;
    const query = request.query;
    if (query.get(config.clientIdParam) !== config.clientId) return page(400, `${config.authority}: unknown client. Check the app’s client id.`);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!this.redirectAllowed(redirectUri)) return page(400, `${config.authority}: the redirect URI ${redirectUri} is not registered for this app.`);
    const back = (params: Record<string, string>): FakeReply => {
      const target = new URL(redirectUri);
      for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
      const state = query.get('state');
      if (state !== null) target.searchParams.set('state', state);
      return { status: 302, headers: { location: target.toString() }, body: '' };
    };
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
    const scopes = (query.get('scope') ?? '').split(config.scopeSeparator).filter(Boolean);
    const unknown = scopes.find((scope) => !config.scopes.includes(scope));
    if (unknown !== undefined || !config.requiredScopes.every((scope) => scopes.includes(scope))) {
      return back({ error: 'invalid_scope', error_description: unknown ? `Unknown scope ${unknown}` : 'A required scope is missing' });
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (config.pkce !== 'none') {
      if (challenge === undefined && config.pkceRequired) return back({ error: 'invalid_request', error_description: 'code_challenge is required' });
      if (challenge !== undefined && query.get('code_challenge_method') !== 'S256') {
        return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
      }
    }
    if (this.signedInAs === undefined) return page(200, `Sign in to ${config.authority}`);
    if (this.consent === 'deny') return back({ error: 'access_denied', error_description: 'The user denied the request.' });
    const code = randomBytes(18).toString('base64url');
    this.codes.set(code, {
      subject: this.signedInAs,
      scopes,
      redirectUri,
      challenge,
      issuedAt: this.now(),
      refresh: config.grantsRefreshToken(query),
      used: false,
      accessTokens: [],
      family: undefined,
    });
    return back({ code });
  }

  private redirectAllowed(uri: string): boolean {
    const rule = this.config.redirect;
    if (rule.kind === 'exact') return rule.uris.includes(uri);
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    const loopback = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost');
    if (rule.kind === 'loopback-any-port') return loopback && url.hostname !== 'localhost' && url.port !== '';
    return loopback && url.port !== '' && url.pathname === rule.path && url.search === '' && url.hash === '';
  }

  private token(request: FakeRequest, params: URLSearchParams): FakeReply {
    const refused = this.authenticateClient(request, params);
    if (refused) return refused;
    // Meta documents its code exchange without grant_type: the code alone says what it is.
    const grantType = params.get('grant_type') ?? (this.config.errorStyle === 'meta' && params.has('code') ? 'authorization_code' : null);
    if (grantType === 'authorization_code') return this.exchange(params);
    if (grantType === 'refresh_token') return this.refresh(params);
    const extra = grantType === null ? undefined : this.config.extraGrants?.[grantType];
    if (extra) return extra(params);
    return this.error(400, 'unsupported_grant_type', `grant_type ${grantType ?? '(none)'} is not supported here.`);
  }

  private exchange(params: URLSearchParams): FakeReply {
    const { config } = this;
    const code = this.codes.get(params.get('code') ?? '');
    if (!code) return this.refused('The authorization code is invalid.');
    if (code.used) {
      // A replayed code: refuse it and revoke what it gave (RFC 6749 §4.1.2).
      for (const token of code.accessTokens) this.minter.revoke(token);
      if (code.family) this.revokeFamily(code.family);
      return this.refused('The authorization code was already used.');
    }
    code.used = true;
    if (this.now() - code.issuedAt > config.codeTtlMs) return this.error(400, 'invalid_grant', 'The authorization code has expired.');
    if (params.get('redirect_uri') !== code.redirectUri)
      return this.error(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    if (code.challenge !== undefined) {
      const verifier = params.get('code_verifier') ?? '';
      const digest = createHash('sha256').update(verifier, 'ascii').digest();
      const expected = config.pkce === 'hex' ? digest.toString('hex') : digest.toString('base64url');
      if (verifier === '' || expected !== code.challenge) return this.refused('The code verifier or code challenge is invalid.');
    } else if (params.has('code_verifier') && config.pkce !== 'none') {
      return this.refused('A code_verifier was sent for a code without a challenge.');
    }
    const family = randomBytes(6).toString('hex');
    const answer = this.issue(code.subject, code.scopes, code.refresh, family);
    code.accessTokens.push(answer.access_token as string);
    code.family = family;
    return { status: 200, body: config.wrapAnswer ? config.wrapAnswer(answer) : answer };
  }

  private refresh(params: URLSearchParams): FakeReply {
    const { config } = this;
    const token = params.get('refresh_token') ?? '';
    const record = this.refreshTokens.get(token);
    if (!record || record.expiresAt <= this.now()) return this.refused('The refresh token is invalid or expired.');
    if (record.used) {
      // X: a rotated refresh token presented again means it leaked or two clients raced; the whole grant ends.
      this.revokeFamily(record.family);
      return this.refused('The refresh token was already used.');
    }
    this.refreshes += 1;
    if (config.refresh === 'keep') {
      const answer = this.issue(record.subject, record.scopes, false, record.family);
      return { status: 200, body: answer };
    }
    if (config.refresh === 'rotate') this.refreshTokens.delete(token);
    else record.used = true;
    return { status: 200, body: this.issue(record.subject, record.scopes, true, record.family) };
  }

  /** A bad code or refresh token, refused the platform's way. */
  refused(description: string): FakeReply {
    const refusal = this.config.refusal;
    return this.error(400, refusal?.code ?? 'invalid_grant', refusal ? `${refusal.description} (${description})` : description);
  }

  private revokeFamily(family: string): void {
    for (const [token, record] of this.refreshTokens) if (record.family === family) this.refreshTokens.delete(token);
    for (const accessToken of this.families.get(family) ?? []) this.minter.revoke(accessToken);
  }
}

function page(status: number, text: string): FakeReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>${text}</title><p>${text}</p>` };
}
