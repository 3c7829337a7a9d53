// What every platform's end-to-end test shares: a real engine (bundled redis-server, SQLite file, the real publisher
// registry, no publisher override) pointed at one fake platform by its PUBLISHING_ENGINE_<PLATFORM>_API_ORIGIN, and
// a cleanup list that stops everything a test started, even when the test failed halfway; and connecting accounts
// the way people do, by signing in at the platform's fake authorization server.
import { expect } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { AccountView, LoginKind, Platform, PostView, TargetView } from '../../shared/domain';
import type { ConnectFlowView } from '../../shared/oauth';
import type { OAuthSettings } from '../../electron/engine/accounts/accounts-module';
import { signInInBrowser } from '../fakes/oauth/browser';
import { freePort } from '../helpers/free-port';
import { makeDataDir, removeDataDir, startTestEngine, testEnv } from '../helpers/test-engine';
import { Cleanup } from '../helpers/cleanup';
import { waitFor } from '../helpers/wait-for';

export { Cleanup };

/** Starts an engine whose publishers see `env` (origin overrides, OAuth clients); it is stopped and its data removed by `cleanup`. */
export async function startPlatformEngine(cleanup: Cleanup, env: NodeJS.ProcessEnv, oauth: OAuthSettings = {}, now?: () => number): Promise<Engine> {
  const dataDir = makeDataDir();
  cleanup.add(() => removeDataDir(dataDir));
  // Media servers run on 127.0.0.1: this is the one place the engine may fetch from private addresses.
  const engine = await startTestEngine({
    dataDir,
    env: testEnv(env),
    queue: { backoffMs: 100 },
    publisherConfig: { allowPrivateMediaAddresses: true },
    oauth,
    ...(now ? { now } : {}),
  });
  cleanup.add(() => engine.stop());
  return engine;
}

/** Two free loopback ports to register as the app's redirect ports with an exact-match platform. */
export async function loopbackPorts(): Promise<number[]> {
  return [await freePort(), await freePort()];
}

export function callbackUris(ports: readonly number[], path = '/callback'): string[] {
  return ports.map((port) => `http://127.0.0.1:${port}${path}`);
}

/**
 * Connects an account the way a person does: "Connect" in the app, then the browser (played by an HTTP client)
 * signs in at the fake platform and is sent back to the app's loopback listener. Where the platform offers several
 * Pages or accounts, `choose` picks. Resolves with the flow once it ended.
 */
export async function connectInBrowser(
  engine: Engine,
  input: { platform: Platform; accountId?: string; loginKind?: LoginKind },
  choose: (flow: ConnectFlowView) => string[] = (flow) => flow.choices.map((choice) => choice.id),
): Promise<ConnectFlowView> {
  const started = await engine.api.invoke('accounts:connect', { ...input, openBrowser: false });
  await signInInBrowser(started.authorizeUrl);
  const settled = await waitForFlow(engine, started.id);
  if (settled.status !== 'choosing') return settled;
  await engine.api.invoke('accounts:connectChoose', { flowId: started.id, choiceIds: choose(settled) });
  return waitForFlow(engine, started.id);
}

/** Waits until the sign-in is past waiting for the browser and past trading the code. */
export function waitForFlow(engine: Engine, flowId: string): Promise<ConnectFlowView> {
  return waitFor(
    () => engine.api.invoke('accounts:connectGet', { flowId }),
    (flow) => flow.status !== 'waiting' && flow.status !== 'exchanging',
    15_000,
    `sign-in ${flowId} to settle`,
  );
}

/** The one account a sign-in connected; fails with the flow's message when it did not. */
export function connectedAccount(flow: ConnectFlowView): AccountView {
  expect(flow, flow.message ?? '').toMatchObject({ status: 'connected' });
  expect(flow.accounts).toHaveLength(1);
  return flow.accounts[0] as AccountView;
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
