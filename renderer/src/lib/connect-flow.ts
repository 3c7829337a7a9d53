// One sign-in at a time from the Accounts screen: start it, follow it through connect:changed, choose Pages, cancel.
// The desktop app's engine opens the system browser itself; in a browser tab (`npm run web`) the sign-in opens in a
// new tab, opened at once on the click so the browser does not take it for an unwanted pop-up.
import { useCallback, useRef, useState } from 'react';
import type { LoginKind, Platform } from '../../../shared/domain';
import type { ConnectFlowView } from '../../../shared/oauth';
import { call } from './api';
import { useEngineEvent } from './use-engine-event';
import { runsInBrowserTab } from './web-bridge';

export interface ConnectRequest {
  platform: Platform;
  accountId?: string;
  loginKind?: LoginKind;
}

export interface ConnectFlowState {
  flow: ConnectFlowView | null;
  start(request: ConnectRequest): Promise<void>;
  choose(choiceIds: string[]): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
}

export function useConnectFlow(onEnded: (flow: ConnectFlowView) => void): ConnectFlowState {
  const [flow, setFlow] = useState<ConnectFlowView | null>(null);
  const current = useRef<string | null>(null);
  // The end arrives twice (the event and the answer to a choice or a cancel): it is told once.
  const told = useRef<string | null>(null);

  const follow = useCallback(
    (next: ConnectFlowView) => {
      if (next.id !== current.current) return;
      setFlow(next);
      if ((next.status === 'connected' || next.status === 'failed' || next.status === 'cancelled') && told.current !== next.id) {
        told.current = next.id;
        onEnded(next);
      }
    },
    [onEnded],
  );
  useEngineEvent('connect:changed', ({ flow: next }) => follow(next));

  const start = useCallback(async (request: ConnectRequest) => {
    const tab = runsInBrowserTab() ? window.open('about:blank', '_blank') : null;
    let started: ConnectFlowView;
    try {
      started = await call('accounts:connect', { ...request, openBrowser: true });
    } catch (error) {
      tab?.close();
      throw error;
    }
    current.current = started.id;
    setFlow(started);
    if (started.openedBrowser) {
      tab?.close();
    } else if (tab) {
      // The sign-in page must not reach back into this page.
      tab.opener = null;
      tab.location.href = started.authorizeUrl;
    }
  }, []);

  const choose = useCallback(
    async (choiceIds: string[]) => {
      if (current.current === null) return;
      follow(await call('accounts:connectChoose', { flowId: current.current, choiceIds }));
    },
    [follow],
  );

  const cancel = useCallback(async () => {
    if (current.current === null) return;
    follow(await call('accounts:connectCancel', { flowId: current.current }));
  }, [follow]);

  const dismiss = useCallback(() => {
    current.current = null;
    setFlow(null);
  }, []);

  return { flow, start, choose, cancel, dismiss };
}
