// Whether media storage for public links is set up (Settings → Media storage): Instagram needs it for photos from
// this computer, and the composer says so before scheduling. Asked on opening and whenever the window is focused
// again, since the user may have set it up meanwhile. Undefined until known.
import { useEffect, useState } from 'react';
import { call } from './api';

export function useMediaStorageConfigured(): boolean | undefined {
  const [configured, setConfigured] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const ask = (): void => {
      call('storage:get', {}).then(
        (state) => {
          if (current) setConfigured(state.storage !== null);
        },
        () => undefined,
      );
    };
    ask();
    window.addEventListener('focus', ask);
    return () => {
      current = false;
      window.removeEventListener('focus', ask);
    };
  }, []);
  return configured;
}
