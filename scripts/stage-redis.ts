// Stages the redis-server the app runs into resources/redis/<platform>-<arch>/: for `npm start` on a machine without
// one, and for the installers (electron-builder copies the target's folder next to app.asar).
//
//   npm run stage:redis -- --from-source       Build Redis 7.2 from the official tarball (checked against its
//                                              SHA-256): Linux and macOS with make and a C compiler; Windows inside
//                                              an MSYS2 shell (the port the release workflow builds, msys-2.0.dll
//                                              is staged next to it). This is what installers ship.
//   npm run stage:redis -- --copy [PATH]       Copy an existing binary (default: redis-server on the PATH), with the
//                                              DLLs beside it on Windows. Debian's or Homebrew's binary links
//                                              against that machine's libraries: good for development there only.
//
// Options: --arch (default: this machine's; macOS builds x64 on arm64 under Rosetta), --resources-dir (default:
// resources/), --version and --sha256 (another 7.2.x tarball), --tarball FILE (a local copy of it, still checked).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from './lib/project';
import { readRedisVersion, redisBuildProblem, redisFileProblem, stagedRedisBinary } from './lib/redis-staging';

// From redis/redis-hashes. Redis 7.2 is the last BSD-licensed line.
const REDIS_VERSION = '7.2.12';
const REDIS_SHA256 = '97c60478a7c777ac914ca9d87a7e88ba265926456107e758c62d8f971d0196bc';

class StageError extends Error {}

const { values, positionals } = parseArgs({
  options: {
    'from-source': { type: 'boolean', default: false },
    copy: { type: 'boolean', default: false },
    arch: { type: 'string', default: process.arch },
    'resources-dir': { type: 'string', default: join(projectRoot, 'resources') },
    version: { type: 'string' },
    sha256: { type: 'string' },
    tarball: { type: 'string' },
  },
  allowPositionals: true,
});

async function main(positionals: string[]): Promise<string> {
  const platform = process.platform;
  const arch = values.arch;
  const resourcesDir = values['resources-dir'];
  if (values['from-source'] === values.copy) throw new StageError('choose one of --from-source and --copy [PATH]');
  if ((values.version === undefined) !== (values.sha256 === undefined)) throw new StageError('--version and --sha256 go together');

  const target = stagedRedisBinary(resourcesDir, platform, arch);
  const folder = dirname(target);
  // Built or copied beside the folder and swapped in at the end, so a failure keeps what was staged before.
  const staging = `${folder}.partial`;
  const staged = join(staging, basename(target));
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const how = values.copy
      ? copyBinary(positionals[0] ?? onPath(basename(target)), staging, staged)
      : await buildFromSource(values.version ?? REDIS_VERSION, values.sha256 ?? REDIS_SHA256, arch, staging, staged);
    if (platform !== 'win32') chmodSync(staged, 0o755);
    const problem = redisFileProblem(staged, platform);
    if (problem) throw new StageError(problem);
    let described = how;
    // A binary for another CPU cannot run here; the release workflow checks it through the app's self-test.
    if (arch === process.arch || (platform === 'darwin' && arch === 'x64')) {
      const build = readRedisVersion(staged);
      const refused = redisBuildProblem(build);
      if (refused) throw new StageError(refused);
      described = `${build.server} ${build.version}, ${how}`;
    }
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
    return `Staged ${target} (${described}).`;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function copyBinary(source: string, folder: string, target: string): string {
  const build = readRedisVersion(source);
  const refused = redisBuildProblem(build);
  if (refused) throw new StageError(refused);
  copyFileSync(source, target);
  // Windows ports (MSYS2, Cygwin) need their runtime DLLs beside the executable.
  if (process.platform === 'win32') {
    for (const name of readdirSync(dirname(source)).filter((file) => file.toLowerCase().endsWith('.dll'))) {
      copyFileSync(join(dirname(source), name), join(folder, name));
    }
  }
  return `a copy of ${source}`;
}

async function buildFromSource(version: string, sha256: string, arch: string, folder: string, target: string): Promise<string> {
  const platform = process.platform;
  const rosetta = platform === 'darwin' && process.arch === 'arm64' && arch === 'x64';
  if (arch !== process.arch && !rosetta) throw new StageError(`Redis cannot be cross-compiled for ${arch} here: build it on a ${arch} machine`);
  if (platform === 'win32' && !process.env.MSYSTEM) throw new StageError('on Windows, build Redis inside an MSYS2 shell (see README), or use --copy');

  const work = mkdtempSync(join(tmpdir(), 'pe-redis-'));
  try {
    const tarball = `redis-${version}.tar.gz`;
    const bytes = values.tarball ? readFileSync(values.tarball) : await download(`https://download.redis.io/releases/${tarball}`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== sha256) throw new StageError(`${tarball} has SHA-256 ${digest}, not the expected ${sha256}`);
    writeFileSync(join(work, tarball), bytes);
    // Relative names and a working directory: MSYS2's tar would read "C:" in a Windows path as a remote host.
    run('tar', ['-xzf', tarball], { cwd: work });

    const source = join(work, `redis-${version}`);
    // Only the server; no TLS (loopback or a unix socket only), no libsystemd: the binary needs nothing but the C
    // library (and msys-2.0.dll on Windows). jemalloc, when used (Linux), is linked in statically.
    const make = ['make', `-j${availableParallelism()}`, 'redis-server', 'BUILD_TLS=no', 'USE_SYSTEMD=no'];
    const [command, ...args] = rosetta ? ['arch', '-x86_64', ...make] : make;
    run(command as string, args, { cwd: source, stdio: 'inherit' });

    const built = join(source, 'src', platform === 'win32' ? 'redis-server.exe' : 'redis-server');
    copyFileSync(built, target);
    if (platform === 'win32') copyMsysRuntime(built, folder);
    return `built from ${tarball}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new StageError(`${url} answered HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The MSYS2 DLLs the build links against, from `ldd`, so the staged folder runs without MSYS2 installed. */
function copyMsysRuntime(built: string, folder: string): void {
  const listing = run('ldd', [basename(built)], { cwd: dirname(built) });
  for (const match of listing.matchAll(/=>\s+(\/usr\/bin\/\S+\.dll)/g)) {
    const windowsPath = run('cygpath', ['-w', match[1] as string]).trim();
    copyFileSync(windowsPath, join(folder, basename(windowsPath)));
  }
}

function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (spawnSync(candidate, ['--version'], { timeout: 10_000 }).status === 0) return candidate;
  }
  throw new StageError(`there is no ${name} on the PATH: name one after --copy, or use --from-source`);
}

/** Runs a tool and returns its output; `stdio: 'inherit'` shows a long build's progress instead. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new StageError(`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
  return result.stdout ?? '';
}

main(positionals).then(
  (done) => console.log(done),
  (error: unknown) => {
    console.error(`Staging redis-server failed: ${error instanceof Error ? error.message : String(error)}.`);
    process.exitCode = 1;
  },
);
