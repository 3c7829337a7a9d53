// One Facebook fake, one media host and a publisher pointed at the fake, as each Facebook test needs them.
import { FacebookPublisher } from '../../../electron/engine/publishers/facebook/facebook-publisher';
import type { AttemptLedger, PublishAccount, PublishOptions } from '../../../electron/engine/publishers/publisher';
import { FacebookFake } from '../../fakes/facebook/facebook-fake';
import { MediaServer } from '../../fakes/shared/media-server';

export const PAGE_ID = '104000000000001';
export const PAGE_TOKEN = 'EAAG-page-token';

export interface RecordingLedger extends AttemptLedger {
  /** For each saved handle, how many requests the fake had received when it was saved. */
  readonly savedAfterRequests: Record<string, number>;
}

export interface FacebookHarness {
  fake: FacebookFake;
  media: MediaServer;
  publisher: FacebookPublisher;
  /** A publisher on the same fake with another request timeout. */
  publisherWith(config: { requestTimeoutMs: number }): FacebookPublisher;
  account: PublishAccount;
  ledger: RecordingLedger;
  /** Options for publish/findExisting with this harness's account and ledger. */
  options(extra?: PublishOptions): PublishOptions;
  close(): Promise<void>;
}

export async function startFacebookHarness(): Promise<FacebookHarness> {
  const fake = await FacebookFake.start();
  const media = await MediaServer.start();
  fake.addPage(PAGE_ID, PAGE_TOKEN, 'Corner Bakery');
  const publisherWith = (config: { requestTimeoutMs: number }): FacebookPublisher =>
    new FacebookPublisher({
      apiOrigin: fake.origin,
      env: {},
      requestTimeoutMs: config.requestTimeoutMs,
      pollIntervalMs: 5,
      pollTimeoutMs: 10_000,
      postingLimit: { capacity: 1_000, refillEveryMs: 1 },
    });
  const account: PublishAccount = {
    id: 'account-fb',
    platform: 'facebook',
    name: 'Corner Bakery',
    externalId: PAGE_ID,
    refreshToken: null,
    tokenExpiresAt: null,
  };
  const handles: Record<string, string> = {};
  const savedAfterRequests: Record<string, number> = {};
  const ledger: RecordingLedger = {
    handles,
    savedAfterRequests,
    saveHandle(name, value) {
      handles[name] = value;
      savedAfterRequests[name] = fake.requests.length;
    },
  };
  const firstAttemptAt = Date.now();
  return {
    fake,
    media,
    publisher: publisherWith({ requestTimeoutMs: 10_000 }),
    publisherWith,
    account,
    ledger,
    options: (extra = {}) => ({ account, ledger, firstAttemptAt, ...extra }),
    close: async () => {
      await fake.close();
      await media.close();
    },
  };
}
