// The one way the engine talks to a token endpoint (RFC 6749 §4.1.3 and §6): the code exchange after sign-in and
// every refresh go through here, whatever the platform, with the client authenticated as the platform wants.
import { HttpClient, type HttpResponse } from '../../publishers/base/http-client';
import { OAuthRefusal, OAuthUnavailable, type OAuthRefusalKind } from './oauth-errors';
import type { TokenGrant } from './token-grant';

export type ClientAuth = 'body' | 'basic';

export interface TokenRequest {
  http: HttpClient;
  /** Who answers, in messages: "X", "Google". */
  authority: string;
  url: string;
  /** The form, without client credentials. */
  fields: Record<string, string>;
  /** Absent for Instagram's token exchanges, which name only what they need in `fields`. */
  client?: { idParam: string; id: string; secret: string | undefined; auth: ClientAuth };
  /** GET with the fields in the query (Meta's Graph token endpoints) instead of a POSTed form. */
  method?: 'POST' | 'GET';
  now: () => number;
  signal?: AbortSignal;
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  refresh_expires_in?: unknown;
  refresh_token_expires_in?: unknown;
  scope?: unknown;
  error?: unknown;
  error_description?: unknown;
  /** Meta's shape: { error: { message, type, code } }. */
  message?: unknown;
  [field: string]: unknown;
}

export async function requestToken(request: TokenRequest): Promise<TokenGrant> {
  const { http, authority, client, now } = request;
  const fields: Record<string, string> = { ...request.fields };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (client === undefined) {
    // Nothing to add.
  } else if (client.auth === 'basic' && client.secret !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  } else {
    fields[client.idParam] = client.id;
    if (client.secret !== undefined) fields.client_secret = client.secret;
  }
  let response: HttpResponse;
  try {
    response =
      request.method === 'GET'
        ? await http.request({ method: 'GET', url: withQuery(request.url, fields), headers, ...(request.signal ? { signal: request.signal } : {}) })
        : await http.request({
            method: 'POST',
            url: request.url,
            headers,
            body: { type: 'form', fields },
            ...(request.signal ? { signal: request.signal } : {}),
          });
  } catch (error) {
    throw new OAuthUnavailable(`${authority} could not be reached to sign in (${error instanceof Error ? error.message : String(error)}).`);
  }
  const answer = response.json<TokenAnswer & { data?: unknown }>() ?? {};
  // Instagram's Business Login answers the code exchange with { data: [ { access_token, user_id, permissions } ] }.
  const body = answer.access_token === undefined && Array.isArray(answer.data) && isObject(answer.data[0]) ? (answer.data[0] as TokenAnswer) : answer;
  if (response.status === 200 && typeof body.access_token === 'string' && body.access_token !== '') return grantOf(body, now());
  if (response.status >= 500 || response.status === 429) {
    throw new OAuthUnavailable(`${authority} could not answer right now (HTTP ${response.status}).`);
  }
  throw refusal(authority, response.status, body);
}

function grantOf(body: TokenAnswer, now: number): TokenGrant {
  const seconds = (value: unknown): number | null => (typeof value === 'number' && value > 0 ? now + value * 1000 : null);
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number') extra[key] = String(value);
  }
  delete extra.access_token;
  delete extra.refresh_token;
  return {
    accessToken: body.access_token as string,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : null,
    expiresAt: seconds(body.expires_in),
    refreshExpiresAt: seconds(body.refresh_expires_in ?? body.refresh_token_expires_in),
    scopes: typeof body.scope === 'string' ? body.scope.split(/[ ,]+/).filter(Boolean) : null,
    extra,
  };
}

function refusal(authority: string, status: number, body: TokenAnswer): OAuthRefusal {
  // RFC 6749 §5.2 names the error in `error`; Meta nests an object there instead.
  const nested =
    typeof body.error === 'object' && body.error !== null ? (body.error as { message?: unknown; type?: unknown; code?: unknown }) : undefined;
  const code = typeof body.error === 'string' ? body.error : nested?.code !== undefined ? String(nested.code) : undefined;
  const description =
    typeof body.error_description === 'string'
      ? body.error_description
      : typeof nested?.message === 'string'
        ? nested.message
        : typeof body.message === 'string'
          ? body.message
          : undefined;
  const kind = refusalKind(code, nested !== undefined, description ?? '', status);
  const reason = description ?? code ?? `HTTP ${status}`;
  return new OAuthRefusal(kind, `${authority} refused: ${reason.replace(/\.$/, '')}.`, code, status);
}

function refusalKind(code: string | undefined, meta: boolean, description: string, status: number): OAuthRefusalKind {
  if (code === 'invalid_grant') return 'invalid_grant';
  if (code === 'invalid_client' || code === 'unauthorized_client') return 'invalid_client';
  // Meta answers { error: { message, type: 'OAuthException', code } } and says in words which part was wrong.
  if (meta && /client[ _]secret|client[ _]id|app[ _]id|application/i.test(description)) return 'invalid_client';
  if (meta && /code|expired|session|token/i.test(description)) return 'invalid_grant';
  return status === 401 ? 'invalid_client' : 'other';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function withQuery(url: string, fields: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(fields)) target.searchParams.set(key, value);
  return target.toString();
}
