import { describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/engine/logger';
import { createQuitSequence, type QuitOutcome } from '../../electron/main/quit-sequence';
import { waitFor } from '../helpers/wait-for';

function recordingLog() {
  const errors: string[] = [];
  const log: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };
  return { log, errors };
}

function quitEvent() {
  const event = { prevented: 0, preventDefault: () => event.prevented++ };
  return event;
}

describe('createQuitSequence', () => {
  it('holds the quit, runs the steps in order, then exits once', async () => {
    const order: string[] = [];
    const outcomes: QuitOutcome[] = [];
    const { log } = recordingLog();
    const quit = createQuitSequence({
      steps: [
        { name: 'engine', run: async () => void order.push('engine') },
        { name: 'control socket', run: () => void order.push('control socket') },
      ],
      exit: (outcome) => {
        order.push('exit');
        outcomes.push(outcome);
      },
      log,
      deadlineMs: 60_000,
    });
    expect(quit.quitting).toBe(false);
    const first = quitEvent();
    quit.onBeforeQuit(first);
    expect(first.prevented).toBe(1);
    expect(quit.quitting).toBe(true);
    await waitFor(
      () => order,
      (seen) => seen.includes('exit'),
      5_000,
      'exit',
    );
    expect(order).toEqual(['engine', 'control socket', 'exit']);
    expect(outcomes).toEqual([{ failed: [], timedOut: false }]);
  });

  it('keeps holding later quits without starting the shutdown again', async () => {
    let stops = 0;
    let exits = 0;
    let release = () => undefined as void;
    const stopEngine = () => {
      stops += 1;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const quit = createQuitSequence({
      steps: [{ name: 'engine', run: stopEngine }],
      exit: () => exits++,
      log: recordingLog().log,
      deadlineMs: 60_000,
    });
    quit.onBeforeQuit(quitEvent());
    const second = quitEvent();
    quit.onBeforeQuit(second);
    expect(second.prevented).toBe(1);
    expect(stops).toBe(1);
    release();
    await waitFor(
      () => exits,
      (count) => count === 1,
      5_000,
      'exit',
    );

    // After the exit, Electron's own quit must go through.
    const afterExit = quitEvent();
    quit.onBeforeQuit(afterExit);
    expect(afterExit.prevented).toBe(0);
  });

  it('logs a failed step, still runs the rest, and names it to the exit', async () => {
    const order: string[] = [];
    const outcomes: QuitOutcome[] = [];
    const { log, errors } = recordingLog();
    const quit = createQuitSequence({
      steps: [
        {
          name: 'engine',
          run: async () => {
            throw new Error('Redis would not stop');
          },
        },
        { name: 'control socket', run: () => void order.push('control socket') },
      ],
      exit: (outcome) => {
        order.push('exit');
        outcomes.push(outcome);
      },
      log,
      deadlineMs: 60_000,
    });
    quit.onBeforeQuit(quitEvent());
    await waitFor(
      () => order,
      (seen) => seen.includes('exit'),
      5_000,
      'exit',
    );
    expect(order).toEqual(['control socket', 'exit']);
    expect(errors).toEqual(['Shutdown step "engine" failed']);
    expect(outcomes).toEqual([{ failed: ['engine'], timedOut: false }]);
  });

  it('exits at the deadline when a step hangs, and only once', async () => {
    let exits = 0;
    const outcomes: QuitOutcome[] = [];
    const { log, errors } = recordingLog();
    const quit = createQuitSequence({
      steps: [{ name: 'stuck', run: () => new Promise<void>(() => undefined) }],
      exit: (outcome) => {
        exits++;
        outcomes.push(outcome);
      },
      log,
      deadlineMs: 20,
    });
    quit.onBeforeQuit(quitEvent());
    await waitFor(
      () => exits,
      (count) => count === 1,
      5_000,
      'exit',
    );
    expect(errors[0]).toMatch(/did not finish within 20 ms/);
    expect(outcomes).toEqual([{ failed: [], timedOut: true }]);
  });
});
