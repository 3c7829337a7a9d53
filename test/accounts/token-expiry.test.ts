// A sign-in that cannot be renewed (LinkedIn gives most apps no refresh token: 60 days, then sign in again) is used
// to its last minute and never renewed: a post due minutes before it ends goes out with it. Once it has ended, a
// post fails at once asking to reconnect, and nothing is sent. The engine's and LinkedIn's clocks move together.
import { afterEach, expect, it } from 'vitest';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { Cleanup } from '../helpers/cleanup';
import { onlyTarget, startPlatformEngine, waitForSettledPost } from '../platforms-e2e/platform-engine';

const MINUTE = 60_000;
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp(tokenLifeMs: number) {
  let offset = 0;
  const time = { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
  const fake = await FakeLinkedIn.start({ now: time.now });
  cleanup.add(() => fake.close());
  const engine = await startPlatformEngine(cleanup, { PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: fake.origin }, {}, time.now);
  const member = fake.addMember(tokenLifeMs);
  const account = await engine.api.invoke('accounts:add', {
    platform: 'linkedin',
    name: 'Ada Lovelace',
    accessToken: member.accessToken,
    externalId: member.member,
    expiresAt: new Date(time.now() + tokenLifeMs).toISOString(),
  });
  expect(account).toMatchObject({ status: 'connected', autoRenews: false, problem: null });
  const publishNow = async (text: string) => {
    const post = await engine.api.invoke('posts:create', { text, targets: [{ accountId: account.id }], mode: 'now' });
    return waitForSettledPost(engine, post.id);
  };
  return { fake, engine, account, time, publishNow };
}

it('uses a sign-in that cannot be renewed to its last minutes: the post goes out with it', async () => {
  const { fake, engine, time, publishNow } = await setUp(10 * MINUTE);
  // Three minutes left: inside the margin where a renewable token would be renewed first.
  time.advance(7 * MINUTE);
  const done = await publishNow('Before the sign-in ends');

  expect(done.status).toBe('published');
  expect(fake.posts.map((post) => post.commentary)).toEqual(['Before the sign-in ends']);
  const [stored] = await engine.api.invoke('accounts:list', {});
  expect(stored).toMatchObject({ status: 'connected', problem: null });
});

it('fails a post at once once the sign-in has ended, asking to reconnect, and sends nothing', async () => {
  const { fake, engine, time, publishNow } = await setUp(10 * MINUTE);
  time.advance(11 * MINUTE);
  const done = await publishNow('After the sign-in ended');

  expect(done.status).toBe('failed');
  expect(onlyTarget(done)).toMatchObject({ attemptCount: 1, errorMessage: expect.stringMatching(/sign-in expired/) });
  expect(fake.server.requestsTo('/rest/posts')).toHaveLength(0);
  expect(fake.posts).toHaveLength(0);
  const [stored] = await engine.api.invoke('accounts:list', {});
  expect(stored).toMatchObject({ status: 'needs_reconnect', problem: { kind: 'needs_reconnect' } });
});
