// The control socket of a real `publishing-engine serve` process, fed malformed, truncated, oversized, split and
// half-closed frames: the process stays up, answers the next good request, and nothing it stores changes.
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, type ControlClient } from '../../electron/engine/control/control-client';
import { ensureBuilt, killChildren, killOrphanedRedis, startServe, testEnv, type ServeProcess } from '../cli/cli-harness';
import { cut, cutsIn, engineState, refusedCall } from '../helpers/fuzz';

let root: string;
let dataDir: string;
let serve: ServeProcess;
let client: ControlClient;
let before: unknown;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cfuzz-'));
  dataDir = join(root, 'data');
  serve = await startServe(dataDir, await testEnv());
  client = await connectControl(dataDir);
  const account = await client.invoke('accounts:add', { platform: 'linkedin', name: 'Fuzz Co', accessToken: 'tok-fuzz' });
  await client.invoke('posts:create', { text: 'Kept as it is', mode: 'draft', targets: [{ accountId: account.id }] });
  before = await engineState(client.invoke);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await killChildren();
  killOrphanedRedis(dataDir);
  await rm(root, { recursive: true, force: true });
});

interface Exchange {
  chunks: Buffer[];
  /** After the last chunk: keep the connection open, shut the write side, or vanish. */
  then: 'wait' | 'half-close' | 'destroy';
  /** Answers to wait for before closing (with 'wait'). */
  answers: number;
}

/** Sends the chunks on a fresh connection and collects whole lines until `answers` arrived or the engine closed. */
function exchange(run: Exchange): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(serve.ready.socket);
    socket.setNoDelay(true);
    let received = '';
    const lines = () => received.split('\n').slice(0, -1);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (run.then === 'wait' && lines().length >= run.answers) socket.destroy();
    });
    socket.once('close', () => resolve(lines()));
    socket.once('connect', async () => {
      for (const chunk of run.chunks) {
        socket.write(chunk);
        await new Promise((pause) => setTimeout(pause, 1));
      }
      if (run.then === 'half-close') socket.end();
      if (run.then === 'destroy') socket.destroy();
      if (run.then === 'wait' && run.answers === 0) socket.destroy();
    });
    setTimeout(() => reject(new Error(`no answer; engine log:\n${serve.log()}`)), 15_000).unref();
  });
}

async function stillServing(): Promise<void> {
  expect(serve.child.exitCode).toBeNull();
  const fresh = await connectControl(dataDir);
  expect(await fresh.ping()).toMatchObject({ pid: serve.ready.pid });
  expect(await engineState(fresh.invoke)).toEqual(before);
  await fresh.close();
}

describe('control socket fuzzing', () => {
  it('answers every refused call, whole, split, truncated or half-closed, and stays up', async () => {
    const delivery = fc.constantFrom('whole', 'split', 'half-closed', 'truncated-then-half-closed', 'truncated-then-gone');
    await fc.assert(
      fc.asyncProperty(refusedCall, delivery, fc.nat(), async (call, how, seed) => {
        const line = Buffer.from(`${JSON.stringify({ id: 1, ...call })}\n`);
        const cuts = fc.sample(cutsIn(line.length), { numRuns: 1, seed })[0] ?? [];
        const truncated = line.subarray(0, Math.max(1, Math.floor(line.length / 2)));
        const run: Exchange =
          how === 'whole'
            ? { chunks: [line], then: 'wait', answers: 1 }
            : how === 'split'
              ? { chunks: cut(line, cuts), then: 'wait', answers: 1 }
              : how === 'half-closed'
                ? { chunks: [line], then: 'half-close', answers: 1 }
                : how === 'truncated-then-half-closed'
                  ? { chunks: [truncated], then: 'half-close', answers: 1 }
                  : { chunks: [truncated], then: 'destroy', answers: 0 };
        const answers = await exchange(run);
        if (how === 'truncated-then-gone') return;
        // A truncated last frame is still answered (as not JSON) before the engine closes the connection.
        expect(answers).toHaveLength(1);
        expect(JSON.parse(answers[0] ?? '')).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(validation|not_found)$/) } });
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it('answers junk bytes and closes oversized frames without harm', async () => {
    const junk = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({ oversized: false, bytes: Buffer.from(bytes) })),
      fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((size) => ({ oversized: true, bytes: Buffer.alloc(size, 'z') })),
    );
    await fc.assert(
      fc.asyncProperty(junk, fc.boolean(), async ({ oversized, bytes }, halfClose) => {
        const answers = await exchange({ chunks: [bytes], then: halfClose || oversized ? 'half-close' : 'destroy', answers: 0 });
        if (oversized) expect(JSON.parse(answers[0] ?? '')).toMatchObject({ id: null, ok: false, error: { code: 'validation' } });
        for (const answer of answers) expect(JSON.parse(answer)).toMatchObject({ ok: false });
      }),
      { numRuns: 60 },
    );
    await stillServing();
  });
});
