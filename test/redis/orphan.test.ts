// A crash leaves redis-server running without its owner: the next start must stop it before starting its own,
// because two servers must never append to the same AOF.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRedisProvider, type RedisEndpoint, type RedisProvider } from '../../electron/engine/redis';
import { childRedisServers, cleanEnv, connect, isRunning, nextEvent, redisSpacePerTest, waitUntilGone } from './helpers';

let orphanPid: number | undefined;
const space = redisSpacePerTest('orphan', () => {
  if (orphanPid !== undefined && isRunning(orphanPid)) process.kill(orphanPid, 'SIGKILL');
  orphanPid = undefined;
});

// What the next engine start would make: a provider on this test's data dir.
function nextEngine(): RedisProvider {
  return space.providers.add(createRedisProvider({ dataDir: space.dataDir, env: cleanEnv() }));
}

// Runs an engine in its own Node process, then kills that process the way a crash would.
async function crashedEngine(): Promise<RedisEndpoint & { pid: number }> {
  const fixture = fileURLToPath(new URL('./fixtures/start-redis.ts', import.meta.url));
  const engine = spawn(process.execPath, ['--import', 'tsx', fixture, space.dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(createInterface({ input: engine.stdout }), 'line'),
    once(engine, 'exit').then(([code]) => Promise.reject(new Error(`The engine stand-in exited with ${code}`))),
  ])) as [string];
  const started = JSON.parse(line) as RedisEndpoint & { pid: number };
  orphanPid = started.pid;
  engine.kill('SIGKILL');
  await once(engine, 'exit');
  return started;
}

describe('orphaned redis-server', () => {
  it('is stopped by the next start, and its data is kept', async () => {
    const orphan = await crashedEngine();
    expect(isRunning(orphan.pid)).toBe(true);

    const provider = nextEngine();
    const endpoint = await provider.start();

    expect(isRunning(orphan.pid)).toBe(false);
    expect(provider.pid).not.toBe(orphan.pid);
    const client = connect(endpoint);
    // SIGTERM let the orphan fsync its AOF, so what it acknowledged is still there.
    expect(await client.get('written-before-crash')).toBe('yes');
    client.disconnect();
    const stale = connect(orphan);
    await expect(stale.ping()).rejects.toThrow();
    stale.disconnect();
  });

  it('is taken from a provider in this process that was never stopped, which then does not restart it', async () => {
    const first = nextEngine();
    await first.start();
    const firstPid = first.pid as number;
    const exited = nextEvent(first, 'exit');
    const gaveUp = nextEvent<[Error]>(first, 'error');
    let restarted = false;
    first.on('restarted', () => (restarted = true));

    const second = nextEngine();
    const endpoint = await second.start();
    await exited;
    const [error] = await gaveUp;
    expect(error.message).toMatch(/Another engine took over/);
    expect(restarted).toBe(false);
    expect(isRunning(firstPid)).toBe(false);
    expect(await childRedisServers()).toEqual([second.pid]);
    const client = connect(endpoint);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('leaves a live process alone when the pid file names something other than redis-server', async () => {
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    await once(bystander, 'spawn');
    const pidFile = join(space.dataDir, 'redis', 'redis.pid');
    await mkdir(join(space.dataDir, 'redis'));
    await writeFile(pidFile, JSON.stringify({ pid: bystander.pid, port: 1 }));

    const provider = nextEngine();
    await provider.start();
    expect(isRunning(bystander.pid as number)).toBe(true);
    bystander.kill('SIGKILL');
    expect(await waitUntilGone(bystander.pid as number)).toBe(true);
  });

  it('ignores a pid file whose process is gone', async () => {
    const gone = spawn('true');
    await once(gone, 'exit');
    await mkdir(join(space.dataDir, 'redis'));
    await writeFile(join(space.dataDir, 'redis', 'redis.pid'), JSON.stringify({ pid: gone.pid, port: 1 }));
    const provider = nextEngine();
    await expect(provider.start()).resolves.toMatchObject({ path: join(space.dataDir, 'redis', 'redis.sock') });
  });
});
