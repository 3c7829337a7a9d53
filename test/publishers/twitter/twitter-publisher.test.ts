import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/engine/publishers/base/memory-ledger';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import { signInRefused } from '../../../electron/engine/publishers/base/sign-in-refused';
import type { PublishAccount, TokenSource } from '../../../electron/engine/publishers/publisher';
import { TwitterPublisher } from '../../../electron/engine/publishers/twitter/twitter-publisher';
import { MediaServer } from '../../fakes/shared/media-server';
import { FakeTwitter } from '../../fakes/twitter/fake-twitter';

const MB = 1024 * 1024;

let fake: FakeTwitter;
let media: MediaServer;
let user: { userId: string; accessToken: string };

beforeAll(async () => {
  media = await MediaServer.start();
});
afterAll(async () => {
  await media.close();
});
beforeEach(async () => {
  fake = await FakeTwitter.start({ processingChecks: 2 });
  user = fake.addUser('publishing_engine');
});
afterEach(async () => {
  await fake.close();
});

function publisher(extra: ConstructorParameters<typeof TwitterPublisher>[0] = {}): TwitterPublisher {
  return new TwitterPublisher({
    apiOrigin: fake.origin,
    env: {},
    allowPrivateMediaAddresses: true,
    pollIntervalMs: 5,
    requestTimeoutMs: 2_000,
    ...extra,
  });
}

function account(overrides: Partial<PublishAccount> = {}): PublishAccount {
  return {
    id: 'acc-x',
    platform: 'twitter',
    name: '@publishing_engine',
    externalId: user.userId,
    tokenExpiresAt: Date.now() + 3_600_000,
    loginKind: null,
    ...overrides,
  };
}

describe('TwitterPublisher', () => {
  it('publishes a text post and saves its id in the ledger', async () => {
    const ledger = createMemoryLedger();
    const result = await publisher().publish(user.accessToken, 'Hello from the engine', [], { account: account(), ledger });
    expect(fake.tweets).toHaveLength(1);
    expect(fake.tweets[0].sentText).toBe('Hello from the engine');
    expect(result).toEqual({ platformPostId: fake.tweets[0].id, url: `https://x.com/i/web/status/${fake.tweets[0].id}` });
    expect(ledger.handles['post.0']).toBe(fake.tweets[0].id);
  });

  it('sends every request to PUBLISHING_ENGINE_TWITTER_API_ORIGIN', async () => {
    const viaEnv = new TwitterPublisher({ env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: fake.origin } });
    await viaEnv.publish(user.accessToken, 'Routed by env', [], { account: account() });
    expect(fake.tweets.map((tweet) => tweet.sentText)).toEqual(['Routed by env']);
  });

  it('uploads up to four images and attaches them', async () => {
    const urls = [1, 2, 3, 4].map((n) => media.add(`photo-${n}.jpg`, { size: 200_000 + n, contentType: 'image/jpeg' }));
    const ledger = createMemoryLedger();
    await publisher().publish(user.accessToken, 'Four photos', urls, { account: account(), ledger });
    expect(fake.tweets).toHaveLength(1);
    const ids = fake.tweets[0].mediaIds;
    expect(ids).toHaveLength(4);
    ids.forEach((id, index) => {
      const item = fake.media.get(id);
      expect(item?.category).toBe('tweet_image');
      expect(Buffer.concat([...(item?.segments.values() ?? [])]).equals(media.bytesOf(urls[index]))).toBe(true);
      expect(ledger.handles[`media.${index}`]).toBe(id);
    });
    expect(fake.tweets[0].text).toMatch(/^Four photos https:\/\/t\.co\/\w+$/);
  });

  it('uploads a video in ≤5 MB segments and waits for processing', async () => {
    const url = media.add('clip.mp4', { size: 9 * MB + 123, contentType: 'video/mp4' });
    await publisher().publish(user.accessToken, 'A video', [url], { account: account() });
    const item = fake.media.get(fake.tweets[0].mediaIds[0]);
    expect(item?.category).toBe('tweet_video');
    expect(item?.segments.size).toBe(3);
    expect(Buffer.concat([0, 1, 2].map((index) => item?.segments.get(index) as Buffer)).equals(media.bytesOf(url))).toBe(true);
    expect(fake.server.requestsTo('/2/media/upload', 'GET').length).toBe(3);
    expect(item?.state).toBe('succeeded');
  });

  it('fails permanently when X cannot process the video, and posts nothing', async () => {
    fake.failProcessingWith = 'Unsupported video format';
    const url = media.add('broken.mp4', { size: 1000, contentType: 'video/mp4' });
    const error = await publisher()
      .publish(user.accessToken, 'Broken video', [url], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('Unsupported video format');
    expect(fake.tweets).toHaveLength(0);
  });

  it('retries a media segment that failed with a 5xx', async () => {
    fake.failNext(
      { type: 'status', status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } },
      { method: 'POST', path: /\/append$/ },
    );
    const url = media.add('retry.jpg', { size: 5000, contentType: 'image/jpeg' });
    await publisher().publish(user.accessToken, 'Retried segment', [url], { account: account() });
    expect(fake.tweets).toHaveLength(1);
    expect(fake.server.requestsTo(/\/append$/).length).toBe(2);
  });

  it('publishes a thread, each post replying to the previous one', async () => {
    const result = await publisher().publish(user.accessToken, 'Thread 1/3', [], {
      account: account(),
      settings: { thread: ['Thread 2/3', 'Thread 3/3'] },
    });
    expect(fake.tweets.map((tweet) => tweet.sentText)).toEqual(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
    expect(fake.tweets[1].inReplyTo).toBe(fake.tweets[0].id);
    expect(fake.tweets[2].inReplyTo).toBe(fake.tweets[1].id);
    expect(result.platformPostId).toBe(fake.tweets[0].id);
  });

  it('resumes a half-posted thread instead of posting it again', async () => {
    const ledger = createMemoryLedger();
    const options = { account: account(), ledger, settings: { thread: ['Part two', 'Part three'] }, firstAttemptAt: Date.now() };
    const texts = (): string[] => fake.tweets.map((tweet) => tweet.sentText);
    // Part two is created but its answer is lost.
    fake.failNext({ type: 'drop-after' }, { method: 'POST', path: '/2/tweets', skip: 1 });
    await expect(publisher().publish(user.accessToken, 'Part one', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    expect(texts()).toEqual(['Part one', 'Part two']);
    expect(ledger.handles['post.0']).toBe(fake.tweets[0].id);
    expect(ledger.handles['post.1']).toBeUndefined();

    // Settling finds part two as a reply to part one and saves it; part three was never posted.
    expect(await publisher().findExisting(user.accessToken, 'Part one', [], options)).toEqual({ state: 'absent' });
    expect(ledger.handles['post.1']).toBe(fake.tweets[1].id);

    const result = await publisher().publish(user.accessToken, 'Part one', [], options);
    expect(texts()).toEqual(['Part one', 'Part two', 'Part three']);
    expect(fake.tweets[2].inReplyTo).toBe(fake.tweets[1].id);
    expect(result.platformPostId).toBe(fake.tweets[0].id);
    expect(await publisher().findExisting(user.accessToken, 'Part one', [], options)).toEqual({ state: 'found', result });
  });

  it('treats a connection dropped after the create as ambiguous, then finds the post', async () => {
    const text = 'Fish & chips <3 at https://example.com/menu';
    const options = { account: account(), ledger: createMemoryLedger(), firstAttemptAt: Date.now() };
    fake.failNext({ type: 'drop-after' });
    const error = await publisher()
      .publish(user.accessToken, text, [], options)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(fake.tweets).toHaveLength(1);
    expect(fake.tweets[0].text).toContain('&amp;');
    const existing = await publisher().findExisting(user.accessToken, text, [], options);
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: fake.tweets[0].id, url: `https://x.com/i/web/status/${fake.tweets[0].id}` },
    });
    expect(options.ledger.handles['post.0']).toBe(fake.tweets[0].id);
  });

  it('finds the post with the user id from /2/users/me when the account has none', async () => {
    const options = { account: account({ externalId: null }), firstAttemptAt: Date.now() };
    fake.failNext({ type: 'drop-after' });
    await expect(publisher().publish(user.accessToken, 'No external id', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    const existing = await publisher().findExisting(user.accessToken, 'No external id', [], options);
    expect(existing.state).toBe('found');
    expect(fake.server.requestsTo('/2/users/me')).toHaveLength(1);
  });

  it('treats a create that never answers as ambiguous', async () => {
    fake.failNext({ type: 'hang-after' });
    const error = await publisher({ requestTimeoutMs: 300 })
      .publish(user.accessToken, 'Slow X', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(fake.tweets).toHaveLength(1);
  });

  it('treats a 5xx on create as ambiguous and settles it as absent when nothing was posted', async () => {
    const options = { account: account(), firstAttemptAt: Date.now() };
    fake.failNext({
      type: 'status',
      status: 503,
      body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 },
    });
    await expect(publisher().publish(user.accessToken, 'Outage', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    expect(await publisher().findExisting(user.accessToken, 'Outage', [], options)).toEqual({ state: 'absent' });
  });

  it('is retryable when X cannot be reached at all', async () => {
    const closed = await FakeTwitter.start();
    const origin = closed.origin;
    await closed.close();
    const error = await new TwitterPublisher({ apiOrigin: origin, env: {} }).publish('token', 'Nobody home', [], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
  });

  it('refuses a post that breaks the rules before any network call', async () => {
    const tooLong = 'x'.repeat(281);
    const images = [1, 2, 3, 4, 5].map((n) => media.add(`many-${n}.png`, { size: 10, contentType: 'image/png' }));
    const before = media.requests.length;
    const long = await publisher()
      .publish(user.accessToken, tooLong, [], { account: account() })
      .catch((e: unknown) => e);
    const many = await publisher()
      .publish(user.accessToken, 'Five', images, { account: account() })
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(PermanentError);
    expect((long as Error).message).toContain('280');
    expect((many as Error).message).toContain('up to 4 images');
    expect(fake.server.requests).toHaveLength(0);
    expect(media.requests.length).toBe(before);
  });

  it('publishes with the token the engine hands it before the first call', async () => {
    // The renewal ahead of expiry is the engine's (accounts/token-keeper); the publisher must ask first and use its answer.
    const fresh = fake.grantAccessToken(user.userId, 7_200_000);
    const asked: string[] = [];
    const tokens: TokenSource = {
      fresh: async (current) => {
        asked.push(current);
        return fresh;
      },
      renew: async () => {
        throw new Error('no renewal expected');
      },
    };
    await publisher().publish(user.accessToken, 'Fresh token', [], { account: account(), tokens });
    expect(asked).toEqual([user.accessToken]);
    expect(fake.server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /2/tweets']);
    expect(fake.server.requestsTo('/2/tweets')[0].headers.authorization).toBe(`Bearer ${fresh}`);
  });

  it('reads the profile: the user id, the handle and the picture', async () => {
    expect(await publisher().readProfile(user.accessToken, { externalId: null, loginKind: null })).toEqual({
      externalId: user.userId,
      name: '@publishing_engine',
      avatarUrl: expect.stringContaining(user.userId),
    });
    fake.expireToken(user.accessToken);
    const refused = await publisher()
      .readProfile(user.accessToken, { externalId: null, loginKind: null })
      .catch((e: unknown) => e);
    expect((refused as PermanentError).authFailure).toBe(true);
  });

  it('publishes with the token the engine renews after a 401', async () => {
    fake.expireToken(user.accessToken);
    const renewed: string[] = [];
    const tokens: TokenSource = {
      fresh: async (current) => current,
      renew: async (rejected) => {
        renewed.push(rejected);
        return fake.grantAccessToken(user.userId, 7_200_000);
      },
    };
    await publisher().publish(user.accessToken, 'After 401', [], { account: account(), tokens });
    expect(renewed).toEqual([user.accessToken]);
    expect(fake.tweets).toHaveLength(1);
    expect(fake.server.requestsTo('/2/tweets')).toHaveLength(2);
  });

  it('asks to reconnect when the engine cannot renew the sign-in', async () => {
    fake.expireToken(user.accessToken);
    const tokens: TokenSource = {
      fresh: async (current) => current,
      renew: async () => {
        throw signInRefused({ label: 'X (Twitter)', account: { name: '@publishing_engine' }, reason: 'Value passed for the token was invalid' });
      },
    };
    const revoked = await publisher()
      .publish(user.accessToken, 'Revoked', [], { account: account(), tokens })
      .catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(PermanentError);
    expect((revoked as PermanentError).authFailure).toBe(true);
    expect((revoked as Error).message).toMatch(/Reconnect/);
    expect(fake.server.requestsTo('/2/tweets')).toHaveLength(1);
    expect(fake.tweets).toHaveLength(0);
  });

  it('waits for the reset X names when rate limited', async () => {
    const resetAt = Date.now() + 600_000;
    fake.exhaustRateLimit('POST /2/tweets', user.userId, resetAt);
    const error = await publisher()
      .publish(user.accessToken, 'Too many', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(Math.ceil(resetAt / 1000) * 1000);
    expect(fake.tweets).toHaveLength(0);
  });

  it('recognises its own post behind a duplicate refusal', async () => {
    const firstAttemptAt = Date.now();
    const earlier = fake.seedTweet(user.userId, 'Posted by a lost attempt', firstAttemptAt + 10);
    const result = await publisher().publish(user.accessToken, 'Posted by a lost attempt', [], { account: account(), firstAttemptAt });
    expect(result.platformPostId).toBe(earlier.id);
    expect(fake.tweets).toHaveLength(1);
  });

  it('refuses a real duplicate of an older post permanently', async () => {
    fake.seedTweet(user.userId, 'Said this yesterday', Date.now() - 86_400_000);
    const error = await publisher()
      .publish(user.accessToken, 'Said this yesterday', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).platformCode).toBe('duplicate-content');
    expect((error as Error).message).toMatch(/already posted the same text/);
  });

  it('cannot tell when the app may not read the timeline', async () => {
    fake.readAccess = false;
    const existing = await publisher().findExisting(user.accessToken, 'Anything', [], { account: account(), firstAttemptAt: Date.now() });
    expect(existing.state).toBe('unknown');
  });

  it('keeps to the local posting limit per account', async () => {
    const limited = publisher({ postingLimit: { capacity: 1, refillEveryMs: 60_000 } });
    await limited.publish(user.accessToken, 'First', [], { account: account() });
    const error = await limited.publish(user.accessToken, 'Second', [], { account: account() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(Date.now() + 50_000);
    expect(fake.tweets.map((tweet) => tweet.sentText)).toEqual(['First']);
    await limited.publish(user.accessToken, 'Other account', [], { account: account({ id: 'acc-other' }) });
    expect(fake.tweets).toHaveLength(2);
  });

  it('refuses a media link that is a web page, naming the link', async () => {
    const page = media.add('page.jpg', { size: 100, contentType: 'text/html' });
    const error = await publisher()
      .publish(user.accessToken, 'Bad media', [page], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(page);
    expect(fake.tweets).toHaveLength(0);
  });
});
