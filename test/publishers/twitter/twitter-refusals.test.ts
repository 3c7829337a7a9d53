// What X refuses and what the user is told, through real HTTP to the fake X: a video too long for the app's uploads
// or for the account, the app's posts for the day used up, the monthly usage cap, and a sign-in without a permission
// the call needs. Each refusal says what to do, and only the missing permission asks to reconnect.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError } from '../../../electron/engine/publishers/errors';
import type { PublishAccount, TokenSource } from '../../../electron/engine/publishers/publisher';
import { TwitterPublisher } from '../../../electron/engine/publishers/twitter/twitter-publisher';
import { MediaServer } from '../../fakes/shared/media-server';
import { mp4File } from '../../fakes/shared/real-media';
import { FakeTwitter, X_APP_SCOPES, type FakeTwitterOptions } from '../../fakes/twitter/fake-twitter';

let fake: FakeTwitter | undefined;
let media: MediaServer;

beforeAll(async () => {
  media = await MediaServer.start();
});
afterAll(async () => {
  await media.close();
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startFake(options: FakeTwitterOptions = {}): Promise<FakeTwitter> {
  fake = await FakeTwitter.start({ processingChecks: 1, ...options });
  return fake;
}

function publisher(x: FakeTwitter): TwitterPublisher {
  return new TwitterPublisher({ apiOrigin: x.origin, env: {}, allowPrivateMediaAddresses: true, pollIntervalMs: 5, requestTimeoutMs: 5_000 });
}

function account(userId: string, name = '@brand'): PublishAccount {
  return { id: `acc-${userId}`, platform: 'twitter', name, externalId: userId, tokenExpiresAt: Date.now() + 3_600_000, loginKind: null };
}

/** A token source that must not be asked to renew: a refusal that is no expired token needs no new token. */
function noRenewal(renewals: string[]): TokenSource {
  return {
    fresh: async (current) => current,
    renew: async (rejected) => {
      renewals.push(rejected);
      throw new Error('no renewal expected');
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the publish to be refused');
  return outcome;
}

describe('X refuses a video by its length', () => {
  it('processing refuses a video longer than the app may upload (140 s), and nothing is posted', async () => {
    const x = await startFake();
    const user = x.addUser('brand');
    const long = media.addFile('long.mp4', mp4File({ durationSec: 150 }), 'video/mp4');
    const error = await refusal(publisher(x).publish(user.accessToken, 'Long video', [long], { account: account(user.userId) }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).platformCode).toBe('video-length');
    expect((error as PermanentError).authFailure).toBe(false);
    expect(error.message).toContain('long.mp4');
    expect(error.message).toContain('exceeds max duration of 2.minutes+20.seconds');
    expect(error.message).toMatch(/Trim the video/);
    expect(error.message).not.toMatch(/Reconnect/);
    expect(x.tweets).toHaveLength(0);

    // The same file at 2 min 10 s goes out: the fake judges the length, not the file.
    const fits = media.addFile('fits.mp4', mp4File({ durationSec: 130 }), 'video/mp4');
    await publisher(x).publish(user.accessToken, 'Video that fits', [fits], { account: account(user.userId) });
    expect(x.tweets.map((tweet) => tweet.sentText)).toEqual(['Video that fits']);
  });

  it('the post refuses a processed video longer than the account may post (403), with advice to shorten it', async () => {
    // The app's uploads take 10 minutes; a standard account posts 2 min 20 s, a subscriber 10 minutes.
    const x = await startFake({ uploadMaxVideoSec: 600 });
    const standard = x.addUser('standard');
    const subscriber = x.addUser('subscriber', 7_200_000, { videoMaxSec: 600 });
    const video = media.addFile('five-minutes.mp4', mp4File({ durationSec: 300 }), 'video/mp4');
    const renewals: string[] = [];

    const error = await refusal(
      publisher(x).publish(standard.accessToken, 'Five minutes', [video], { account: account(standard.userId), tokens: noRenewal(renewals) }),
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).httpStatus).toBe(403);
    expect((error as PermanentError).platformCode).toBe('video-length');
    expect((error as PermanentError).authFailure).toBe(false);
    expect(error.message).toMatch(/video longer than 2 minutes 20 seconds/);
    expect(error.message).toMatch(/Shorten the video/);
    expect(error.message).not.toMatch(/Reconnect/);
    expect(x.server.requestsTo('/2/tweets')).toHaveLength(1);
    expect(renewals).toEqual([]);

    await publisher(x).publish(subscriber.accessToken, 'Five minutes', [video], { account: account(subscriber.userId) });
    expect(x.tweets.map((tweet) => tweet.authorId)).toEqual([subscriber.userId]);
  });
});

describe("X's limits on posting", () => {
  it("waits for the app's day to reset when all its users together used the day's posts, not for the 15-minute window", async () => {
    const x = await startFake({ appDailyPostLimit: 2 });
    const first = x.addUser('first');
    const second = x.addUser('second');
    await publisher(x).publish(first.accessToken, 'One', [], { account: account(first.userId) });
    await publisher(x).publish(second.accessToken, 'Two', [], { account: account(second.userId) });
    const answered = x.server.requestsTo('/2/tweets').length;

    const before = Date.now();
    const error = await refusal(publisher(x).publish(first.accessToken, 'Three', [], { account: account(first.userId) }));
    expect(error).toBeInstanceOf(RateLimitedError);
    // The refusal's own 15-minute window still has 98 posts left; only the app's day is used up, for a day.
    const retryAt = (error as RateLimitedError).retryAt;
    expect(retryAt).toBeGreaterThan(before + 23 * 3_600_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 1000);
    expect(retryAt % 1000).toBe(0);
    expect(error.message).toMatch(/for all its users together/);
    expect(error.message).not.toMatch(/Reconnect/);
    expect(x.server.requestsTo('/2/tweets')).toHaveLength(answered + 1);
    expect(x.tweets.map((tweet) => tweet.sentText)).toEqual(['One', 'Two']);
  });

  it('waits for the reset the used-up window names when the app day is exhausted ahead of time', async () => {
    const x = await startFake();
    const user = x.addUser('brand');
    const resetAt = Date.now() + 5 * 3_600_000;
    x.exhaustAppDailyLimit(resetAt);
    const error = await refusal(publisher(x).publish(user.accessToken, 'Later', [], { account: account(user.userId) }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(Math.ceil(resetAt / 1000) * 1000);
    expect(x.tweets).toHaveLength(0);
  });

  it('fails with the usage cap named and when to retry, without asking to reconnect', async () => {
    const x = await startFake();
    const user = x.addUser('brand');
    x.usageCapped = true;
    const renewals: string[] = [];
    const error = await refusal(publisher(x).publish(user.accessToken, 'Capped', [], { account: account(user.userId), tokens: noRenewal(renewals) }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).platformCode).toBe('usage-capped');
    expect((error as PermanentError).httpStatus).toBe(429);
    expect((error as PermanentError).authFailure).toBe(false);
    expect(error.message).toContain('Usage cap exceeded: Monthly product cap');
    expect(error.message).toMatch(/until its usage period renews; retry the post then/);
    expect(error.message).not.toMatch(/Reconnect/);
    expect(renewals).toEqual([]);
    expect(x.tweets).toHaveLength(0);
  });
});

describe('a sign-in without a permission the call needs', () => {
  it('asks to reconnect when the token may not post (no tweet.write), and posts nothing', async () => {
    const x = await startFake();
    const user = x.addUser('brand', 7_200_000, { scopes: X_APP_SCOPES.filter((scope) => scope !== 'tweet.write') });
    const renewals: string[] = [];
    const error = await refusal(publisher(x).publish(user.accessToken, 'Hello', [], { account: account(user.userId), tokens: noRenewal(renewals) }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).httpStatus).toBe(403);
    expect((error as PermanentError).platformCode).toBe('missing-scope');
    // authFailure marks the account to reconnect; a renewal keeps the same permissions, so none is asked for.
    expect((error as PermanentError).authFailure).toBe(true);
    expect(error.message).toMatch(/Reconnect the account under Accounts, allow every permission/);
    expect(renewals).toEqual([]);
    expect(x.tweets).toHaveLength(0);
  });

  it('asks to reconnect when the token may not upload media (connected before media.write), before any post', async () => {
    const x = await startFake();
    const user = x.addUser('brand', 7_200_000, { scopes: X_APP_SCOPES.filter((scope) => scope !== 'media.write') });
    const photo = media.add('photo.jpg', { size: 2_000, contentType: 'image/jpeg' });
    const error = await refusal(publisher(x).publish(user.accessToken, 'With a photo', [photo], { account: account(user.userId) }));
    expect((error as PermanentError).authFailure).toBe(true);
    expect(error.message).toMatch(/start uploading .*photo\.jpg.*Reconnect/);
    expect(x.server.requestsTo('/2/tweets')).toHaveLength(0);

    // The same account with every permission posts the photo.
    const again = x.grantAccessToken(user.userId, 7_200_000);
    await publisher(x).publish(again, 'With a photo', [photo], { account: account(user.userId) });
    expect(x.tweets).toHaveLength(1);
  });

  it('a refused duplicate (a 403 too) is no missing permission', async () => {
    const x = await startFake();
    const user = x.addUser('brand');
    x.seedTweet(user.userId, 'Said before', Date.now() - 86_400_000);
    const duplicate = await refusal(publisher(x).publish(user.accessToken, 'Said before', [], { account: account(user.userId) }));
    expect((duplicate as PermanentError).authFailure).toBe(false);
    expect((duplicate as PermanentError).platformCode).toBe('duplicate-content');
  });
});
