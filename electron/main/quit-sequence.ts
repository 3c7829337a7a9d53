// Quitting waits for the engine: before-quit is held off once, the shutdown steps run in order (the engine lets an
// active publish finish, then stops Redis and the database), and only then the app exits. A step that fails is
// logged and the next one still runs; a deadline exits anyway so a stuck step cannot keep the app alive.
import type { Logger } from '../engine/logger';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export interface QuitOutcome {
  /** Names of the steps that threw, in order; empty after a clean shutdown. */
  failed: string[];
  /** Whether the deadline ran out before the steps finished. */
  timedOut: boolean;
}

export interface QuitSequenceOptions {
  steps: ShutdownStep[];
  exit: (outcome: QuitOutcome) => void;
  log: Logger;
  /** Exit after this long even if a step has not finished. */
  deadlineMs: number;
}

export interface QuitSequence {
  /** For before-quit: the first call starts the shutdown, every call keeps Electron from quitting before it ends. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** True from the first before-quit on: window close handlers then let the window close. */
  readonly quitting: boolean;
}

export function createQuitSequence(options: QuitSequenceOptions): QuitSequence {
  let quitting = false;
  let exited = false;
  const failed: string[] = [];

  const exitOnce = (timedOut: boolean) => {
    if (exited) return;
    exited = true;
    options.exit({ failed: [...failed], timedOut });
  };

  const shutdown = async () => {
    const deadline = setTimeout(() => {
      options.log.error(`Shutdown did not finish within ${options.deadlineMs} ms; exiting anyway.`);
      exitOnce(true);
    }, options.deadlineMs);
    for (const step of options.steps) {
      try {
        await step.run();
      } catch (error) {
        failed.push(step.name);
        options.log.error(`Shutdown step "${step.name}" failed`, error);
      }
    }
    clearTimeout(deadline);
    exitOnce(false);
  };

  return {
    onBeforeQuit(event) {
      if (exited) return;
      event.preventDefault();
      if (quitting) return;
      quitting = true;
      void shutdown();
    },
    get quitting() {
      return quitting;
    },
  };
}
