// One Facebook fake, one media host and a publisher pointed at the fake, as each Facebook test needs them.
import { FacebookPublisher } from '../../../electron/engine/publishers/facebook/facebook-publisher';
import { FacebookFake } from '../../fakes/facebook/facebook-fake';
import { fakePublisherConfig, startGraphHarness, type GraphHarness } from '../graph/graph-harness';

export const PAGE_ID = '104000000000001';
export const PAGE_TOKEN = 'EAAG-page-token';

export interface FacebookHarness extends GraphHarness<FacebookFake> {
  publisher: FacebookPublisher;
  /** A publisher on the same fake with another request timeout. */
  publisherWith(config: { requestTimeoutMs: number }): FacebookPublisher;
}

export async function startFacebookHarness(): Promise<FacebookHarness> {
  const fake = await FacebookFake.start();
  fake.addPage(PAGE_ID, PAGE_TOKEN, 'Corner Bakery');
  const harness = await startGraphHarness(fake, { id: 'account-fb', platform: 'facebook', name: 'Corner Bakery', externalId: PAGE_ID });
  const publisherWith = (config: { requestTimeoutMs: number }): FacebookPublisher => new FacebookPublisher(fakePublisherConfig(fake.origin, config));
  return { ...harness, publisher: publisherWith({ requestTimeoutMs: 10_000 }), publisherWith };
}
