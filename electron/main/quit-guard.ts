// Quitting while posts are due soon: scheduled posts go out only while the app runs, so a quit the manager asked
// for (the tray's Quit, the app menu, closing the window without close-to-tray) first says how many posts are due in
// the next 24 hours and offers to keep running in the tray instead. A quit the system asks for (shutdown, logout, a
// signal) or one already confirmed goes straight on to the quit sequence.
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { EngineApi } from '../engine/api/engine-api';
import type { Logger } from '../engine/logger';

export const DUE_SOON_WINDOW_MS = 24 * 60 * 60 * 1000;
const KEEP_RUNNING = 0;
const QUIT_ANYWAY = 1;

export function quitQuestion(duePosts: number, trayUsable: boolean): MessageBoxOptions {
  const posts = duePosts === 1 ? '1 post is' : `${duePosts} posts are`;
  return {
    type: 'warning',
    title: 'Quit Publishing Engine?',
    message: `${posts} due in the next 24 hours`,
    detail: trayUsable
      ? 'Scheduled posts go out only while the app runs. Keep it running in the tray and they publish on time; ' +
        'quit, and those due before it runs again are published late or missed.'
      : 'Scheduled posts go out only while the app runs. Keep it running and they publish on time; ' +
        'quit, and those due before it runs again are published late or missed.',
    buttons: [trayUsable ? 'Keep running in the tray' : 'Keep running', 'Quit anyway'],
    defaultId: KEEP_RUNNING,
    cancelId: KEEP_RUNNING,
    noLink: true,
  };
}

/** Scheduled posts due before `now + 24 h` (an overdue one about to go out counts too), from the engine. */
export async function postsDueSoon(api: Pick<EngineApi, 'call'>, now: number): Promise<number> {
  const listed = await api.call('posts:list', { to: new Date(now + DUE_SOON_WINDOW_MS).toISOString(), status: ['scheduled'] });
  if (!listed.ok) throw new Error(listed.error.message);
  return (listed.value as unknown[]).length;
}

export interface QuitGuardOptions {
  countDueSoon: () => Promise<number>;
  ask: (question: MessageBoxOptions) => Promise<MessageBoxReturnValue>;
  trayUsable: () => boolean;
  /** The manager chose to keep running: the window goes to the tray (or is minimised). */
  keepRunning: () => void;
  /** Quits again, past the guard. */
  quit: () => void;
  log: Logger;
}

export interface QuitGuard {
  /** For before-quit, ahead of the quit sequence: true when it held this quit off to ask first. */
  holds(event: { preventDefault(): void }): boolean;
  /** The next quit goes through without asking (the system's, the self-test's, an answered question). */
  allow(): void;
}

export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  let allowed = false;
  let asking = false;

  const ask = async () => {
    try {
      const due = await options.countDueSoon();
      if (due > 0) {
        const { response } = await options.ask(quitQuestion(due, options.trayUsable()));
        if (response !== QUIT_ANYWAY) {
          options.log.info(`Quit put off: ${due} post(s) due in the next 24 hours; still running.`);
          options.keepRunning();
          return;
        }
      }
    } catch (error) {
      // Never trap the manager in an app that cannot count its posts.
      options.log.warn('Could not count the posts due soon; quitting without asking.', error);
    } finally {
      asking = false;
    }
    allowed = true;
    options.quit();
  };

  return {
    holds(event) {
      if (allowed) return false;
      event.preventDefault();
      if (!asking) {
        asking = true;
        void ask();
      }
      return true;
    },
    allow() {
      allowed = true;
    },
  };
}
