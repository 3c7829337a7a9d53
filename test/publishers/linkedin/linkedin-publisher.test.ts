import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/engine/publishers/base/memory-ledger';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import { LinkedInPublisher } from '../../../electron/engine/publishers/linkedin/linkedin-publisher';
import { toLittleText } from '../../../electron/engine/publishers/linkedin/linkedin-text';
import { MISSING_ACCOUNT_ID } from '../../../electron/engine/publishers/base/missing-account-id';
import type { PublishAccount, TokenSource } from '../../../electron/engine/publishers/publisher';
import { FakeLinkedIn } from '../../fakes/linkedin/fake-linkedin';
import { MediaServer } from '../../fakes/shared/media-server';

const MB = 1024 * 1024;

let fake: FakeLinkedIn;
let media: MediaServer;
let member: { member: string; accessToken: string };

beforeAll(async () => {
  media = await MediaServer.start();
});
afterAll(async () => {
  await media.close();
});
beforeEach(async () => {
  fake = await FakeLinkedIn.start();
  member = fake.addMember();
});
afterEach(async () => {
  await fake.close();
});

function publisher(extra: ConstructorParameters<typeof LinkedInPublisher>[0] = {}): LinkedInPublisher {
  return new LinkedInPublisher({
    apiOrigin: fake.origin,
    env: {},
    // The media server runs on 127.0.0.1.
    allowPrivateMediaAddresses: true,
    pollIntervalMs: 5,
    requestTimeoutMs: 2_000,
    ...extra,
  });
}

function account(overrides: Partial<PublishAccount> = {}): PublishAccount {
  return {
    id: 'acc-li',
    platform: 'linkedin',
    name: 'Ada Lovelace',
    externalId: member.member,
    tokenExpiresAt: Date.now() + 86_400_000,
    loginKind: null,
    ...overrides,
  };
}

describe('LinkedInPublisher', () => {
  it('publishes text with reserved characters intact and returns the URN from x-restli-id', async () => {
    const text = 'Launch (beta) for @team: 50% off_now [limited] <b>*bold*</b> a\\b {x|y} ~ #Launch #big_day';
    const ledger = createMemoryLedger();
    const result = await publisher().publish(member.accessToken, text, [], { account: account(), ledger });
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0].publishedText).toBe(text);
    expect(fake.posts[0].commentary).toContain('#Launch #big_day');
    expect(result).toEqual({ platformPostId: fake.posts[0].urn, url: `https://www.linkedin.com/feed/update/${fake.posts[0].urn}` });
    expect(ledger.handles.post).toBe(fake.posts[0].urn);
  });

  it('sends the version headers on every REST call', async () => {
    await publisher().publish(member.accessToken, 'Versioned', [media.add('v.png', { size: 500, contentType: 'image/png' })], { account: account() });
    const rest = fake.server.requests.filter((request) => request.path.startsWith('/rest/'));
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const request of rest) {
      expect(request.headers['linkedin-version']).toMatch(/^\d{6}$/);
      expect(request.headers['x-restli-protocol-version']).toBe('2.0.0');
    }
  });

  it('refuses permanently when LinkedIn no longer supports the API version', async () => {
    const old = await FakeLinkedIn.start({ activeVersions: ['202001'] });
    const oldMember = old.addMember();
    const error = await new LinkedInPublisher({ apiOrigin: old.origin, env: {} })
      .publish(oldMember.accessToken, 'Old version', [], { account: account({ externalId: oldMember.member }) })
      .catch((e: unknown) => e);
    await old.close();
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/Update the app/);
  });

  it('sends every request to PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN', async () => {
    await new LinkedInPublisher({ env: { PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: fake.origin } }).publish(member.accessToken, 'Via env', [], {
      account: account(),
    });
    expect(fake.posts.map((post) => post.publishedText)).toEqual(['Via env']);
  });

  it('uploads one image and attaches it', async () => {
    const url = media.add('one.jpg', { size: 300_000, contentType: 'image/jpeg' });
    const ledger = createMemoryLedger();
    await publisher().publish(member.accessToken, 'One image', [url], { account: account(), ledger });
    const content = fake.posts[0].content as { media: { id: string } };
    const asset = fake.assets.get(content.media.id);
    expect(asset?.parts.get(0)?.equals(media.bytesOf(url))).toBe(true);
    expect(ledger.handles['image.0']).toBe(content.media.id);
  });

  it('uploads several images as a multi-image post', async () => {
    const urls = [1, 2, 3].map((n) => media.add(`multi-${n}.png`, { size: 1000 * n, contentType: 'image/png' }));
    await publisher().publish(member.accessToken, 'Three images', urls, { account: account() });
    const content = fake.posts[0].content as { multiImage: { images: { id: string }[] } };
    expect(content.multiImage.images).toHaveLength(3);
    content.multiImage.images.forEach((image, index) =>
      expect(fake.assets.get(image.id)?.parts.get(0)?.equals(media.bytesOf(urls[index]))).toBe(true),
    );
  });

  it('uploads a video in the assigned parts, finalizes with the ETags and waits until AVAILABLE', async () => {
    const url = media.add('talk.mp4', { size: 9 * MB + 7, contentType: 'video/mp4' });
    const ledger = createMemoryLedger();
    await publisher().publish(member.accessToken, 'A talk', [url], { account: account(), ledger });
    const content = fake.posts[0].content as { media: { id: string } };
    const asset = fake.assets.get(content.media.id);
    expect(asset?.kind).toBe('video');
    expect(asset?.status).toBe('AVAILABLE');
    expect(asset?.parts.size).toBe(3);
    expect(Buffer.concat([0, 1, 2].map((index) => asset?.parts.get(index) as Buffer)).equals(media.bytesOf(url))).toBe(true);
    expect(fake.server.requestsTo(/^\/rest\/videos\/urn/, 'GET').length).toBe(3);
    expect(ledger.handles['video.0']).toBe(content.media.id);
  });

  it('fails permanently when LinkedIn cannot process the video', async () => {
    fake.failProcessing = true;
    const url = media.add('bad.mp4', { size: 2000, contentType: 'video/mp4' });
    const error = await publisher()
      .publish(member.accessToken, 'Bad video', [url], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('Video encoding not supported');
    expect(fake.posts).toHaveLength(0);
  });

  it('attaches a link as an article', async () => {
    await publisher().publish(member.accessToken, 'Read this', [], { account: account(), settings: { link: 'https://example.com/post' } });
    expect(fake.posts[0].content).toEqual({ article: { source: 'https://example.com/post', title: 'example.com' } });
  });

  it('refuses a post that breaks the rules before any network call', async () => {
    const mixed = [media.add('mix.jpg', { size: 10, contentType: 'image/jpeg' }), media.add('mix.mp4', { size: 10, contentType: 'video/mp4' })];
    const before = media.requests.length;
    const long = await publisher()
      .publish(member.accessToken, 'y'.repeat(3001), [], { account: account() })
      .catch((e: unknown) => e);
    const mix = await publisher()
      .publish(member.accessToken, 'Mixed', mixed, { account: account() })
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(PermanentError);
    expect((long as Error).message).toContain('3000');
    expect((mix as Error).message).toMatch(/cannot mix/);
    expect(fake.server.requests).toHaveLength(0);
    expect(media.requests.length).toBe(before);
  });

  it('returns the existing post when LinkedIn refuses a duplicate', async () => {
    const earlier = fake.seedPost(member.member, toLittleText('Same words (again)'), Date.now() - 60_000);
    const result = await publisher().publish(member.accessToken, 'Same words (again)', [], { account: account() });
    expect(result.platformPostId).toBe(earlier.urn);
    expect(fake.posts).toHaveLength(1);
  });

  it('waits when LinkedIn answers 429', async () => {
    fake.exhaustDailyLimit(member.member);
    const error = await publisher()
      .publish(member.accessToken, 'Over the limit', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(Date.now() + 60_000);
    expect(fake.posts).toHaveLength(0);
  });

  it('treats a 5xx on create as ambiguous and settles it as absent', async () => {
    const options = { account: account(), ledger: createMemoryLedger(), firstAttemptAt: Date.now() };
    fake.failNext({ type: 'status', status: 504, body: { status: 504, message: 'Gateway Timeout' } });
    await expect(publisher().publish(member.accessToken, 'Gateway trouble', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    expect(await publisher().findExisting(member.accessToken, 'Gateway trouble', [], options)).toEqual({ state: 'absent' });
    await publisher().publish(member.accessToken, 'Gateway trouble', [], options);
    expect(fake.posts).toHaveLength(1);
  });

  it('finds a post whose answer was lost by listing the author\u2019s posts', async () => {
    const options = { account: account(), ledger: createMemoryLedger(), firstAttemptAt: Date.now() };
    fake.failNext({ type: 'drop-after' });
    await expect(publisher().publish(member.accessToken, 'Lost answer #news', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    const existing = await publisher().findExisting(member.accessToken, 'Lost answer #news', [], options);
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: fake.posts[0].urn, url: `https://www.linkedin.com/feed/update/${fake.posts[0].urn}` },
    });
    expect(options.ledger.handles.post).toBe(fake.posts[0].urn);
  });

  it('settles a lost answer through the duplicate refusal when the app may not list posts', async () => {
    fake.readAccess = false;
    const options = { account: account(), ledger: createMemoryLedger(), firstAttemptAt: Date.now() };
    fake.failNext({ type: 'drop-after' });
    await expect(publisher().publish(member.accessToken, 'No read scope', [], options)).rejects.toBeInstanceOf(AmbiguousError);
    expect(await publisher().findExisting(member.accessToken, 'No read scope', [], options)).toEqual({ state: 'absent' });
    const result = await publisher().publish(member.accessToken, 'No read scope', [], options);
    expect(fake.posts).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.posts[0].urn);
  });

  it('cannot tell about a media-only post when the app may not list posts', async () => {
    fake.readAccess = false;
    const existing = await publisher().findExisting(member.accessToken, '', [media.add('only.jpg', { size: 10, contentType: 'image/jpeg' })], {
      account: account(),
    });
    expect(existing.state).toBe('unknown');
  });

  it('treats a create that never answers as ambiguous', async () => {
    fake.failNext({ type: 'hang-after' });
    const error = await publisher({ requestTimeoutMs: 300 })
      .publish(member.accessToken, 'Slow LinkedIn', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
  });

  it('is retryable when a video part upload fails with a 5xx, resuming from the saved asset', async () => {
    const url = media.add('flaky.mp4', { size: 5 * MB, contentType: 'video/mp4' });
    fake.failNext(
      { type: 'status', status: 500, body: { status: 500, message: 'Internal error' } },
      { method: 'POST', path: '/rest/videos', skip: 1 },
    );
    const ledger = createMemoryLedger();
    const error = await publisher()
      .publish(member.accessToken, 'Flaky upload', [url], { account: account(), ledger })
      .catch((e: unknown) => e);
    // The finalize call failed: nothing was posted and nothing was saved, so the retry starts over.
    expect(error).toBeInstanceOf(RetryableError);
    expect(fake.posts).toHaveLength(0);
    expect(ledger.handles['video.0']).toBeUndefined();
    await publisher().publish(member.accessToken, 'Flaky upload', [url], { account: account(), ledger });
    expect(fake.posts).toHaveLength(1);
  });

  it('reads the member from OpenID Connect userinfo, or keeps the organization the user named', async () => {
    const id = member.member.slice('urn:li:person:'.length);
    expect(await publisher().readProfile(member.accessToken, { externalId: null, loginKind: null })).toEqual({
      externalId: member.member,
      name: `Member ${id}`,
      avatarUrl: expect.stringContaining(id),
    });
    const organization = await publisher().readProfile(member.accessToken, { externalId: 'urn:li:organization:2414183', loginKind: null });
    expect(organization.externalId).toBe('urn:li:organization:2414183');
  });

  it('publishes with the token the engine renews after a 401', async () => {
    fake.expireToken(member.accessToken);
    const tokens: TokenSource = { fresh: async (current) => current, renew: async () => fake.grantAccessToken(member.member, 86_400_000) };
    await publisher().publish(member.accessToken, 'After 401', [], { account: account(), tokens });
    expect(fake.posts).toHaveLength(1);
  });

  it('asks to reconnect when the token is refused and nothing can renew it', async () => {
    fake.expireToken(member.accessToken);
    const revoked = await publisher()
      .publish(member.accessToken, 'Revoked', [], { account: account() })
      .catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(PermanentError);
    expect((revoked as PermanentError).authFailure).toBe(true);
    expect((revoked as Error).message).toMatch(/Reconnect/);
    expect(fake.posts).toHaveLength(0);
  });

  it('asks for the member or organization id of an account without one, not for a reconnect', async () => {
    const error = await publisher()
      .publish(member.accessToken, 'Who am I', [], { account: account({ externalId: null }) })
      .catch((e: unknown) => e);
    expect((error as PermanentError).authFailure).toBe(false);
    expect((error as PermanentError).platformCode).toBe(MISSING_ACCOUNT_ID);
    expect((error as Error).message).toMatch(/LinkedIn member or organization URN .* Fill it in under Accounts/);
  });

  it('is retryable when LinkedIn cannot be reached', async () => {
    const closed = await FakeLinkedIn.start();
    const origin = closed.origin;
    await closed.close();
    const error = await new LinkedInPublisher({ apiOrigin: origin, env: {} })
      .publish('t', 'Nobody home', [], { account: account() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
  });
});
