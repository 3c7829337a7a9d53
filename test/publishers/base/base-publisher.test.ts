// BasePublisher through a minimal platform of its own: a create endpoint and a token endpoint on a fake server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BasePublisher } from '../../../electron/engine/publishers/base/base-publisher';
import type { PublishContext } from '../../../electron/engine/publishers/base/publish-context';
import type { PublisherConfig } from '../../../electron/engine/publishers/base/publisher-config';
import { signInRefused } from '../../../electron/engine/publishers/base/sign-in-refused';
import { PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import type { PublishAccount, PublishResult, TokenPair } from '../../../electron/engine/publishers/publisher';
import { FakeServer } from '../../fakes/shared/fake-server';

class ProbePublisher extends BasePublisher {
  readonly platform = 'facebook' as const;
  protected readonly defaultApiOrigin = 'http://127.0.0.1:9';
  readonly contexts: PublishContext[] = [];

  constructor(
    config: PublisherConfig,
    private readonly canRefresh = true,
  ) {
    super(config);
  }

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    this.contexts.push(context);
    const response = await this.http.request({
      method: 'POST',
      url: this.apiUrl('/posts'),
      headers: { authorization: `Bearer ${context.accessToken}` },
      body: { type: 'json', value: { text: context.text } },
      createsPost: true,
    });
    if (response.status !== 201) throw this.httpFailure(response, `refused (${response.status})`, { createsPost: true });
    const id = response.json<{ id: string }>()?.id as string;
    return { platformPostId: id, url: `https://example.test/${id}` };
  }

  protected override async refreshToken(refreshToken: string): Promise<TokenPair> {
    if (!this.canRefresh) return super.refreshToken(refreshToken);
    const response = await this.http.request({
      method: 'POST',
      url: this.apiUrl('/token'),
      body: { type: 'form', fields: { refresh_token: refreshToken } },
    });
    if (response.status === 200) return { accessToken: response.text(), refreshToken: null, expiresAt: this.now() + 3_600_000 };
    if (response.status >= 500) throw new RetryableError('token endpoint down');
    throw new PermanentError('refresh token refused');
  }
}

let server: FakeServer;
let validTokens: Set<string>;
let refreshOk: boolean;
let rejectAll: boolean;
let posts: string[];

beforeEach(async () => {
  validTokens = new Set(['good']);
  refreshOk = true;
  rejectAll = false;
  posts = [];
  server = new FakeServer()
    .route('POST', '/posts', (request) => {
      const token = request.header('authorization')?.replace('Bearer ', '') ?? '';
      if (rejectAll || !validTokens.has(token)) return { status: 401, body: { error: 'expired' } };
      posts.push((request.json() as { text: string }).text);
      return { status: 201, body: { id: `p${posts.length}` } };
    })
    .route('POST', '/token', () => {
      if (!refreshOk) return { status: 400, body: { error: 'invalid_grant' } };
      validTokens.add('fresh');
      return { status: 200, body: 'fresh' };
    });
  await server.listen();
});
afterEach(async () => {
  await server.close();
});

const account = (overrides: Partial<PublishAccount> = {}): PublishAccount => ({
  id: 'acc-1',
  platform: 'facebook',
  name: 'Bakery Page',
  externalId: 'page-1',
  refreshToken: 'refresh-1',
  tokenExpiresAt: Date.now() + 3_600_000,
  ...overrides,
});

describe('BasePublisher', () => {
  it('publishes through the platform steps with a context built from the options', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const result = await probe.publish('good', 'Fresh bread', [], {
      account: account(),
      settings: { link: 'https://bakery.test' },
      firstAttemptAt: 42,
    });
    expect(result.platformPostId).toBe('p1');
    expect(probe.contexts[0]).toMatchObject({
      accessToken: 'good',
      text: 'Fresh bread',
      settings: { link: 'https://bakery.test' },
      firstAttemptAt: 42,
    });
    probe.contexts[0].ledger.saveHandle('a', 'b');
    expect(probe.contexts[0].ledger.handles).toEqual({ a: 'b' });
  });

  it('refuses a target that breaks the rules before any network call', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const error = await probe.publish('good', 'Look', ['https://cdn.test/file.pdf'], { account: account() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).platformCode).toBe('media-type');
    expect((error as Error).message).toContain('file.pdf');
    expect(server.requests).toHaveLength(0);
  });

  it('refreshes a token expiring within five minutes before publishing', async () => {
    const saved: TokenPair[] = [];
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    await probe.publish('old', 'Soon expired', [], {
      account: account({ tokenExpiresAt: Date.now() + 4 * 60_000 }),
      saveTokens: (pair) => saved.push(pair),
    });
    // A platform that does not rotate refresh tokens keeps the one it has.
    expect(saved).toEqual([{ accessToken: 'fresh', refreshToken: 'refresh-1', expiresAt: expect.any(Number) }]);
    expect(server.requestsTo('/posts')).toHaveLength(1);
  });

  it('refreshes once after a 401 and retries once', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const result = await probe.publish('stale', 'Retry me', [], { account: account() });
    expect(result.platformPostId).toBe('p1');
    expect(probe.contexts.map((context) => context.accessToken)).toEqual(['stale', 'fresh']);
  });

  it('asks to reconnect when the platform still says 401 after a refresh', async () => {
    rejectAll = true;
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const error = await probe.publish('stale', 'Never', [], { account: account() }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message).toMatch(/Bakery Page.*Reconnect/);
    expect(server.requestsTo('/token')).toHaveLength(1);
    expect(server.requestsTo('/posts')).toHaveLength(2);
  });

  it("says 'reconnect' once when the platform's own error already says it", async () => {
    class GraphLikeProbe extends ProbePublisher {
      protected override async publishContent(): Promise<PublishResult> {
        throw signInRefused({ label: 'Facebook', reason: 'Error validating access token', httpStatus: 401 });
      }
    }
    const probe = new GraphLikeProbe({ apiOrigin: server.origin, env: {} }, false);
    const error = await probe.publish('stale', 'Never', [], { account: account({ refreshToken: null }) }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message.match(/Reconnect/g)).toHaveLength(1);
  });

  it('asks to reconnect when the refresh token is refused or missing', async () => {
    refreshOk = false;
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const refused = await probe.publish('stale', 'No', [], { account: account() }).catch((e: unknown) => e);
    expect((refused as PermanentError).authFailure).toBe(true);
    const missing = await probe.publish('stale', 'No', [], { account: account({ refreshToken: null }) }).catch((e: unknown) => e);
    expect((missing as PermanentError).authFailure).toBe(true);
    const expired = await probe
      .publish('good', 'No', [], { account: account({ refreshToken: null, tokenExpiresAt: Date.now() - 1 }) })
      .catch((e: unknown) => e);
    expect((expired as PermanentError).authFailure).toBe(true);
    const cannot = await new ProbePublisher({ apiOrigin: server.origin, env: {} }, false)
      .publish('stale', 'No', [], { account: account() })
      .catch((e: unknown) => e);
    expect((cannot as PermanentError).authFailure).toBe(true);
    expect(posts).toEqual([]);
  });

  it('keeps a refresh that failed for a passing reason retryable', async () => {
    server.injectFault({ type: 'status', status: 503 }, { path: '/token' });
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    await expect(probe.publish('old', 'Later', [], { account: account({ tokenExpiresAt: Date.now() }) })).rejects.toBeInstanceOf(RetryableError);
  });

  it('publishes with a token close to expiry when it cannot be refreshed yet', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    await probe.publish('good', 'Still valid', [], { account: account({ refreshToken: null, tokenExpiresAt: Date.now() + 60_000 }) });
    expect(posts).toEqual(['Still valid']);
  });

  it('takes a posting token per account before publishing', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {}, postingLimit: { capacity: 1, refillEveryMs: 3_600_000 } });
    await probe.publish('good', 'One', [], { account: account() });
    const error = await probe.publish('good', 'Two', [], { account: account() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(posts).toEqual(['One']);
  });

  it('cannot tell about existing posts unless the platform overrides it', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    expect((await probe.findExisting('good', 'Anything', [], { account: account() })).state).toBe('unknown');
  });
});
