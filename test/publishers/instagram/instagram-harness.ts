// One Instagram fake, one media host and a publisher pointed at the fake, as each Instagram test needs them.
import { InstagramPublisher } from '../../../electron/engine/publishers/instagram/instagram-publisher';
import { InstagramFake, type InstagramFakeOptions } from '../../fakes/instagram/instagram-fake';
import { fakePublisherConfig, startGraphHarness, type GraphHarness, type PublisherTimings } from '../graph/graph-harness';

export const IG_USER_ID = '17841400000000001';
export const IG_TOKEN = 'EAAG-instagram-token';

export interface InstagramHarness extends GraphHarness<InstagramFake> {
  publisher: InstagramPublisher;
  /** A publisher on the same fake with other timings. */
  publisherWith(timings: PublisherTimings): InstagramPublisher;
  jpeg(name: string): string;
  mp4(name: string): string;
}

export async function startInstagramHarness(config: { fake?: InstagramFakeOptions } & PublisherTimings = {}): Promise<InstagramHarness> {
  const fake = await InstagramFake.start(config.fake);
  fake.addAccount(IG_USER_ID, IG_TOKEN, 'corner.bakery');
  const harness = await startGraphHarness(fake, { id: 'account-ig', platform: 'instagram', name: 'corner.bakery', externalId: IG_USER_ID });
  const publisherWith = (timings: PublisherTimings): InstagramPublisher => new InstagramPublisher(fakePublisherConfig(fake.origin, timings));
  return {
    ...harness,
    publisher: publisherWith(config),
    publisherWith,
    jpeg: (name) => harness.media.add(name, { size: 4096, contentType: 'image/jpeg' }),
    mp4: (name) => harness.media.add(name, { size: 16_384, contentType: 'video/mp4' }),
  };
}
