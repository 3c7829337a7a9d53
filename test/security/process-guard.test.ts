// The process guard in a real child process: a stray exception or rejection is logged and the process keeps
// running; a storm of them stops it in order (exit code from onFatal) instead of looping.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURE = join(__dirname, 'fixtures', 'guarded-child.ts');

function run(mode: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

describe('process guard', () => {
  it('logs an escaped exception and rejection, and the process keeps running', async () => {
    const { code, stdout } = await run('stray');
    expect(stdout).toContain('logged: An exception escaped its handler; the engine keeps running.');
    expect(stdout).toContain('logged: A rejected promise escaped its handler; the engine keeps running.');
    expect(stdout).toContain('still running');
    expect(code).toBe(0);
  });

  it('stops in order when errors keep coming', async () => {
    const { code, stdout } = await run('storm');
    expect(stdout).toMatch(/errors escaped within 60 s; stopping the engine/);
    expect(stdout).toContain('fatal: stopping in order');
    expect(code).toBe(3);
  });
});
