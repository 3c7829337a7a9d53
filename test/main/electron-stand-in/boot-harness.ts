// Boots the built main process (out/main/index.js) in a child Node process whose `electron` is the recording
// stand-in, and drives it: IPC calls as the window's page would make them, tray clicks, window events, quit.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../e2e/support/build-output';

export const mainBundle = join(repoRoot, 'out', 'main', 'index.js');
const register = join(__dirname, 'register.cjs');

export interface RecordedCall {
  call: string;
  [detail: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  record: RecordedCall[];
}

export interface BootOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** An earlier boot's app data (a later start of the same installation); a fresh temporary folder by default. */
  appData?: string;
}

export class BootedApp {
  readonly appData: string;
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private readonly report: string;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(options: BootOptions = {}) {
    this.appData = options.appData ?? mkdtempSync(join(tmpdir(), 'pe-boot-'));
    this.report = join(this.appData, 'stand-in-report.json');
    this.child = fork(mainBundle, options.args ?? [], {
      cwd: repoRoot,
      execArgv: ['--require', register],
      // No D-Bus session (so no StatusNotifier host), no Redis from the developer's shell.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        STAND_IN_APP_DATA: this.appData,
        STAND_IN_APP_PATH: repoRoot,
        STAND_IN_REPORT: this.report,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.stdout.push(chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.error));
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        for (const waiting of this.pending.values()) waiting.reject(new Error(`The app exited (${code ?? signal}).`));
        this.pending.clear();
        const record = existsSync(this.report) ? (JSON.parse(readFileSync(this.report, 'utf8')) as { record: RecordedCall[] }).record : [];
        resolve({ code, signal, record });
      });
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  command<T = unknown>(type: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (!this.child.send({ id, type, ...args })) reject(new Error('The app is not running.'));
    });
  }

  record(): Promise<RecordedCall[]> {
    return this.command<RecordedCall[]>('record');
  }

  /** A contract call as the window's page makes it (through the recorded ipcMain handler). */
  invoke<T = unknown>(
    channel: string,
    input: unknown,
    frameUrl?: string,
  ): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
    return this.command('invoke', { channel, input, ...(frameUrl ? { frameUrl } : {}) });
  }

  /** Until the window's page has loaded and the preload has exposed window.api. */
  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const window = await this.command<{ url: string } | null>('window').catch(() => null);
      if (window?.url && (await this.command('evaluate', { code: 'typeof window.api' }).catch(() => undefined)) === 'object') return;
      if (Date.now() > deadline) throw new Error(`The app did not become ready:\n${this.stdout.join('')}\n${this.stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops the child if a test failed half-way, and removes the stand-in's app data. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.appData, { recursive: true, force: true });
  }
}

export function indexOfCall(record: RecordedCall[], call: string, where: (entry: RecordedCall) => boolean = () => true): number {
  return record.findIndex((entry) => entry.call === call && where(entry));
}
