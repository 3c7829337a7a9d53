// What Facebook Pages and Instagram share as fake servers: Meta's Graph API conventions. Versioned or unversioned
// paths, parameters in the query or the body, the access token as a parameter or a bearer header, the error object
// {error:{message,type,code,error_subcode,is_transient,fbtrace_id}} with HTTP 400, usage headers on every answer,
// and throttles that say when access comes back in X-Business-Use-Case-Usage.
import { randomBytes } from 'node:crypto';
import { FakeServer, type Fault, type FakeReply, type FakeRequest } from '../shared/fake-server';

export interface GraphErrorSpec {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

/** Thrown by a route to answer with a Graph error object. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly spec: GraphErrorSpec,
    readonly headers: Record<string, string> = {},
  ) {
    super(spec.message);
  }
}

export function graphErrorBody(spec: GraphErrorSpec): { error: Record<string, unknown> } {
  return { error: { type: 'OAuthException', is_transient: false, ...spec, fbtrace_id: randomBytes(8).toString('base64url') } };
}

/** `(#100) …` errors: invalid parameters, unknown fields, objects that do not exist or are not yours. */
export function invalidParameter(message: string, subcode?: number): GraphHttpError {
  return new GraphHttpError(400, { message: `(#100) ${message}`, code: 100, ...(subcode === undefined ? {} : { error_subcode: subcode }) });
}

export function unsupportedRequest(method: string, id: string): GraphHttpError {
  return invalidParameter(
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
  );
}

export type TokenState = 'valid' | 'expired' | 'revoked';

/** Which request a fault applies to; `path` is matched against the full, versioned path. */
export interface GraphMatch {
  method?: string;
  path?: string | RegExp;
  /** Matching requests to let through first. */
  skip?: number;
}

export interface FakeToken {
  value: string;
  /** The Page or Instagram account the token acts for. */
  subject: string;
  state: TokenState;
}

export interface GraphCall {
  method: 'GET' | 'POST';
  /** Path segments after the version, e.g. ['123', 'feed']. */
  segments: string[];
  /** Query and body parameters merged (body wins), as Graph treats them. */
  params: Record<string, string>;
  token: FakeToken;
  request: FakeRequest;
}

export interface GraphReply {
  status?: number;
  body: unknown;
}

export type GraphRouter = (call: GraphCall) => GraphReply | Promise<GraphReply>;

export interface GraphFakeOptions {
  /** Business Use Case type in the usage header: `pages` or `instagram`. */
  useCaseType: string;
  /** The throttle code a busy subject gets: 32 / 80001 for Pages, 80002 for Instagram. */
  throttleCode: number;
  throttleMessage: string;
  now?: () => number;
  /** Calls a subject may make per hour before its usage header reads 100%; default 4800. */
  callBudget?: number;
}

interface Throttle {
  until: number;
}

const VERSION = /^v\d+(\.\d+)?$/;

/** Graph's timestamp format: `2024-05-01T12:00:00+0000`. */
export function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+0000');
}

/** `since`/`until` as Graph reads them: Unix seconds or a date string. */
export function parseGraphTime(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw invalidParameter(`The parameter since/until must be a Unix timestamp or date: '${value}'`);
  return parsed;
}

/** Splits `a,b{c,d},e` at top-level commas and returns the field names (`attachments{…}` → `attachments`). */
function parseFields(fields: string | undefined, defaults: readonly string[]): string[] {
  if (fields === undefined || fields.trim() === '') return [...defaults];
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of fields) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  names.push(current);
  return names.map((name) => name.trim().split('{')[0].split('.')[0]).filter((name) => name !== '');
}

/** Picks `fields` from a node, refusing unknown ones as Graph does. Undefined values are left out. */
export function selectFields(
  node: Record<string, unknown>,
  fields: string | undefined,
  defaults: readonly string[],
  known: readonly string[],
  nodeType: string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of parseFields(fields, defaults)) {
    if (!known.includes(name)) throw invalidParameter(`Tried accessing nonexisting field (${name}) on node type (${nodeType})`);
    const value = node[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** Cursor paging over a newest-first list: `limit` (default 25, max 100) and `after`; `next` is a full URL. */
export function paginate<T>(items: readonly T[], call: GraphCall, origin: string): { data: T[]; paging?: Record<string, unknown> } {
  const { params } = call;
  const limit = Math.min(100, Math.max(1, Number(params.limit ?? 25) || 25));
  const start = params.after ? Number(Buffer.from(params.after, 'base64url').toString('utf8')) || 0 : 0;
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { data };
  const cursors = { before: Buffer.from(String(start)).toString('base64url'), after: Buffer.from(String(start + data.length)).toString('base64url') };
  if (start + limit >= items.length) return { data, paging: { cursors } };
  const next = new URL(call.request.path, origin);
  for (const [key, value] of Object.entries(params)) next.searchParams.set(key, value);
  next.searchParams.set('after', cursors.after);
  return { data, paging: { cursors, next: next.toString() } };
}

export function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** The Graph API core of a fake: tokens, throttles, usage headers, faults; the platform adds its objects. */
export class GraphFake {
  readonly server = new FakeServer();
  readonly tokens = new Map<string, FakeToken>();
  readonly now: () => number;
  private readonly throttles = new Map<string, Throttle>();
  private appThrottleUntil = 0;
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly options: GraphFakeOptions,
    router: GraphRouter,
  ) {
    this.now = options.now ?? Date.now;
    for (const method of ['GET', 'POST'] as const) {
      for (const pattern of ['/:a', '/:a/:b', '/:a/:b/:c']) {
        this.server.route(method, pattern, (request) => this.dispatch(method, request, router));
      }
    }
  }

  get origin(): string {
    return this.server.origin;
  }

  async listen(): Promise<void> {
    await this.server.listen();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  grantToken(value: string, subject: string): void {
    this.tokens.set(value, { value, subject, state: 'valid' });
  }

  setTokenState(value: string, state: TokenState): void {
    const token = this.tokens.get(value);
    if (!token) throw new Error(`no fake token ${value}`);
    token.state = state;
  }

  /** Every call for `subject` fails with the platform's throttle code for `minutes`, with the estimate in the header. */
  throttle(subject: string, minutes: number): void {
    this.throttles.set(subject, { until: this.now() + minutes * 60_000 });
  }

  /** Every call fails with code 4 (app limit): X-App-Usage reads 100% and no header says for how long. */
  throttleApp(minutes: number): void {
    this.appThrottleUntil = this.now() + minutes * 60_000;
  }

  /** The next matching request meets `fault` (see FakeServer); `path` is matched against the full, versioned path. */
  failNext(fault: Fault, match: GraphMatch = {}): void {
    this.server.injectFault(fault, match);
  }

  /** The next matching request gets this Graph error instead of being handled. */
  failNextWithGraphError(spec: GraphErrorSpec, match: GraphMatch = {}, status = 400): void {
    this.server.injectFault(
      { type: 'status', status, body: graphErrorBody(spec), headers: { 'content-type': 'application/json; charset=UTF-8' } },
      match,
    );
  }

  /** The next matching request gets Meta's outage answer: HTTP 500, code 2, is_transient. */
  failNextTransient(match: GraphMatch = {}): void {
    this.failNextWithGraphError(
      { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true },
      match,
      500,
    );
  }

  private recordCall(subject: string): number {
    const hourAgo = this.now() - 3_600_000;
    const calls = (this.calls.get(subject) ?? []).filter((at) => at > hourAgo);
    calls.push(this.now());
    this.calls.set(subject, calls);
    return calls.length;
  }

  private usageHeaders(subject: string | undefined, count: number): Record<string, string> {
    const budget = this.options.callBudget ?? 4800;
    const percent = Math.min(100, Math.round((count / budget) * 100));
    const appThrottled = this.appThrottleUntil > this.now();
    const headers: Record<string, string> = {
      'x-app-usage': JSON.stringify({
        call_count: appThrottled ? 100 : percent,
        total_cputime: Math.round(percent / 2),
        total_time: Math.round(percent / 2),
      }),
    };
    if (subject !== undefined) {
      const throttle = this.throttles.get(subject);
      const remaining = throttle && throttle.until > this.now() ? Math.ceil((throttle.until - this.now()) / 60_000) : 0;
      headers['x-business-use-case-usage'] = JSON.stringify({
        [subject]: [
          {
            type: this.options.useCaseType,
            call_count: remaining > 0 ? 100 : percent,
            total_cputime: Math.round(percent / 2),
            total_time: Math.round(percent / 2),
            estimated_time_to_regain_access: remaining,
          },
        ],
      });
    }
    return headers;
  }

  private async dispatch(method: 'GET' | 'POST', request: FakeRequest, router: GraphRouter): Promise<FakeReply> {
    let segments = request.path.split('/').slice(1).map(decodeURIComponent);
    if (VERSION.test(segments[0])) segments = segments.slice(1);
    let subject: string | undefined;
    let headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    try {
      const params = readParams(request);
      const token = this.authenticate(request, params);
      subject = token.subject;
      const count = this.recordCall(subject);
      headers = { ...headers, ...this.usageHeaders(subject, count) };
      this.checkThrottles(subject);
      if (segments.length === 0 || segments[0] === '') throw invalidParameter('Unknown path components');
      const reply = await router({ method, segments, params, token, request });
      return { status: reply.status ?? 200, headers, body: reply.body };
    } catch (error) {
      if (!(error instanceof GraphHttpError)) throw error;
      return { status: error.status, headers: { ...headers, ...error.headers }, body: graphErrorBody(error.spec) };
    }
  }

  private authenticate(request: FakeRequest, params: Record<string, string>): FakeToken {
    const authorization = request.header('authorization');
    const fromHeader = authorization === undefined ? undefined : /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization)?.[1];
    const value = params.access_token ?? fromHeader;
    if (value === undefined || value === '') {
      throw new GraphHttpError(400, { message: 'An active access token must be used to query information about the current user.', code: 2500 });
    }
    const token = this.tokens.get(value);
    const challenge = (text: string): Record<string, string> => ({ 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${text}"` });
    if (!token) {
      const message = 'Invalid OAuth access token - Cannot parse access token';
      throw new GraphHttpError(400, { message, code: 190 }, challenge(message));
    }
    if (token.state === 'expired') {
      const message = 'Error validating access token: Session has expired.';
      throw new GraphHttpError(
        400,
        {
          message,
          code: 190,
          error_subcode: 463,
          error_user_title: 'Session expired',
          error_user_msg: 'Your session has expired. Please log in again.',
        },
        challenge(message),
      );
    }
    if (token.state === 'revoked') {
      const message =
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.';
      throw new GraphHttpError(400, { message, code: 190, error_subcode: 460 }, challenge(message));
    }
    return token;
  }

  private checkThrottles(subject: string): void {
    if (this.appThrottleUntil > this.now()) {
      throw new GraphHttpError(400, { message: '(#4) Application request limit reached', code: 4, is_transient: true });
    }
    const throttle = this.throttles.get(subject);
    if (throttle && throttle.until > this.now()) {
      throw new GraphHttpError(400, { message: this.options.throttleMessage, code: this.options.throttleCode, is_transient: true });
    }
  }
}

function readParams(request: FakeRequest): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(request.query.entries());
  if (request.body.length === 0) return params;
  const contentType = (request.header('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of request.form().entries()) params[key] = value;
  } else if (contentType.startsWith('application/json')) {
    const body = request.json();
    if (typeof body !== 'object' || body === null) throw invalidParameter('The request body is not valid JSON');
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      params[key] = typeof value === 'string' ? value : JSON.stringify(value);
  } else if (contentType.startsWith('multipart/form-data')) {
    for (const field of request.multipart()) if (field.filename === undefined) params[field.name] = field.data.toString('utf8');
  } else {
    throw invalidParameter(`Unsupported content type: ${contentType || 'none'}`);
  }
  return params;
}
