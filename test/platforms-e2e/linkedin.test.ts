// LinkedIn end to end: connect by signing in at LinkedIn's fake authorization server (the member URN comes from
// userinfo), then posts:create → publish-posts queue → the registry's LinkedInPublisher → the fake LinkedIn REST API,
// which renders the commentary in little text format the way LinkedIn does.
import { afterEach, describe, expect, it } from 'vitest';
import { toLittleText } from '../../electron/engine/publishers/linkedin/linkedin-text';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET, startLinkedInAuthorization } from '../fakes/oauth/linkedin-authorization';
import {
  callbackUris,
  Cleanup,
  connectedAccount,
  connectInBrowser,
  loopbackPorts,
  onlyTarget,
  startPlatformEngine,
  waitForSettledPost,
} from './platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp() {
  const fake = await FakeLinkedIn.start();
  cleanup.add(() => fake.close());
  const ports = await loopbackPorts();
  const auth = await startLinkedInAuthorization(fake, { redirectUris: callbackUris(ports) });
  cleanup.add(() => auth.close());
  const member = fake.addMember();
  auth.signedInAs = member.member;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: fake.origin,
      PUBLISHING_ENGINE_LINKEDIN_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT_ID,
      PUBLISHING_ENGINE_LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT_SECRET,
    },
    { loopbackPorts: ports },
  );
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'linkedin' }));
  // LinkedIn gives no refresh token to most apps: the sign-in lasts its 60 days.
  expect(account).toMatchObject({ externalId: member.member, connection: 'oauth', problem: null });
  expect(Date.parse(account.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 59 * 24 * 60 * 60_000);
  return { fake, member, engine, account };
}

describe('LinkedIn through the engine queue', () => {
  it('publishes text with reserved characters escaped, so readers see all of it', async () => {
    const { fake, engine, account } = await setUp();
    const text = 'Launch (beta) for @team: 50% off_now [limited] <b>*bold*</b> a\\b {x|y} ~ #Launch';

    const created = await engine.api.invoke('posts:create', { text, targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toHaveLength(1);
    const [post] = fake.posts;
    // Unescaped, LinkedIn would have cut the text at the first "(" while still answering 201.
    expect(post.commentary).not.toBe(text);
    expect(post.publishedText).toBe(text);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: post.urn,
      platformPostUrl: `https://www.linkedin.com/feed/update/${post.urn}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('settles a 5xx on create through the 422 DUPLICATE_POST of the retry: published once, with the existing URN', async () => {
    const { fake, member, engine, account } = await setUp();
    const text = 'Hiring: a baker (nights) for our new shop';
    // Members without the restricted read scope: the engine cannot list posts, so only the duplicate refusal can tell.
    fake.readAccess = false;
    // LinkedIn made the post but its gateway answered 504. The fault answers without running the route, so the post
    // LinkedIn made is put in place directly.
    fake.failNext({ type: 'status', status: 504, body: { status: 504, message: 'Gateway Timeout' } });
    const madeByLinkedIn = fake.seedPost(member.member, toLittleText(text), Date.now());

    const created = await engine.api.invoke('posts:create', { text, targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toEqual([madeByLinkedIn]);
    expect(fake.server.requestsTo('/rest/posts', 'POST')).toHaveLength(2);
    expect(fake.server.requestsTo('/rest/posts', 'GET').length).toBeGreaterThanOrEqual(1);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: madeByLinkedIn.urn,
      platformPostUrl: `https://www.linkedin.com/feed/update/${madeByLinkedIn.urn}`,
      errorMessage: null,
      attemptCount: 2,
    });
  });
});
