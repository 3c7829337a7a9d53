// Run one user action at a time per component: a busy key for spinners and disabled buttons, errors as toasts.
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { toAppError } from './result';
import { showToast } from './toasts';

export interface ActionRunner {
  /** Key of the action in flight, or null. */
  busy: string | null;
  run: <T>(key: string, action: () => Promise<T>, onError?: (error: AppError) => void) => Promise<T | undefined>;
}

export function useAction(): ActionRunner {
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(async <T>(key: string, action: () => Promise<T>, onError?: (error: AppError) => void) => {
    setBusy(key);
    try {
      return await action();
    } catch (error) {
      const appError = toAppError(error);
      if (onError) onError(appError);
      else showToast({ tone: 'danger', message: appError.message });
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, run };
}
