// The bundled Redis against another local user (issue 9): its password is on no command line (not at start, not
// after a restart), its socket is out of their reach, and even the engine's own credentials cannot run the
// commands that read or change the server (CONFIG, DEBUG, KEYS, SHUTDOWN, MONITOR, REPLICAOF, …).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedisProvider, type RedisEndpoint, type RedisProvider } from '../../electron/engine/redis';
import { cleanEnv, connect, nextEvent, redisSpacePerTest, systemRedis, writeScript } from '../redis/helpers';

const space = redisSpacePerTest('secrets');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function bundled(env: NodeJS.ProcessEnv = cleanEnv()): RedisProvider {
  return space.providers.add(createRedisProvider({ dataDir: space.dataDir, env }));
}

/** What another local user sees: a process of uid `nobody` when the tests run as root, else this one. */
function readAsAnotherUser(file: string): string {
  if (!asRoot) return readFileSync(file, 'latin1');
  const reader = spawnSync(process.execPath, ['-e', `process.stdout.write(require('fs').readFileSync(${JSON.stringify(file)}, 'latin1'))`], {
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'latin1',
  });
  return reader.stdout;
}

describe('the Redis password', () => {
  it('is on no command line and in no environment, at start and after a restart', async () => {
    const record = join(space.dataDir, 'launches.txt');
    // A stand-in binary that writes down exactly what it was started with, then becomes the real redis-server.
    const binary = await writeScript(
      join(space.dataDir, 'bin', 'redis-server'),
      `{ printf 'argv:'; printf ' %s' "$@"; printf '\\n'; env; } >> "${record}"\nexec ${systemRedis} "$@"`,
    );
    const provider = bundled(cleanEnv({ REDISMS_SYSTEM_BINARY: binary }));
    const endpoint = await provider.start();
    const password = endpoint.password as string;
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(readAsAnotherUser(`/proc/${provider.pid}/cmdline`)).not.toContain(password);

    const restarted = nextEvent(provider, 'restarted');
    process.kill(provider.pid as number, 'SIGKILL');
    await restarted;
    expect(readAsAnotherUser(`/proc/${provider.pid}/cmdline`)).not.toContain(password);

    const launches = readFileSync(record, 'utf8');
    expect(launches.match(/^argv: -$/gm)).toHaveLength(2);
    expect(launches).not.toContain(password);
  });

  it('keeps another local user off the socket', async () => {
    const endpoint = await bundled().start();
    const path = endpoint.path as string;
    // The modes are what keep them out; as root, the test also tries it as another user.
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o077).toBe(0);
    if (!asRoot) return;
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `require('net').connect(${JSON.stringify(path)}).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => console.log(e.code))`,
      ],
      { uid: NOBODY, gid: NOBODY, encoding: 'utf8' },
    );
    expect(probe.stdout.trim()).toBe('EACCES');
  });
});

describe('what a Redis connection may do', () => {
  async function refused(endpoint: RedisEndpoint, command: string[]): Promise<string> {
    const client = connect(endpoint);
    try {
      await client.call(command[0] as string, ...command.slice(1));
      return 'allowed';
    } catch (error) {
      return (error as Error).message;
    } finally {
      client.disconnect();
    }
  }

  it('without the password: nothing', async () => {
    const endpoint = await bundled().start();
    const stranger = { ...endpoint, username: undefined, password: undefined } as RedisEndpoint;
    for (const command of [
      ['GET', 'x'],
      ['CONFIG', 'GET', '*'],
      ['KEYS', '*'],
    ]) {
      expect(await refused(stranger, command), command.join(' ')).toMatch(/NOAUTH/);
    }
  });

  it("with the engine's password: the queue's commands, and none of the server's", async () => {
    const endpoint = await bundled().start();
    const client = connect(endpoint);
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await client.eval("return redis.call('GET', KEYS[1])", 1, 'k')).toBe('v');
    expect(await client.info('server')).toMatch(/redis_version:/);
    expect(await client.client('SETNAME', 'bull:worker')).toBe('OK');
    client.disconnect();
    const forbidden = [
      ['CONFIG', 'GET', 'requirepass'],
      ['CONFIG', 'SET', 'dir', '/tmp'],
      ['DEBUG', 'SLEEP', '0'],
      ['KEYS', '*'],
      ['SHUTDOWN', 'NOSAVE'],
      ['MODULE', 'LIST'],
      ['MONITOR'],
      ['REPLICAOF', '127.0.0.1', '6379'],
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['CLIENT', 'LIST'],
      ['CLIENT', 'KILL', 'TYPE', 'normal'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'intruder', 'on', '>x', '+@all'],
      ['BGSAVE'],
      ['MIGRATE', '127.0.0.1', '6379', 'k', '0', '1000'],
    ];
    // DEBUG is also off by Redis's own default, with its own message.
    for (const command of forbidden) expect(await refused(endpoint, command), command.join(' ')).toMatch(/NOPERM|DEBUG command not allowed/);
    // Not from inside a script either.
    expect(await refused(endpoint, ['EVAL', "return redis.call('KEYS', '*')", '0'])).toMatch(
      /NOPERM|user executing the script can't run this command/i,
    );
    expect(await refused(endpoint, ['EVAL', "return redis.call('FLUSHALL')", '0'])).toMatch(
      /NOPERM|user executing the script can't run this command/i,
    );
  });
});
