// A real engine for tests: its own temp data directory (SQLite file + bundled redis-server), short queue timings,
// and publishers that talk HTTP to fake platforms on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../shared/domain';
import { createEngine, type Engine } from '../../electron/engine/engine';
import type { PublisherConfig } from '../../electron/engine/publishers/base/publisher-config';
import type { Publisher } from '../../electron/engine/publishers/publisher';
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

/** The environment a test engine sees: no REDIS_HOST from the developer's shell unless a test sets one. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export interface TestEngineOptions {
  dataDir: string;
  publishers?: Partial<Record<Platform, Publisher>>;
  queue?: Partial<QueueSettings>;
  env?: NodeJS.ProcessEnv;
  publisherConfig?: PublisherConfig;
  /** The engine's clock; a test moves it to act out a sleep. */
  now?: () => number;
}

export async function startTestEngine(options: TestEngineOptions): Promise<Engine> {
  const engine = createEngine({
    dataDir: options.dataDir,
    env: options.env ?? testEnv(),
    appRoot: process.cwd(),
    queue: { ...FAST_QUEUE, ...options.queue },
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
