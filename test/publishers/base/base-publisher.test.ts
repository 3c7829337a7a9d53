// BasePublisher through a minimal platform of its own (a create endpoint and a profile on a fake server), with a
// token source standing in for the engine's token keeper, which has tests of its own (test/accounts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BasePublisher } from '../../../electron/engine/publishers/base/base-publisher';
import type { PublishContext } from '../../../electron/engine/publishers/base/publish-context';
import type { PublisherConfig } from '../../../electron/engine/publishers/base/publisher-config';
import { signInRefused } from '../../../electron/engine/publishers/base/sign-in-refused';
import { PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import type { AccountProfile, PublishAccount, PublishResult, TokenSource } from '../../../electron/engine/publishers/publisher';
import { FakeServer } from '../../fakes/shared/fake-server';

class ProbePublisher extends BasePublisher {
  readonly platform = 'facebook' as const;
  protected readonly defaultApiOrigin = 'http://127.0.0.1:9';
  readonly contexts: PublishContext[] = [];

  constructor(config: PublisherConfig) {
    super(config);
  }

  protected async readProfileContent(accessToken: string): Promise<AccountProfile> {
    const response = await this.http.request({ method: 'GET', url: this.apiUrl('/me'), headers: { authorization: `Bearer ${accessToken}` } });
    if (response.status !== 200) throw this.httpFailure(response, `refused (${response.status})`);
    return { externalId: '1000001', name: 'Bakery Page', avatarUrl: null };
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
}

let server: FakeServer;
let validTokens: Set<string>;
let rejectAll: boolean;
let posts: string[];

/** The engine's side: what the publisher asked for, and what it hands out. */
function tokenSource(renewed: () => Promise<string> = async () => 'fresh'): TokenSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fresh: async (current) => {
      asked.push(`fresh:${current}`);
      return current === 'old' ? 'fresh' : current;
    },
    renew: async (rejected) => {
      asked.push(`renew:${rejected}`);
      const token = await renewed();
      validTokens.add(token);
      return token;
    },
  };
}

beforeEach(async () => {
  validTokens = new Set(['good', 'fresh']);
  rejectAll = false;
  posts = [];
  server = new FakeServer()
    .route('POST', '/posts', (request) => {
      const token = request.header('authorization')?.replace('Bearer ', '') ?? '';
      if (rejectAll || !validTokens.has(token)) return { status: 401, body: { error: 'expired' } };
      posts.push((request.json() as { text: string }).text);
      return { status: 201, body: { id: `p${posts.length}` } };
    })
    .route('GET', '/me', (request) => {
      const token = request.header('authorization')?.replace('Bearer ', '') ?? '';
      return validTokens.has(token) ? { status: 200, body: { id: '1000001' } } : { status: 401, body: { error: 'expired' } };
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
  tokenExpiresAt: Date.now() + 3_600_000,
  loginKind: null,
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

  it('asks the token source for a fresh token before publishing', async () => {
    const tokens = tokenSource();
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    await probe.publish('old', 'Soon expired', [], { account: account(), tokens });
    expect(tokens.asked).toEqual(['fresh:old']);
    expect(probe.contexts.map((context) => context.accessToken)).toEqual(['fresh']);
    expect(posts).toEqual(['Soon expired']);
  });

  it('asks for a renewed token once after a 401 and retries once', async () => {
    const tokens = tokenSource();
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const result = await probe.publish('stale', 'Retry me', [], { account: account(), tokens });
    expect(result.platformPostId).toBe('p1');
    expect(tokens.asked).toEqual(['fresh:stale', 'renew:stale']);
    expect(probe.contexts.map((context) => context.accessToken)).toEqual(['stale', 'fresh']);
  });

  it('asks to reconnect when the platform still says 401 after a renewal', async () => {
    rejectAll = true;
    const tokens = tokenSource();
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const error = await probe.publish('stale', 'Never', [], { account: account(), tokens }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message).toMatch(/Bakery Page.*Reconnect/);
    expect(tokens.asked).toEqual(['fresh:stale', 'renew:stale']);
    expect(server.requestsTo('/posts')).toHaveLength(2);
  });

  it('asks to reconnect after a 401 when there is no token source to renew with', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const error = await probe.publish('stale', 'Never', [], { account: account() }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect(posts).toEqual([]);
  });

  it("says 'reconnect' once when the platform's own error already says it", async () => {
    class GraphLikeProbe extends ProbePublisher {
      protected override async publishContent(): Promise<PublishResult> {
        throw signInRefused({ label: 'Facebook', reason: 'Error validating access token', httpStatus: 401 });
      }
    }
    const probe = new GraphLikeProbe({ apiOrigin: server.origin, env: {} });
    const error = await probe.publish('stale', 'Never', [], { account: account() }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message.match(/Reconnect/g)).toHaveLength(1);
  });

  it('passes on what the token source says when it cannot renew: a passing problem stays retryable', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    const down = tokenSource(async () => {
      throw new RetryableError('token endpoint down');
    });
    await expect(probe.publish('stale', 'Later', [], { account: account(), tokens: down })).rejects.toBeInstanceOf(RetryableError);
    const refused = tokenSource(async () => {
      throw signInRefused({ label: 'Facebook', account: { name: 'Bakery Page' }, reason: 'invalid_grant' });
    });
    const error = await probe.publish('stale', 'No', [], { account: account(), tokens: refused }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
    expect(posts).toEqual([]);
  });

  it('reads the profile, and turns a refused token into the reconnect error', async () => {
    const probe = new ProbePublisher({ apiOrigin: server.origin, env: {} });
    expect(await probe.readProfile('good', { externalId: null, loginKind: null })).toEqual({
      externalId: '1000001',
      name: 'Bakery Page',
      avatarUrl: null,
    });
    const error = await probe.readProfile('made-up', { externalId: null, loginKind: null }).catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(true);
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
