// A real engine for tests: its own temp data directory (SQLite file + bundled redis-server), short queue timings,
// and publishers that talk HTTP to fake platforms on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORMS, type Platform } from '../../shared/domain';
import { createEngine, type Engine } from '../../electron/engine/engine';
import type { OAuthSettings } from '../../electron/engine/accounts/accounts-module';
import type { PublisherConfig } from '../../electron/engine/publishers/base/publisher-config';
import type { Publisher } from '../../electron/engine/publishers/publisher';
import type { Keychain } from '../../electron/engine/secrets/keychain';
import type { QueueSettings } from '../../electron/engine/publishing/queue-settings';

export const FAST_QUEUE: Partial<QueueSettings> = {
  backoffMs: 200,
  lockDurationMs: 5_000,
  stalledIntervalMs: 2_000,
};

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'pe-test-'));
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Nothing listens on the discard port: a platform a test did not point at a fake refuses the connection at once. */
export const CLOSED_ORIGIN = 'http://127.0.0.1:9';

/**
 * The environment a test engine sees: no REDIS_HOST from the developer's shell unless a test sets one, and every
 * platform's API and sign-in endpoints on a closed port unless a test points them at a fake, so nothing a test does
 * leaves the machine.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const platform of PLATFORMS) {
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = CLOSED_ORIGIN;
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_AUTH_ORIGIN`] = CLOSED_ORIGIN;
  }
  return { ...env, ...extra };
}

export interface TestEngineOptions {
  dataDir: string;
  publishers?: Partial<Record<Platform, Publisher>>;
  queue?: Partial<QueueSettings>;
  env?: NodeJS.ProcessEnv;
  publisherConfig?: PublisherConfig;
  keychain?: Keychain | null;
  oauth?: OAuthSettings;
  /** The engine's clock; a test moves it to act out a sleep. */
  now?: () => number;
}

export async function startTestEngine(options: TestEngineOptions): Promise<Engine> {
  const engine = createEngine({
    dataDir: options.dataDir,
    env: options.env ?? testEnv(),
    appRoot: process.cwd(),
    queue: { ...FAST_QUEUE, ...options.queue },
    // The OS keychain is not the test's to fill: the key file, as on a headless machine.
    keychain: options.keychain ?? null,
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(options.publishers ? { publishers: options.publishers } : {}),
    ...(options.publisherConfig ? { publisherConfig: options.publisherConfig } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await engine.start();
  return engine;
}

export async function addAccount(engine: Engine, platform: Platform, token = 'feed-token', name = `${platform} account`) {
  return engine.api.invoke('accounts:add', { platform, name, accessToken: token });
}
