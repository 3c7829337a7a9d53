// better-sqlite3 is the one native module, and Node and Electron need different builds of it: a Node addon is tied
// to one NODE_MODULE_VERSION (the ABI: 115 for Node 20, 150 for Electron 45). The Node build stays where npm put it
// (build/), for the CLI and the tests; the Electron build sits next to it in build-electron/ (scripts/setup-desktop.ts
// makes it, packaging ships it) and is passed as `nativeBinding` when the engine runs inside Electron. Before it is
// loaded, its ABI and architecture are read from the file, so a wrong build is refused with the fix instead of a
// dlopen stack trace.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ELECTRON_BINDING_DIR = 'build-electron';
export const BINDING_FILE = 'better_sqlite3.node';
/** What fetches or builds the Electron binding in a checkout. */
export const SETUP_COMMAND = 'npm run setup:desktop';

export class NativeBindingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeBindingError';
  }
}

export interface BindingFacts {
  /** From the `node_register_module_v<N>` symbol every non-N-API addon exports; undefined when there is none. */
  abi: number | undefined;
  /** Node's names for the system and CPU the file was compiled for, from its ELF, Mach-O or PE header. */
  platform: 'linux' | 'darwin' | 'win32' | undefined;
  arch: string | undefined;
}

const ABI_SYMBOL = /node_register_module_v(\d+)/;

export function readBindingFacts(file: string): BindingFacts {
  const bytes = readFileSync(file);
  const abi = ABI_SYMBOL.exec(bytes.toString('latin1'))?.[1];
  return { abi: abi === undefined ? undefined : Number(abi), ...machine(bytes) };
}

export interface ExpectedBinding {
  abi: number;
  platform: string;
  arch: string;
  /** For messages: "Electron 45.5.0". */
  runtime: string;
}

/** Throws a NativeBindingError naming the fix unless `file` is an addon for exactly this ABI and CPU. */
export function checkBinding(file: string, expected: ExpectedBinding): void {
  let facts: BindingFacts;
  try {
    facts = readBindingFacts(file);
  } catch {
    throw new NativeBindingError(`The SQLite module for ${expected.runtime} is missing (${file}): run \`${SETUP_COMMAND}\` to fetch or build it.`);
  }
  if (facts.abi === undefined) {
    throw new NativeBindingError(`${file} is not a Node addon for ${expected.runtime}: run \`${SETUP_COMMAND}\` to fetch or build the right one.`);
  }
  if (facts.abi !== expected.abi) {
    throw new NativeBindingError(
      `The SQLite module ${file} was built for NODE_MODULE_VERSION ${facts.abi}, but ${expected.runtime} needs ${expected.abi}: ` +
        `run \`${SETUP_COMMAND}\` to fetch or build the right one.`,
    );
  }
  const platform = expected.platform === 'mas' ? 'darwin' : expected.platform;
  if (facts.platform !== platform || facts.arch !== expected.arch) {
    throw new NativeBindingError(
      `The SQLite module ${file} was built for ${facts.platform ?? 'an unknown system'}-${facts.arch ?? 'an unknown CPU'}, ` +
        `but this ${expected.runtime} is for ${platform}-${expected.arch}: run \`${SETUP_COMMAND} -- --arch ${expected.arch}\` on ${platform}.`,
    );
  }
}

/** better-sqlite3's folder: in a checkout node_modules/better-sqlite3, in an installer inside app.asar (unpacked). */
export function sqlitePackageDir(): string {
  return dirname(createRequire(__filename).resolve('better-sqlite3/package.json'));
}

export function electronBindingPath(packageDir: string): string {
  return join(packageDir, ELECTRON_BINDING_DIR, BINDING_FILE);
}

/**
 * The `nativeBinding` for better-sqlite3: undefined under Node (its own build/ is right), the checked Electron build
 * inside Electron.
 */
export function sqliteNativeBinding(versions: NodeJS.ProcessVersions = process.versions, packageDir?: string): string | undefined {
  if (!versions.electron) return undefined;
  const file = electronBindingPath(packageDir ?? sqlitePackageDir());
  checkBinding(file, { abi: Number(versions.modules), platform: process.platform, arch: process.arch, runtime: `Electron ${versions.electron}` });
  return file;
}

const ELF_MACHINES: Record<number, string> = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'arm' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' };

function machine(bytes: Buffer): Pick<BindingFacts, 'platform' | 'arch'> {
  if (bytes.length < 64) return { platform: undefined, arch: undefined };
  // ELF: e_machine at 18, in the byte order e_ident[EI_DATA] names.
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    return { platform: 'linux', arch: ELF_MACHINES[bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18)] };
  }
  // Mach-O, 64-bit little-endian, cputype right after the magic (a universal file holds several: no single arch).
  if (bytes.readUInt32LE(0) === 0xfeedfacf) return { platform: 'darwin', arch: MACHO_CPUS[bytes.readUInt32LE(4)] };
  // PE: "MZ", the PE header's offset at 0x3c, "PE\0\0", then the machine.
  if (bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 > bytes.length || bytes.readUInt32LE(pe) !== 0x00004550) return { platform: undefined, arch: undefined };
    return { platform: 'win32', arch: PE_MACHINES[bytes.readUInt16LE(pe + 4)] };
  }
  return { platform: undefined, arch: undefined };
}
