// The SQLite binding the engine hands better-sqlite3 inside Electron: read from the file (ABI symbol, system, CPU)
// and refused with the fix when it does not match, before anything tries to load it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBinding, NativeBindingError, readBindingFacts, sqliteNativeBinding } from '../../electron/engine/db/native-binding';
import { electronAbi, writeStandInBinding } from '../helpers/stand-in-binding';

const nodeBuild = join(process.cwd(), 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronVersions = (modules: string): NodeJS.ProcessVersions => ({ ...process.versions, electron: '45.5.0', modules });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-binding-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NativeBindingError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('readBindingFacts', () => {
  it('reads the ABI, system and CPU of the Node build the tests load', () => {
    expect(readBindingFacts(nodeBuild)).toEqual({ abi: Number(process.versions.modules), platform: 'linux', arch: process.arch });
  });

  it('reads Mach-O and PE headers too (macOS and Windows builds)', () => {
    const macho = Buffer.alloc(64);
    macho.writeUInt32LE(0xfeedfacf, 0);
    macho.writeUInt32LE(0x0100000c, 4);
    writeFileSync(join(dir, 'mac.node'), Buffer.concat([macho, Buffer.from('_node_register_module_v150\0')]));
    expect(readBindingFacts(join(dir, 'mac.node'))).toEqual({ abi: 150, platform: 'darwin', arch: 'arm64' });

    const pe = Buffer.alloc(256);
    pe.writeUInt16LE(0x5a4d, 0);
    pe.writeUInt32LE(0x80, 0x3c);
    pe.writeUInt32LE(0x00004550, 0x80);
    pe.writeUInt16LE(0x8664, 0x84);
    writeFileSync(join(dir, 'win.node'), Buffer.concat([pe, Buffer.from('node_register_module_v150\0')]));
    expect(readBindingFacts(join(dir, 'win.node'))).toEqual({ abi: 150, platform: 'win32', arch: 'x64' });
  });
});

describe('checkBinding', () => {
  const forElectron = { abi: electronAbi(), platform: 'linux', arch: process.arch, runtime: 'Electron 45.5.0' };

  it("refuses the Node build for Electron, reading its node_register_module_v symbol against electron's abi_version", () => {
    const message = refusal(() => checkBinding(nodeBuild, forElectron));
    expect(message).toContain(`built for NODE_MODULE_VERSION ${process.versions.modules}, but Electron 45.5.0 needs ${electronAbi()}`);
    expect(message).toContain('run `npm run setup:desktop`');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('accepts the Node build for Node', () => {
    expect(() =>
      checkBinding(nodeBuild, { abi: Number(process.versions.modules), platform: 'linux', arch: process.arch, runtime: 'Node' }),
    ).not.toThrow();
  });

  it('refuses a build for another CPU or system, and a file that is not an addon', () => {
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    expect(refusal(() => checkBinding(nodeBuild, { ...forElectron, abi: Number(process.versions.modules), arch: other }))).toContain(
      `is for linux-${other}`,
    );
    expect(refusal(() => checkBinding(nodeBuild, { ...forElectron, abi: Number(process.versions.modules), platform: 'win32' }))).toContain(
      'is for win32',
    );
    writeFileSync(join(dir, 'text.node'), 'not a library at all, just some text that is long enough to have a header');
    expect(refusal(() => checkBinding(join(dir, 'text.node'), forElectron))).toContain('is not a Node addon');
  });
});

describe('sqliteNativeBinding', () => {
  it('passes nothing under Node: better-sqlite3 loads its own build/', () => {
    expect(sqliteNativeBinding(process.versions)).toBeUndefined();
  });

  it('inside Electron, names the fix when build-electron/ is missing, and returns the checked file when it is right', () => {
    expect(refusal(() => sqliteNativeBinding(electronVersions('150'), dir))).toMatch(
      /The SQLite module for Electron 45\.5\.0 is missing .*npm run setup:desktop/,
    );
    const binding = join(dir, 'build-electron', 'better_sqlite3.node');
    mkdirSync(join(dir, 'build-electron'));
    writeFileSync(binding, readFileSync(nodeBuild));
    expect(refusal(() => sqliteNativeBinding(electronVersions('150'), dir))).toContain(
      `NODE_MODULE_VERSION ${process.versions.modules}, but Electron 45.5.0 needs 150`,
    );
    writeStandInBinding(binding, 150, process.arch as 'x64' | 'arm64');
    expect(sqliteNativeBinding(electronVersions('150'), dir)).toBe(binding);
  });
});
