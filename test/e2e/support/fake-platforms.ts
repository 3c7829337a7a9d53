// The fake X and LinkedIn servers the web-hosted engine publishes to, X's fake authorization server people sign in
// at, and the environment that points the engine there. LinkedIn has no developer app set up, as for a new user.
import { PLATFORMS } from '../../../shared/domain';
import { FakeLinkedIn } from '../../fakes/linkedin/fake-linkedin';
import type { AuthorizationServer } from '../../fakes/oauth/authorization-server';
import { startXAuthorization, X_CLIENT_ID } from '../../fakes/oauth/x-authorization';
import { FakeTwitter } from '../../fakes/twitter/fake-twitter';
import { freePort } from '../../helpers/free-port';

export interface FakePlatforms {
  twitter: FakeTwitter;
  /** X's sign-in: set `signedInAs` before a test connects through the browser. */
  twitterAuth: AuthorizationServer;
  linkedin: FakeLinkedIn;
  /** PATH and HOME only (no REDIS_HOST from the developer's shell), every platform API on 127.0.0.1. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startFakePlatforms(): Promise<FakePlatforms> {
  const [twitter, linkedin, closed, ...ports] = await Promise.all([FakeTwitter.start(), FakeLinkedIn.start(), freePort(), freePort(), freePort()]);
  const twitterAuth = await startXAuthorization(twitter, { redirectUris: ports.map((port) => `http://127.0.0.1:${port}/callback`) });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The OS keychain is not the test's to fill.
    PUBLISHING_ENGINE_CREDENTIAL_STORE: 'key-file',
    PUBLISHING_ENGINE_OAUTH_PORTS: ports.join(','),
  };
  // Platforms without a fake get a closed port: nothing a test does may leave this machine.
  for (const platform of PLATFORMS) {
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = `http://127.0.0.1:${closed}`;
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_AUTH_ORIGIN`] = `http://127.0.0.1:${closed}`;
  }
  env.PUBLISHING_ENGINE_TWITTER_API_ORIGIN = twitter.origin;
  env.PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN = twitterAuth.origin;
  env.PUBLISHING_ENGINE_TWITTER_CLIENT_ID = X_CLIENT_ID;
  env.PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN = linkedin.origin;
  return {
    twitter,
    twitterAuth,
    linkedin,
    env,
    close: async () => {
      await Promise.all([twitterAuth.close(), twitter.close(), linkedin.close()]);
    },
  };
}
