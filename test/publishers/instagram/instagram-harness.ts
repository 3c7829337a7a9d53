// One Instagram fake, one media host and a publisher pointed at the fake, as each Instagram test needs them.
import { InstagramPublisher } from '../../../electron/engine/publishers/instagram/instagram-publisher';
import type { AttemptLedger, PublishAccount, PublishOptions } from '../../../electron/engine/publishers/publisher';
import { InstagramFake, type InstagramFakeOptions } from '../../fakes/instagram/instagram-fake';
import { MediaServer } from '../../fakes/shared/media-server';

export const IG_USER_ID = '17841400000000001';
export const IG_TOKEN = 'EAAG-instagram-token';

export interface RecordingLedger extends AttemptLedger {
  /** For each saved handle, how many requests the fake had received when it was last saved. */
  readonly savedAfterRequests: Record<string, number>;
}

export interface InstagramHarness {
  fake: InstagramFake;
  media: MediaServer;
  publisher: InstagramPublisher;
  account: PublishAccount;
  ledger: RecordingLedger;
  firstAttemptAt: number;
  /** A publisher on the same fake with other timings. */
  publisherWith(config: { pollTimeoutMs?: number; requestTimeoutMs?: number }): InstagramPublisher;
  options(extra?: PublishOptions): PublishOptions;
  jpeg(name: string): string;
  mp4(name: string): string;
  close(): Promise<void>;
}

export async function startInstagramHarness(
  config: { fake?: InstagramFakeOptions; pollTimeoutMs?: number; requestTimeoutMs?: number } = {},
): Promise<InstagramHarness> {
  const fake = await InstagramFake.start(config.fake);
  const media = await MediaServer.start();
  fake.addAccount(IG_USER_ID, IG_TOKEN, 'corner.bakery');
  const publisherWith = (timings: { pollTimeoutMs?: number; requestTimeoutMs?: number }): InstagramPublisher =>
    new InstagramPublisher({
      apiOrigin: fake.origin,
      env: {},
      requestTimeoutMs: timings.requestTimeoutMs ?? 10_000,
      pollIntervalMs: 5,
      pollTimeoutMs: timings.pollTimeoutMs ?? 10_000,
      postingLimit: { capacity: 1_000, refillEveryMs: 1 },
    });
  const account: PublishAccount = {
    id: 'account-ig',
    platform: 'instagram',
    name: 'corner.bakery',
    externalId: IG_USER_ID,
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
    publisher: publisherWith(config),
    account,
    ledger,
    firstAttemptAt,
    publisherWith,
    options: (extra = {}) => ({ account, ledger, firstAttemptAt, ...extra }),
    jpeg: (name) => media.add(name, { size: 4096, contentType: 'image/jpeg' }),
    mp4: (name) => media.add(name, { size: 16_384, contentType: 'video/mp4' }),
    close: async () => {
      await fake.close();
      await media.close();
    },
  };
}
