// electron-builder really packages the app (`--linux --dir`, the step before an installer) from a stand-in project:
// the real built app and production node_modules, with a stand-in Electron distribution and a stand-in Electron
// build of the SQLite module, since neither can be made here. Then app.asar is read back.
import { extractFile, listPackage } from '@electron/asar';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBindingFacts } from '../../electron/engine/db/native-binding';
import { checkBeforePack } from '../../scripts/lib/packaging-checks';
import { repoRoot, requireBuild } from '../e2e/support/build-output';
import { electronAbi, writeStandInBinding } from '../helpers/stand-in-binding';
import { makeStandInProject, stageRedis, type StandInProject } from './stand-in-project';

const builderCli = join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');

function electronBuilder(project: StandInProject, output: string) {
  return spawnSync(
    process.execPath,
    [
      builderCli,
      '--linux',
      '--dir',
      '--x64',
      '--projectDir',
      project.dir,
      `-c.electronDist=${project.electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: project.dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
}

let root: string;
let project: StandInProject;
let resources: string;
let entries: Set<string>;

beforeAll(() => {
  requireBuild();
  root = mkdtempSync(join(tmpdir(), 'pe-packaging-'));
  project = makeStandInProject(root);
  stageRedis(project);
  const result = electronBuilder(project, project.output);
  if (result.status !== 0) throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`);
  resources = join(project.output, 'linux-unpacked', 'resources');
  entries = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }).map((entry) => entry.replace(/\\/g, '/')));
}, 240_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('electron-builder --linux --dir', () => {
  it('packs the built app and its production dependencies into app.asar', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/cli.js', '/out/preload/index.js', '/out/renderer/index.html']) {
      expect(entries, file).toContain(file);
    }
    // Direct production dependencies and what they need at run time.
    for (const name of ['bullmq', 'ioredis', 'better-sqlite3', 'electron-log', 'cron-parser', 'msgpackr', 'bindings']) {
      expect(entries, name).toContain(`/node_modules/${name}/package.json`);
    }
    const manifest = JSON.parse(extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { main: string };
    expect(manifest.main).toBe('out/main/index.js');
  });

  it('leaves devDependencies out (bundled libraries, tools, Electron itself)', () => {
    for (const name of [
      'electron',
      'electron-builder',
      'electron-vite',
      'vite',
      'vitest',
      'typescript',
      'react',
      'zod',
      'date-fns',
      'kysely',
      'redis-memory-server',
      'tsx',
    ]) {
      expect(entries, name).not.toContain(`/node_modules/${name}`);
    }
    expect([...entries].filter((entry) => entry.startsWith('/src/') || entry.startsWith('/test/') || entry.startsWith('/scripts/'))).toEqual([]);
  });

  it('ships better-sqlite3 unpacked with only its Electron build, never the Node build or its sources', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    const binding = join(unpacked, 'build-electron', 'better_sqlite3.node');
    expect(readBindingFacts(binding)).toEqual({ abi: electronAbi(), platform: 'linux', arch: 'x64' });
    expect(existsSync(join(unpacked, 'lib', 'database.js'))).toBe(true);
    for (const absent of ['build', 'deps', 'src', 'binding.gyp']) expect(existsSync(join(unpacked, absent)), absent).toBe(false);
  });

  it('ships the OS keychain binding unpacked, where its loader can open it', () => {
    const binding = join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring-linux-x64-gnu', 'keyring.linux-x64-gnu.node');
    expect(existsSync(binding)).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring', 'index.js'))).toBe(true);
  });

  it("puts the target's redis-server next to app.asar, executable", () => {
    const redis = join(resources, 'redis', 'linux-x64', 'redis-server');
    expect(statSync(redis).mode & 0o111).not.toBe(0);
    accessSync(redis, constants.X_OK);
    expect(execFileSync(redis, ['--version'], { encoding: 'utf8' })).toMatch(/^Redis server v=/);
  });

  it('ships the app and tray icons where the main process and the tray host read them by path', () => {
    for (const icon of ['icon.png', 'tray/tray-16.png', 'tray/tray-32.png', 'tray/tray-attention-16.png', 'tray/tray-attention-32.png']) {
      const file = join(resources, 'app.asar.unpacked', 'resources', icon);
      expect(readFileSync(file).subarray(1, 4).toString('latin1'), icon).toBe('PNG');
    }
  });

  it('fails the build when the Redis binary is missing', () => {
    const staged = join(project.dir, 'resources', 'redis', 'linux-x64', 'redis-server');
    const kept = join(root, 'redis-server');
    copyFileSync(staged, kept);
    rmSync(staged);
    try {
      const result = electronBuilder(project, join(root, 'dist-without-redis'));
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('there is no redis-server for linux-x64');
      expect(result.stdout + result.stderr).toContain('npm run stage:redis');
      expect(existsSync(join(root, 'dist-without-redis', 'linux-unpacked', 'resources', 'app.asar'))).toBe(false);
    } finally {
      copyFileSync(kept, staged);
      chmodSync(staged, 0o755);
    }
  }, 120_000);
});

describe('the beforePack checks', () => {
  const context = (arch = 1) =>
    ({
      electronPlatformName: 'linux',
      arch,
      packager: { projectDir: project.dir, info: { framework: { version: electronVersion() } } },
    }) as unknown as Parameters<typeof checkBeforePack>[0];

  it('pass on the stand-in project', () => {
    expect(() => checkBeforePack(context())).not.toThrow();
  });

  it('refuse a redis-server that is not executable', () => {
    const staged = join(project.dir, 'resources', 'redis', 'linux-x64', 'redis-server');
    chmodSync(staged, 0o644);
    try {
      expect(() => checkBeforePack(context())).toThrow(/redis-server is not executable/);
    } finally {
      chmodSync(staged, 0o755);
    }
  });

  it("refuse the Node build of better-sqlite3, read against electron's abi_version", () => {
    const binding = join(project.dir, 'node_modules', 'better-sqlite3', 'build-electron', 'better_sqlite3.node');
    rmSync(binding);
    copyFileSync(join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
    try {
      expect(() => checkBeforePack(context())).toThrow(
        new RegExp(
          `built for NODE_MODULE_VERSION ${process.versions.modules}, but Electron \\S+ needs ${electronAbi()}: run \`npm run setup:desktop\``,
        ),
      );
    } finally {
      rmSync(binding);
      writeStandInBinding(binding, electronAbi());
    }
  });

  it('refuse a binding and a Redis for another CPU', () => {
    expect(() => checkBeforePack(context(3))).toThrow(
      /no redis-server for linux-arm64.*built for linux-x64, but this Electron \S+ is for linux-arm64/,
    );
  });
});

function electronVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}
