// Finds the redis-server to run: packaged, staged in a checkout, configured, redis-memory-server's cache, then PATH —
// in that order.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

export interface FindRedisBinaryOptions {
  resourcesPath?: string;
  appRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export class RedisBinaryNotFoundError extends Error {
  constructor(readonly searched: string[]) {
    super(
      'No redis-server binary was found. Looked in:\n' +
        searched.map((place) => `  - ${place}`).join('\n') +
        '\nIn a checkout, run `npm run stage:redis`; otherwise install Redis 6.2 or later (for example ' +
        '`apt-get install redis-server`) or set REDISMS_SYSTEM_BINARY to its path.',
    );
    this.name = 'RedisBinaryNotFoundError';
  }
}

interface RedisMemoryServerConfig {
  systemBinary?: string;
  downloadDir?: string;
  version?: string;
}

const executableName = process.platform === 'win32' ? 'redis-server.exe' : 'redis-server';

/** Where scripts/stage-redis.ts puts a target's binary under `resources/`, and electron-builder copies it from. */
export function stagedRedisBinary(resourcesDir: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  return join(resourcesDir, 'redis', `${platform}-${arch}`, platform === 'win32' ? 'redis-server.exe' : 'redis-server');
}

export function findRedisBinary(options: FindRedisBinaryOptions): string {
  const env = options.env ?? process.env;
  const searched: string[] = [];
  const found = (label: string, candidate: string | undefined): boolean => {
    if (!candidate) return false;
    searched.push(`${label}: ${candidate}`);
    return isExecutableFile(candidate);
  };

  const packaged = options.resourcesPath && stagedRedisBinary(options.resourcesPath);
  if (packaged && found('packaged resources', packaged)) return packaged;

  // The app run from a checkout (npm start, the CLI) uses the binary staged for packaging, if there is one.
  const pkg = options.appRoot ? readRedisMemoryServerConfig(options.appRoot) : undefined;
  const staged = pkg && stagedRedisBinary(join(pkg.dir, 'resources'));
  if (staged && found('staged by npm run stage:redis', staged)) return staged;

  const fromEnv = env.REDISMS_SYSTEM_BINARY && resolve(env.REDISMS_SYSTEM_BINARY);
  if (fromEnv && found('REDISMS_SYSTEM_BINARY', fromEnv)) return fromEnv;

  const fromPackageJson = pkg?.config.systemBinary && resolve(pkg.dir, pkg.config.systemBinary);
  if (fromPackageJson && found(`redisMemoryServer.systemBinary in ${join(pkg.dir, 'package.json')}`, fromPackageJson)) {
    return fromPackageJson;
  }

  const cached = options.appRoot && cachedBuildPath(options.appRoot, env, pkg);
  if (cached && found("redis-memory-server's cached build", cached)) return cached;

  const pathDirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  searched.push(`PATH: ${pathDirs.length > 0 ? pathDirs.join(delimiter) : '(empty)'}`);
  for (const dir of pathDirs) {
    const candidate = join(dir, executableName);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new RedisBinaryNotFoundError(searched);
}

// Mirrors redis-memory-server 0.17 (lib/util/RedisBinary.js and RedisBinaryDownload.js) without importing it:
// <downloadDir>/<version>/redis-server, downloadDir defaulting to find-cache-dir's node_modules/.cache folder.
function cachedBuildPath(appRoot: string, env: NodeJS.ProcessEnv, pkg: { dir: string; config: RedisMemoryServerConfig } | undefined): string {
  const downloadDir =
    (env.REDISMS_DOWNLOAD_DIR && resolve(env.REDISMS_DOWNLOAD_DIR)) ||
    (pkg?.config.downloadDir && resolve(pkg.dir, pkg.config.downloadDir)) ||
    join(pkg?.dir ?? appRoot, 'node_modules', '.cache', 'redis-memory-server', 'redis-binaries');
  const version = env.REDISMS_VERSION || pkg?.config.version || 'stable';
  return join(downloadDir, version, process.platform === 'win32' ? 'memurai.exe' : 'redis-server');
}

function readRedisMemoryServerConfig(appRoot: string): { dir: string; config: RedisMemoryServerConfig } | undefined {
  for (let dir = resolve(appRoot); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const text = readIfExists(file);
    if (text !== undefined) {
      const parsed: unknown = safeJsonParse(text);
      const section = isRecord(parsed) ? parsed.redisMemoryServer : undefined;
      return { dir, config: isRecord(section) ? pickStrings(section) : {} };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function pickStrings(section: Record<string, unknown>): RedisMemoryServerConfig {
  const text = (key: string): string | undefined => (typeof section[key] === 'string' ? section[key] : undefined);
  return { systemBinary: text('systemBinary'), downloadDir: text('downloadDir'), version: text('version') };
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
