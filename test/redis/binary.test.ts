// Binary lookup order: packaged, staged in the checkout, REDISMS_SYSTEM_BINARY, package.json systemBinary,
// redis-memory-server's cache, PATH.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRedisBinary, RedisBinaryNotFoundError } from '../../electron/engine/redis';
import { cleanEnv, makeTempDir, removeDir, systemRedis, writeScript } from './helpers';

let root: string;
let appRoot: string;
let resourcesPath: string;
let pathDir: string;

beforeEach(async () => {
  root = await makeTempDir('binary');
  appRoot = join(root, 'app');
  resourcesPath = join(root, 'resources');
  pathDir = join(root, 'path bin');
  await mkdir(appRoot, { recursive: true });
});

afterEach(async () => {
  await removeDir(root);
});

const fake = (file: string): Promise<string> => writeScript(file, 'echo fake');
const packagedPath = (): string => join(resourcesPath, 'redis', `${process.platform}-${process.arch}`, 'redis-server');
const stagedPath = (): string => join(appRoot, 'resources', 'redis', `${process.platform}-${process.arch}`, 'redis-server');
const cachePath = (version = 'stable'): string =>
  join(appRoot, 'node_modules', '.cache', 'redis-memory-server', 'redis-binaries', version, 'redis-server');

async function writePackageJson(dir: string, redisMemoryServer: Record<string, string>): Promise<void> {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', redisMemoryServer }));
}

describe('findRedisBinary', () => {
  it('takes each place in order, falling through when one is missing', async () => {
    const envBinary = await fake(join(root, 'env bin', 'redis-server'));
    const pkgBinary = await fake(join(appRoot, 'vendor', 'redis-server'));
    await writePackageJson(appRoot, { systemBinary: 'vendor/redis-server' });
    const packaged = await fake(packagedPath());
    const staged = await fake(stagedPath());
    const cached = await fake(cachePath());
    const onPath = await fake(join(pathDir, 'redis-server'));
    const env = { PATH: pathDir, REDISMS_SYSTEM_BINARY: envBinary };

    expect(findRedisBinary({ resourcesPath, appRoot, env })).toBe(packaged);
    expect(findRedisBinary({ resourcesPath: join(root, 'none'), appRoot, env })).toBe(staged);
    expect(findRedisBinary({ appRoot: join(appRoot, 'out', 'main'), env })).toBe(staged);
    await rm(stagedPath());
    expect(findRedisBinary({ resourcesPath: join(root, 'none'), appRoot, env })).toBe(envBinary);
    expect(findRedisBinary({ appRoot, env: { PATH: pathDir } })).toBe(pkgBinary);
    await writePackageJson(appRoot, {});
    expect(findRedisBinary({ appRoot, env: { PATH: pathDir } })).toBe(cached);
    expect(findRedisBinary({ env: { PATH: pathDir } })).toBe(onPath);
  });

  it('honours REDISMS_SYSTEM_BINARY over redis-server on PATH', async () => {
    const envBinary = await fake(join(root, 'custom', 'redis-server'));
    expect(findRedisBinary({ env: cleanEnv({ REDISMS_SYSTEM_BINARY: envBinary }) })).toBe(envBinary);
    expect(findRedisBinary({ env: { PATH: '/usr/bin' } })).toBe(systemRedis);
  });

  it('reads systemBinary from the nearest package.json above the app root', async () => {
    const nested = join(appRoot, 'out', 'main');
    await mkdir(nested, { recursive: true });
    await writePackageJson(appRoot, { systemBinary: './bin/redis-server' });
    const binary = await fake(join(appRoot, 'bin', 'redis-server'));
    expect(findRedisBinary({ appRoot: nested, env: {} })).toBe(binary);
  });

  it("follows redis-memory-server's downloadDir and version settings for its cache", async () => {
    await writePackageJson(appRoot, { downloadDir: 'redis-cache', version: '7.2.4' });
    const binary = await fake(join(appRoot, 'redis-cache', '7.2.4', 'redis-server'));
    expect(findRedisBinary({ appRoot, env: {} })).toBe(binary);
    const fromEnv = await fake(join(root, 'dl', '7.4.0', 'redis-server'));
    const env = { REDISMS_DOWNLOAD_DIR: join(root, 'dl'), REDISMS_VERSION: '7.4.0' };
    expect(findRedisBinary({ appRoot, env })).toBe(fromEnv);
  });

  it('skips files that are not executable', async () => {
    const envBinary = join(root, 'plain', 'redis-server');
    await mkdir(join(root, 'plain'));
    await writeFile(envBinary, 'not a program');
    expect(findRedisBinary({ env: { PATH: '/usr/bin', REDISMS_SYSTEM_BINARY: envBinary } })).toBe(systemRedis);
  });

  it('throws a clear error naming every place it looked', async () => {
    await writePackageJson(appRoot, { systemBinary: 'missing/redis-server' });
    const env = { PATH: pathDir, REDISMS_SYSTEM_BINARY: join(root, 'nowhere', 'redis-server') };
    let thrown: unknown;
    try {
      findRedisBinary({ resourcesPath, appRoot, env });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RedisBinaryNotFoundError);
    const message = (thrown as Error).message;
    expect(message).toContain('No redis-server binary was found');
    expect(message).toContain(packagedPath());
    expect(message).toContain(stagedPath());
    expect(message).toContain('npm run stage:redis');
    expect(message).toContain(`REDISMS_SYSTEM_BINARY: ${env.REDISMS_SYSTEM_BINARY}`);
    expect(message).toContain(join(appRoot, 'missing', 'redis-server'));
    expect(message).toContain(cachePath());
    expect(message).toContain(`PATH: ${pathDir}`);
  });

  it('finds the real redis-server that the other tests run', () => {
    const found = findRedisBinary({ env: cleanEnv() });
    expect(execFileSync(found, ['--version'], { encoding: 'utf8' })).toMatch(/^Redis server v=/);
  });
});
