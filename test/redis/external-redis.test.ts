// REDIS_HOST selects a Redis the user runs: the engine spawns nothing and only checks that it answers.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisProvider, RedisAuthError, type RedisEndpoint } from '../../electron/engine/redis';
import { startRedisServer, type RunningRedis } from '../helpers/redis-server';
import { childRedisServers, cleanEnv, connect, findClosedPort, makeTempDir, removeDir } from './helpers';

// A real redis-server standing in for the user's own: TCP on 127.0.0.1 with a password, as a user's own is set up.
let running: RunningRedis;
let engineDir: string;
let server: RedisEndpoint & { host: string; port: number };

beforeAll(async () => {
  engineDir = await makeTempDir('external-engine');
  running = await startRedisServer();
  server = { host: '127.0.0.1', port: running.port, password: running.password };
});

afterAll(async () => {
  await running?.stop();
  await removeDir(engineDir);
});

const externalEnv = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
  cleanEnv({ REDIS_HOST: server.host, REDIS_PORT: String(server.port), REDIS_PASSWORD: server.password, ...overrides });

describe('external Redis', () => {
  it('uses the server REDIS_HOST names and spawns nothing', async () => {
    const before = await childRedisServers();
    const provider = createRedisProvider({ dataDir: engineDir, env: externalEnv() });
    expect(provider.kind).toBe('external');
    const endpoint = await provider.start();
    expect(endpoint).toEqual(server);
    expect(provider.pid).toBeUndefined();
    expect(await childRedisServers()).toEqual(before);
    await expect(access(join(engineDir, 'redis'))).rejects.toThrow(/ENOENT/);

    await provider.stop();
    const client = connect(server);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('refuses a wrong REDIS_PASSWORD with a clear error', async () => {
    const provider = createRedisProvider({ dataDir: engineDir, env: externalEnv({ REDIS_PASSWORD: 'wrong' }) });
    const start = provider.start();
    await expect(start).rejects.toThrow(/REDIS_HOST \(127\.0\.0\.1:\d+\) is not usable: .*refused the password/);
    await expect(start).rejects.toHaveProperty('cause.name', RedisAuthError.name);
  });

  it('reports a server that does not answer', async () => {
    const port = await findClosedPort();
    const env = externalEnv({ REDIS_PORT: String(port) });
    const start = createRedisProvider({ dataDir: engineDir, env, startTimeoutMs: 300 }).start();
    await expect(start).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}\\) is not usable: .*ECONNREFUSED`));
  });

  it('rejects a REDIS_PORT that is not a port', () => {
    expect(() => createRedisProvider({ dataDir: engineDir, env: externalEnv({ REDIS_PORT: 'redis' }) })).toThrow(/REDIS_PORT must be a port number/);
  });

  it('defaults REDIS_PORT to 6379 and treats an empty REDIS_HOST as unset', async () => {
    expect(createRedisProvider({ dataDir: engineDir, env: cleanEnv({ REDIS_HOST: '' }) }).kind).toBe('bundled');
    // Whether or not some Redis listens on 6379 here, this password is refused or nothing answers.
    const env = cleanEnv({ REDIS_HOST: '127.0.0.1', REDIS_PASSWORD: 'not-the-password' });
    await expect(createRedisProvider({ dataDir: engineDir, env, startTimeoutMs: 50 }).start()).rejects.toThrow(/127\.0\.0\.1:6379/);
  });
});
