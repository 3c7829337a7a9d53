// A real engine (real redis-server, real SQLite in a temp dir) behind a real control socket, for the contract
// tests. Every platform's API origin points at a closed loopback port, so nothing can reach a real platform.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORMS, type AccountView } from '../../shared/domain';
import { connectControl, type ControlClient } from '../../electron/engine/control/control-client';
import { startControlServer, type ControlServer } from '../../electron/engine/control/control-server';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { silentLogger } from '../../electron/engine/logger';
import { freePort } from '../helpers/free-port';

export interface TestEngine {
  dataDir: string;
  engine: Engine;
  server: ControlServer;
  /** A new control connection; closed by `stop`. */
  connect(): Promise<ControlClient>;
  stop(): Promise<void>;
}

/** `platformOrigin`: where every platform's API answers instead of the closed port (nothing can be reached there). */
export async function startTestEngine(label: string, platformOrigin?: string): Promise<TestEngine> {
  const root = await mkdtemp(join(tmpdir(), `pe-${label}-`));
  const dataDir = join(root, 'data');
  const engine = createEngine({
    dataDir,
    env: await deadPlatformEnv(platformOrigin),
    appRoot: process.cwd(),
    log: silentLogger,
    keychain: null,
    // Failed publishes settle in milliseconds instead of the production 5 s backoff.
    queue: { backoffMs: 20 },
  });
  await engine.start();
  let server: ControlServer;
  try {
    server = await startControlServer({ dataDir, api: engine.api, events: engine.events });
  } catch (error) {
    await engine.stop();
    throw error;
  }
  const clients: ControlClient[] = [];
  return {
    dataDir,
    engine,
    server,
    async connect() {
      const client = await connectControl(dataDir);
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
      await engine.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** PATH only (a developer's REDIS_HOST must not leak in), and every platform API on a closed port (or at `origin`). */
export async function deadPlatformEnv(platformOrigin?: string): Promise<NodeJS.ProcessEnv> {
  const origin = platformOrigin ?? `http://127.0.0.1:${await freePort()}`;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const platform of PLATFORMS) env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = origin;
  return env;
}

/** Everything a bad request must leave as it was: posts with their targets, accounts, and the queue. */
export async function snapshot(client: ControlClient): Promise<unknown> {
  const [posts, accounts, stats, media, slots, settings, storage] = await Promise.all([
    client.invoke('posts:list', {}),
    client.invoke('accounts:list', {}),
    client.invoke('queue:stats', {}),
    client.invoke('media:list', {}),
    client.invoke('slots:list', {}),
    client.invoke('settings:get', {}),
    client.invoke('storage:get', {}),
  ]);
  return { posts, accounts, counts: stats.counts, paused: stats.paused, nextPost: stats.nextPost, media, slots, settings, storage };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

/** The roastery's three accounts the listing tests filter by: X, a LinkedIn page and a Facebook Page. */
export function addRoasteryAccounts(client: ControlClient): Promise<[AccountView, AccountView, AccountView]> {
  return Promise.all([
    client.invoke('accounts:add', { platform: 'twitter', name: '@roastery', accessToken: 'tok-x' }),
    client.invoke('accounts:add', { platform: 'linkedin', name: 'Roastery Team', accessToken: 'tok-li' }),
    client.invoke('accounts:add', { platform: 'facebook', name: 'Roastery Page', accessToken: 'tok-fb' }),
  ]);
}
