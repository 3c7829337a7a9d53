// The fake X, LinkedIn and Facebook servers the web-hosted engine publishes to, X's and Facebook's fake authorization
// servers people sign in at (Facebook's when a file asks for it), and the environment that points the engine there.
// LinkedIn has no developer app set up, as for a new user.
import { PLATFORMS } from '../../../shared/domain';
import { FacebookFake } from '../../fakes/facebook/facebook-fake';
import { FakeLinkedIn } from '../../fakes/linkedin/fake-linkedin';
import type { AuthorizationServer } from '../../fakes/oauth/authorization-server';
import { FACEBOOK_APP_ID, FACEBOOK_APP_SECRET, startFacebookAuthorization } from '../../fakes/oauth/facebook-authorization';
import { FacebookLogin } from '../../fakes/oauth/facebook-login';
import { startXAuthorization, X_CLIENT_ID } from '../../fakes/oauth/x-authorization';
import { FakeTwitter } from '../../fakes/twitter/fake-twitter';
import { freePort } from '../../helpers/free-port';

export interface FakePlatforms {
  twitter: FakeTwitter;
  /** X's sign-in: set `signedInAs` before a test connects through the browser. */
  twitterAuth: AuthorizationServer;
  linkedin: FakeLinkedIn;
  facebook: FacebookFake;
  /** Facebook Login's users and their Pages: add one and set `facebookAuth.signedInAs` before connecting. */
  facebookLogin: FacebookLogin;
  facebookAuth: AuthorizationServer;
  /** PATH and HOME only (no REDIS_HOST from the developer's shell), every platform API on 127.0.0.1. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export interface FakePlatformOptions {
  /** Facebook signs in and publishes at its fakes, with a developer app set up; otherwise it is closed like the rest. */
  facebook?: boolean;
}

export async function startFakePlatforms(options: FakePlatformOptions = {}): Promise<FakePlatforms> {
  const [twitter, linkedin, facebook, closed, ...ports] = await Promise.all([
    FakeTwitter.start(),
    FakeLinkedIn.start(),
    FacebookFake.start(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const redirectUris = ports.map((port) => `http://127.0.0.1:${port}/callback`);
  const twitterAuth = await startXAuthorization(twitter, { redirectUris });
  const facebookLogin = new FacebookLogin(facebook, { pageTokensActFor: 'page' });
  const facebookAuth = await startFacebookAuthorization(facebookLogin, { redirectUris });
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
  if (options.facebook) {
    env.PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN = facebook.origin;
    env.PUBLISHING_ENGINE_FACEBOOK_AUTH_ORIGIN = facebookAuth.origin;
    env.PUBLISHING_ENGINE_FACEBOOK_CLIENT_ID = FACEBOOK_APP_ID;
    env.PUBLISHING_ENGINE_FACEBOOK_CLIENT_SECRET = FACEBOOK_APP_SECRET;
  }
  return {
    twitter,
    twitterAuth,
    linkedin,
    facebook,
    facebookLogin,
    facebookAuth,
    env,
    close: async () => {
      await Promise.all([twitterAuth.close(), twitter.close(), linkedin.close(), facebookAuth.close(), facebook.close()]);
    },
  };
}
