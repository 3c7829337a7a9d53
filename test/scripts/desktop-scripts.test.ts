// The desktop scripts as a developer meets them: `npm start` when something is missing, and `npm run stage:redis`.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/support/build-output';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-scripts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', name), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

describe('npm start', () => {
  it('stops with one sentence saying what to run when Electron is not there, never a stack trace', () => {
    // Electron's own variable for where its binary is: an empty folder, as after an offline `npm ci`.
    const result = script('start.ts', ['preview'], { ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[^\n]*: with internet access, run `npm run setup:desktop`, then start again\.$/);
  });
});

describe('npm run stage:redis', () => {
  const staged = () => join(dir, 'redis', `${process.platform}-${process.arch}`, 'redis-server');

  function fakeRedis(version: string, server = 'Redis'): string {
    const file = join(dir, 'bin', 'redis-server');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(file, `#!/bin/sh\necho "${server} server v=${version} sha=00000000:0 malloc=libc bits=64 build=0"\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('copies a system binary into resources/redis/<platform>-<arch>/, executable', () => {
    const result = script('stage-redis.ts', ['--copy', '/usr/bin/redis-server', '--resources-dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Staged .*redis-server \(Redis \d+\.\d+\.\d+, a copy of \/usr\/bin\/redis-server\)\.\n$/);
    expect(statSync(staged()).mode & 0o111).not.toBe(0);
  });

  it('refuses Redis 7.4 and later, which are not under a permissive license, and keeps what was staged', () => {
    expect(script('stage-redis.ts', ['--copy', fakeRedis('7.2.12'), '--resources-dir', dir]).status).toBe(0);
    const refused = script('stage-redis.ts', ['--copy', fakeRedis('7.4.2'), '--resources-dir', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Redis 7.4.2 is not under a permissive license');
    expect(refused.stderr).toContain('use Redis 7.2.x or Valkey 8');
    expect(existsSync(staged())).toBe(true);
    expect(spawnSync(staged(), ['--version'], { encoding: 'utf8' }).stdout).toContain('v=7.2.12');
    expect(script('stage-redis.ts', ['--copy', fakeRedis('8.0.3', 'Valkey'), '--resources-dir', dir]).status).toBe(0);
  });

  it('refuses a file that does not run as redis-server, and asks for a mode', () => {
    const notRedis = join(dir, 'not-redis');
    writeFileSync(notRedis, 'plain text');
    const refused = script('stage-redis.ts', ['--copy', notRedis, '--resources-dir', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Staging redis-server failed: .*not-redis does not run as redis-server here/);
    const noMode = script('stage-redis.ts', ['--resources-dir', dir]);
    expect(noMode.status).toBe(1);
    expect(noMode.stderr).toContain('choose one of --from-source and --copy [PATH]');
  });
});
