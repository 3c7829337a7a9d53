// The app's settings, shared by every screen and kept current by the engine's settings:changed; each version is
// handed to the display preferences (zone, first day of the week, clock) as it arrives.
import type { Settings } from '../../../shared/domain';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';
import { applySettings } from './preferences';

export const settingsResource = createLiveResource<Settings>(
  async () => {
    const settings = await call('settings:get', {});
    applySettings(settings);
    return settings;
  },
  ({ set }) => {
    onEngineEvent('settings:changed', ({ settings }) => {
      applySettings(settings);
      set(settings);
    });
  },
);
