// `<app> --self-test`: proof, on a real machine, that the app as built starts and works. The app runs its normal
// start-up in a temporary data directory (its own Redis and SQLite, never the user's), publishes one post through
// the real queue and worker with the real X publisher to a stand-in for X's API on 127.0.0.1, has the window's page
// answer a contract call through the preload (and report when it drew its first screen), then quits through the normal
// quit sequence. It prints one JSON line of what held and exits 0, or exits 1 naming the first check that failed. The
// release workflow runs it on each OS.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, WebContents } from 'electron';
import type { PostView, PublishResultEvent } from '../../../shared/domain';
import { FIRST_SCREEN_MARK } from '../../../shared/first-screen';
import type { EngineApi } from '../../engine/api/engine-api';
import type { EngineEventBus } from '../../engine/events';
import type { QuitOutcome } from '../quit-sequence';
import { startXStandIn, type XStandIn } from './x-stand-in';

export const SELF_TEST_ARG = '--self-test';
/** Also writes the JSON line to this file: a Windows GUI program's standard output is not always there to read. */
export const SELF_TEST_REPORT_ENV = 'PUBLISHING_ENGINE_SELF_TEST_REPORT';
/** Everything, from start-up to the last check; a CI machine may be slow, but never this slow. */
const TIMEOUT_MS = 120_000;

type Check = 'start' | 'engine' | 'publish' | 'renderer' | 'quit';

export interface SelfTestApp {
  api: Pick<EngineApi, 'invoke'>;
  events: Pick<EngineEventBus, 'on'>;
  window: () => BrowserWindow | null;
  quit: () => void;
}

export class SelfTest {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'publishing-engine-self-test-'));
  private readonly held: Partial<Record<Check, Record<string, unknown>>> = {};
  private failure: { check: Check; reason: string } | undefined;
  private current: Check = 'start';
  private readonly startedAt = Date.now();
  private quitStartedAt = Date.now();
  private xStandIn: XStandIn | undefined;
  private readonly timeout: NodeJS.Timeout;

  constructor(
    private readonly versions: { app: string; electron: string | undefined },
    private readonly write: (line: string) => void = writeReport,
  ) {
    this.timeout = setTimeout(() => {
      this.fail(this.current, `did not finish within ${TIMEOUT_MS / 1000} s`);
      this.onTimeout?.();
    }, TIMEOUT_MS);
    this.timeout.unref();
  }

  /** Called when the overall time runs out: the host quits (and exits at its shutdown deadline if it must). */
  onTimeout: (() => void) | undefined;

  /** The engine's environment: the real X publisher pointed at the stand-in, and the bundled Redis, never one the
   *  shell points at. */
  async engineEnv(base: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
    this.xStandIn = await startXStandIn();
    const env: NodeJS.ProcessEnv = { ...base, PUBLISHING_ENGINE_TWITTER_API_ORIGIN: this.xStandIn.origin };
    for (const name of ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD']) delete env[name];
    return env;
  }

  /** Runs the checks once the app is up (engine started, window opening), then quits the app. */
  async run(app: SelfTestApp): Promise<void> {
    this.held.start = { ms: Date.now() - this.startedAt };
    try {
      await this.check('engine', async () => {
        const stats = await app.api.invoke('queue:stats', {});
        // Desktop notifications stay out of a test run.
        await app.api.invoke('settings:set', { notifications: false });
        return { queuePaused: stats.paused };
      });
      const post = await this.check('publish', () => this.publishOnce(app));
      await this.check('renderer', () => this.askThroughTheWindow(app, post.postId));
    } catch {
      // fail() has recorded the first failure; the quit still runs so Redis and SQLite close.
    }
    this.current = 'quit';
    this.quitStartedAt = Date.now();
    app.quit();
  }

  /** For the quit sequence's exit: records the quit, prints the one JSON line, and returns the exit code. */
  finish(outcome: QuitOutcome): number {
    clearTimeout(this.timeout);
    if (!this.failure) {
      if (outcome.timedOut) this.fail('quit', 'the shutdown did not finish in time');
      else if (outcome.failed.length > 0) this.fail('quit', `shutdown steps failed: ${outcome.failed.join(', ')}`);
      else this.held.quit = { ms: Date.now() - this.quitStartedAt };
    }
    return this.report();
  }

  /** The app could not start at all: prints the report and returns the exit code (1). */
  failedToStart(error: unknown): number {
    clearTimeout(this.timeout);
    this.fail('start', reasonOf(error));
    return this.report();
  }

  private report(): number {
    void this.xStandIn?.close();
    try {
      rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Windows may still hold a Chromium file in it; the temporary folder is cleaned by the system later.
    }
    const common = { app: this.versions.app, electron: this.versions.electron ?? null, platform: process.platform, arch: process.arch };
    if (this.failure) {
      this.write(JSON.stringify({ selfTest: 'failed', failed: this.failure.check, reason: this.failure.reason, ...common, held: this.held }));
      return 1;
    }
    this.write(JSON.stringify({ selfTest: 'passed', ...common, held: this.held }));
    return 0;
  }

  private async check<T extends Record<string, unknown>>(name: Check, run: () => Promise<T>): Promise<T> {
    this.current = name;
    const started = Date.now();
    try {
      const facts = await run();
      this.held[name] = { ms: Date.now() - started, ...facts };
      return facts;
    } catch (error) {
      this.fail(name, reasonOf(error));
      throw error;
    }
  }

  private fail(check: Check, reason: string): void {
    this.failure ??= { check, reason };
  }

  /** One post to X through the real queue, worker and publisher; the stand-in must have received it exactly once. */
  private async publishOnce(app: SelfTestApp): Promise<{ postId: string; url: string }> {
    const stand = this.xStandIn;
    if (!stand) throw new Error('the X stand-in is not running');
    const token = randomBytes(16).toString('hex');
    const results: PublishResultEvent[] = [];
    const stopListening = app.events.on('publish:result', (result) => results.push(result));
    try {
      const account = await app.api.invoke('accounts:add', { platform: 'twitter', name: '@self_test', accessToken: token });
      const text = `Publishing Engine self-test ${new Date().toISOString()}`;
      const post = await app.api.invoke('posts:create', { text, targets: [{ accountId: account.id }], mode: 'now' });
      const result = await until(() => results.find((candidate) => candidate.postId === post.id), 60_000, 'the publish result');
      if (result.status !== 'published') throw new Error(`the post was ${result.status}: ${result.message ?? 'no reason given'}`);
      const received = stand.posts.filter((candidate) => candidate.text === text);
      if (received.length !== 1) throw new Error(`the X stand-in received the post ${received.length} times`);
      if (received[0]?.authorization !== `Bearer ${token}`) throw new Error("the post did not carry the account's token");
      const stored = await app.api.invoke('posts:get', { id: post.id });
      const target = stored.targets[0];
      if (stored.status !== 'published' || target?.platformPostId !== received[0].id) {
        throw new Error(`the stored post says ${stored.status} with id ${target?.platformPostId ?? 'none'}`);
      }
      return { postId: post.id, url: result.url ?? '' };
    } finally {
      stopListening();
    }
  }

  /**
   * The page in the window calls posts:get through window.api (preload → IPC → engine) and sees the published post.
   * Also reports when the window's first screen was drawn (the page's own mark, from the start of its load): the
   * figure a manager waits for at each start, as only a real window on a real machine can show it.
   */
  private async askThroughTheWindow(
    app: SelfTestApp,
    postId: string,
  ): Promise<{ status: string; firstScreenMs: number; firstScreenAnswered: boolean }> {
    const window = await until(() => app.window() ?? undefined, 10_000, 'the window');
    await pageLoaded(window.webContents);
    // React renders just after the page's load event, and marks its first screen once idle: give it a moment.
    const answer = (await window.webContents.executeJavaScript(
      `(async () => {
        const deadline = Date.now() + 10000;
        const firstScreen = () => performance.getEntriesByName(${JSON.stringify(FIRST_SCREEN_MARK)})[0];
        while ((!document.getElementById('root')?.childElementCount || !firstScreen()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const mark = firstScreen();
        return { api: typeof window.api, rendered: document.getElementById('root')?.childElementCount ?? 0,
          firstScreen: mark ? { ms: mark.startTime, answered: mark.detail?.answered === true } : null,
          answer: await window.api.invoke('posts:get', { id: ${JSON.stringify(postId)} }) };
      })()`,
      true,
    )) as {
      api: string;
      rendered: number;
      firstScreen: { ms: number; answered: boolean } | null;
      answer: { ok: boolean; value?: PostView; error?: { message: string } };
    };
    if (answer.api !== 'object') throw new Error(`the page has no window.api (${answer.api})`);
    if (!answer.answer.ok) throw new Error(`posts:get through the preload failed: ${answer.answer.error?.message ?? 'no reason'}`);
    if (answer.answer.value?.status !== 'published') throw new Error(`the page was told the post is ${answer.answer.value?.status ?? 'missing'}`);
    if (answer.rendered === 0) throw new Error('the page rendered nothing');
    if (!answer.firstScreen) throw new Error('the page never marked its first screen drawn');
    return { status: answer.answer.value.status, firstScreenMs: Math.round(answer.firstScreen.ms), firstScreenAnswered: answer.firstScreen.answered };
  }
}

function writeReport(line: string): void {
  process.stdout.write(`${line}\n`);
  const file = process.env[SELF_TEST_REPORT_ENV];
  if (file) writeFileSync(file, `${line}\n`);
}

function pageLoaded(contents: WebContents): Promise<void> {
  if (!contents.isLoading()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    contents.once('did-finish-load', () => resolve());
    contents.once('did-fail-load', (_event, code, description) => reject(new Error(`the page did not load (${code} ${description})`)));
  });
}

async function until<T>(read: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not come within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown';
}
