// The fake X and LinkedIn servers the web-hosted engine publishes to, and the environment that points it there.
import { PLATFORMS } from '../../../shared/domain';
import { FakeLinkedIn } from '../../fakes/linkedin/fake-linkedin';
import { FakeTwitter } from '../../fakes/twitter/fake-twitter';
import { freePort } from '../../helpers/free-port';

export interface FakePlatforms {
  twitter: FakeTwitter;
  linkedin: FakeLinkedIn;
  /** PATH and HOME only (no REDIS_HOST from the developer's shell), every platform API on 127.0.0.1. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startFakePlatforms(): Promise<FakePlatforms> {
  const [twitter, linkedin, closed] = await Promise.all([FakeTwitter.start(), FakeLinkedIn.start(), freePort()]);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  // Platforms without a fake get a closed port: nothing a test does may leave this machine.
  for (const platform of PLATFORMS) env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = `http://127.0.0.1:${closed}`;
  env.PUBLISHING_ENGINE_TWITTER_API_ORIGIN = twitter.origin;
  env.PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN = linkedin.origin;
  return {
    twitter,
    linkedin,
    env,
    close: async () => {
      await Promise.all([twitter.close(), linkedin.close()]);
    },
  };
}
