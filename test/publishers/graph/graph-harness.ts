// What the Facebook and Instagram harnesses share around a started Graph fake: a media host, the account, a ledger
// that notes when each handle was saved, and publisher settings that aim at the fake.
import type { PublisherConfig } from '../../../electron/engine/publishers/base/publisher-config';
import type { AttemptLedger, PublishAccount, PublishOptions } from '../../../electron/engine/publishers/publisher';
import type { RecordedRequest } from '../../fakes/shared/fake-server';
import { MediaServer } from '../../fakes/shared/media-server';

export interface RecordingLedger extends AttemptLedger {
  /** For each saved handle, how many requests the fake had received when it was last saved. */
  readonly savedAfterRequests: Record<string, number>;
}

export interface GraphHarness<Fake> {
  fake: Fake;
  media: MediaServer;
  account: PublishAccount;
  ledger: RecordingLedger;
  firstAttemptAt: number;
  /** Options for publish/findExisting with this harness's account and ledger. */
  options(extra?: PublishOptions): PublishOptions;
  close(): Promise<void>;
}

export interface PublisherTimings {
  requestTimeoutMs?: number;
  pollTimeoutMs?: number;
}

/**
 * Starts a media host next to `fake` and gathers what each test of the account needs; closing closes both. Graph
 * tokens are long-lived, so the account has no refresh token and no known expiry.
 */
export async function startGraphHarness<Fake extends { readonly requests: RecordedRequest[]; close(): Promise<void> }>(
  fake: Fake,
  connected: Pick<PublishAccount, 'id' | 'platform' | 'name' | 'externalId'>,
): Promise<GraphHarness<Fake>> {
  const media = await MediaServer.start();
  const account: PublishAccount = { ...connected, tokenExpiresAt: null, loginKind: null };
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
    account,
    ledger,
    firstAttemptAt,
    options: (extra = {}) => ({ account, ledger, firstAttemptAt, ...extra }),
    close: async () => {
      await fake.close();
      await media.close();
    },
  };
}

/** Settings for a publisher aimed at a fake: no credentials from the environment, quick polls, no local posting limit. */
export function fakePublisherConfig(origin: string, timings: PublisherTimings): PublisherConfig {
  return {
    apiOrigin: origin,
    env: {},
    requestTimeoutMs: timings.requestTimeoutMs ?? 10_000,
    pollIntervalMs: 5,
    pollTimeoutMs: timings.pollTimeoutMs ?? 10_000,
    postingLimit: { capacity: 1_000, refillEveryMs: 1 },
  };
}
