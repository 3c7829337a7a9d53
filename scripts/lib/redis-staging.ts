// The redis-server an installer ships: staged into resources/redis/<platform>-<arch>/ by scripts/stage-redis.ts,
// checked before packaging by scripts/before-pack.cjs, found at run time by electron/engine/redis/binary.ts.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { stagedRedisBinary } from '../../electron/engine/redis/binary';

export { stagedRedisBinary };

/** Why the staged binary for a target cannot ship, or undefined when it can. */
export function stagedRedisProblem(resourcesDir: string, platform: NodeJS.Platform, arch: string): string | undefined {
  const binary = stagedRedisBinary(resourcesDir, platform, arch);
  return redisFileProblem(binary, platform, `there is no redis-server for ${platform}-${arch} at ${binary}`);
}

export function redisFileProblem(binary: string, platform: NodeJS.Platform, missing = `there is no file ${binary}`): string | undefined {
  let mode: number;
  try {
    const stat = statSync(binary);
    if (!stat.isFile()) return `${binary} is not a file`;
    mode = stat.mode;
  } catch {
    return missing;
  }
  // Windows has no execute bit; elsewhere the app could not start a file without one.
  if (platform !== 'win32' && (mode & 0o111) === 0) return `${binary} is not executable`;
  return undefined;
}

export interface RedisBuild {
  server: 'Redis' | 'Valkey';
  version: string;
}

/** What `redis-server --version` says, e.g. "Redis server v=7.2.12 sha=…" or "Valkey server v=8.0.2 …". */
export function readRedisVersion(binary: string): RedisBuild {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /^(Redis|Valkey) server v=(\d+\.\d+\.\d+)/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match) {
    const reason = result.error?.message ?? (result.stderr || result.stdout || `exit code ${result.status}`).trim().split('\n')[0];
    throw new Error(`${binary} does not run as redis-server here (${reason})`);
  }
  return { server: match[1] as RedisBuild['server'], version: match[2] as string };
}

/**
 * Why this build may not be bundled, or undefined. Redis up to 7.2 and Valkey are BSD-licensed; Redis 7.4 moved to
 * RSALv2/SSPL and 8.0 added AGPLv3, none of which an app may simply bundle. BullMQ needs Redis 6.2 or later.
 */
export function redisBuildProblem(build: RedisBuild): string | undefined {
  const [major = 0, minor = 0] = build.version.split('.').map(Number);
  if (build.server === 'Valkey') return major >= 7 ? undefined : `Valkey ${build.version} is too old: use Valkey 8`;
  if (major > 7 || (major === 7 && minor >= 4)) {
    return `Redis ${build.version} is not under a permissive license (7.4 and later are RSALv2/SSPL or AGPLv3): use Redis 7.2.x or Valkey 8`;
  }
  if (major < 6 || (major === 6 && minor < 2)) return `Redis ${build.version} is too old for BullMQ: use Redis 7.2.x`;
  return undefined;
}
