// A stand-in for the Electron build of better-sqlite3, which cannot be made here (it needs Electron's headers or the
// project's prebuilt binary from GitHub): a file with exactly what the binding checks read, an ELF header and the
// ABI symbol of an addon.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../e2e/support/build-output';

export function electronAbi(): number {
  return Number(readFileSync(join(repoRoot, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
}

/** 64 bytes of a Linux ELF header, then the symbol an addon for `abi` exports: all that the binding checks read. */
export function writeStandInBinding(file: string, abi: number, arch: 'x64' | 'arm64' = 'x64'): void {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // 64-bit
  header[5] = 1; // little-endian
  header.writeUInt16LE(arch === 'x64' ? 0x3e : 0xb7, 18);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([header, Buffer.from(`\0node_register_module_v${abi}\0`, 'latin1')]));
}
