import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../../shared/domain';
import { createPublisherRegistry } from '../../../electron/engine/publishers/registry';
import { FakeTwitter } from '../../fakes/twitter/fake-twitter';

let fake: FakeTwitter;
beforeEach(async () => {
  fake = await FakeTwitter.start();
});
afterEach(async () => {
  await fake.close();
});

describe('createPublisherRegistry', () => {
  it('holds one publisher per platform', () => {
    const registry = createPublisherRegistry({ env: {} });
    expect([...registry.keys()].sort()).toEqual([...PLATFORMS].sort());
    for (const [platform, publisher] of registry) expect(publisher.platform).toBe(platform);
  });

  it('configures every publisher from the environment', async () => {
    const user = fake.addUser('registry');
    const registry = createPublisherRegistry({ env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: fake.origin } });
    await registry.get('twitter')?.publish(user.accessToken, 'From the registry', [], {});
    expect(fake.tweets.map((tweet) => tweet.sentText)).toEqual(['From the registry']);
  });
});
