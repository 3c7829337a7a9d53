// What every platform's end-to-end test shares: a real engine (bundled redis-server, SQLite file, the real publisher
// registry, no publisher override) pointed at one fake platform by its PUBLISHING_ENGINE_<PLATFORM>_API_ORIGIN, and
// a cleanup list that stops everything a test started, even when the test failed halfway.
import { expect } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { PostView, TargetView } from '../../shared/domain';
import { makeDataDir, removeDataDir, startTestEngine, testEnv } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';

/** Steps that stop what a test started, run last-first in afterEach; every step runs even if one fails. */
export class Cleanup {
  private steps: (() => unknown)[] = [];

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    const steps = this.steps.reverse();
    this.steps = [];
    const errors: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** Starts an engine whose publishers see `env` (origin overrides, OAuth clients); it is stopped and its data removed by `cleanup`. */
export async function startPlatformEngine(cleanup: Cleanup, env: NodeJS.ProcessEnv): Promise<Engine> {
  const dataDir = makeDataDir();
  cleanup.add(() => removeDataDir(dataDir));
  // Media servers run on 127.0.0.1: this is the one place the engine may fetch from private addresses.
  const engine = await startTestEngine({
    dataDir,
    env: testEnv(env),
    queue: { backoffMs: 100 },
    publisherConfig: { allowPrivateMediaAddresses: true },
  });
  cleanup.add(() => engine.stop());
  return engine;
}

/** An instant `ms` from now, as the contract wants it. */
export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/** Waits until the post is done one way or the other (published, failed, cancelled), so a failure shows its reason. */
export function waitForSettledPost(engine: Engine, postId: string): Promise<PostView> {
  return waitFor(
    () => engine.api.invoke('posts:get', { id: postId }),
    (post) => post.status === 'published' || post.status === 'failed' || post.status === 'cancelled',
    20_000,
    `post ${postId} to settle`,
  );
}

/** The post's one target (each test posts to one account). */
export function onlyTarget(post: PostView): TargetView {
  expect(post.targets).toHaveLength(1);
  return post.targets[0] as TargetView;
}
