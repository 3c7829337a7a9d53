// Asked once, at the first run: scheduled posts go out only while the app runs, so start at login is on unless the
// manager turns it off here (or later in Settings). The answer is one settings:set, so the login item follows it
// through settings:changed like any other change.
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import type { Settings } from '../../shared/domain';
import type { EngineApi } from '../engine/api/engine-api';
import type { Logger } from '../engine/logger';

const KEEP = 0;
const TURN_OFF = 1;

export const START_AT_LOGIN_QUESTION: MessageBoxOptions = {
  type: 'question',
  title: 'Start at login',
  message: 'Scheduled posts go out only while the app runs',
  detail:
    'Publishing Engine starts when you log in, hidden in the tray, so posts scheduled for later go out even after a restart. ' +
    'You can change this at any time in Settings.',
  buttons: ['Keep start at login', 'Turn it off'],
  defaultId: KEEP,
  // Closing the box keeps the default: the manager was told, and Settings can change it.
  cancelId: KEEP,
  noLink: true,
};

export interface StartAtLoginPromptOptions {
  settings: Settings;
  show: (options: MessageBoxOptions) => Promise<MessageBoxReturnValue>;
  api: Pick<EngineApi, 'call'>;
  log: Logger;
}

/** Asks unless asked before; answers whether it asked. */
export async function askStartAtLoginOnce(options: StartAtLoginPromptOptions): Promise<boolean> {
  if (options.settings.startAtLoginAsked) return false;
  const { response } = await options.show(START_AT_LOGIN_QUESTION);
  const saved = await options.api.call('settings:set', { startAtLogin: response !== TURN_OFF, startAtLoginAsked: true });
  if (!saved.ok) options.log.warn(`Could not save the start-at-login answer: ${saved.error.message}`);
  return true;
}
