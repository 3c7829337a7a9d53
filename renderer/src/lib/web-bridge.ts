// window.api for a plain browser tab served by `npm run web`: the same BridgeApi the Electron preload exposes,
// carried over HTTP to the local engine (POST /api/invoke) and Server-Sent Events (GET /api/events). The server
// only answers requests that carry the random token from the URL it printed, and come from its own origin.
import type { BridgeApi } from '../../../shared/contract/api';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import { createEventListeners } from '../../../shared/contract/event-listeners';
import { isEventName, type EngineEvents, type EventName } from '../../../shared/contract/events';
import { isErrorShape, type ErrorShape, type Result } from '../../../shared/errors';

const TOKEN_PARAM = 'token';
/** sessionStorage: a reload of the tab keeps working after the token left the address bar; a new tab needs the link. */
const TOKEN_KEY = 'publishing-engine.web-token';
/** EventSource retries a dropped connection itself, but gives up for good on an HTTP error; then we start over. */
const REOPEN_EVENTS_MS = 3_000;

function unavailable(message: string): { ok: false; error: ErrorShape } {
  return { ok: false, error: { code: 'engine_unavailable', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; value?: unknown; error?: unknown };
  return candidate.ok === true ? 'value' in candidate : candidate.ok === false && isErrorShape(candidate.error);
}

/** The token from the page URL (a fresh link wins), else the one this tab saw before; the URL no longer shows it. */
export function takeBridgeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token then lives for this page only.
    }
    url.searchParams.delete(TOKEN_PARAM);
    // Out of the address bar, the history and any screenshot; the hash route stays.
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function createWebBridge(token: string): BridgeApi {
  const listeners = createEventListeners();
  let source: EventSource | null = null;

  const dispatch = (message: MessageEvent<string>): void => {
    let parsed: { event?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(message.data) as { event?: unknown; payload?: unknown };
    } catch {
      return;
    }
    listeners.dispatch(parsed.event, parsed.payload);
  };

  // One stream for every listener, opened with the first subscription.
  const openEvents = (): void => {
    const opened = new EventSource(`/api/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
    opened.onmessage = dispatch;
    opened.onerror = () => {
      if (opened.readyState !== EventSource.CLOSED) return;
      setTimeout(() => {
        if (source === opened) openEvents();
      }, REOPEN_EVENTS_MS);
    };
    source = opened;
  };

  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-token': token },
          body: JSON.stringify({ channel, input }),
          cache: 'no-store',
        });
      } catch {
        return unavailable('The publishing engine does not answer. Is `npm run web` still running?');
      }
      if (response.status === 403) {
        return unavailable('This page is not connected to the running engine. Open the link `npm run web` printed (it carries the access key).');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unavailable(`The publishing engine sent an unreadable answer (HTTP ${response.status}).`);
      }
      if (!isResult(body)) return unavailable(`The publishing engine sent an unreadable answer (HTTP ${response.status}).`);
      // The engine validated the input against this channel's schema and answered with its output type.
      return body as Result<ChannelOutput<C>>;
    },

    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`);
      if (source === null) openEvents();
      return listeners.add(event, listener);
    },
  };
}

function showNotConnected(root: HTMLElement): void {
  const box = document.createElement('div');
  box.className = 'state state-error';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'not-connected';
  const title = document.createElement('h2');
  title.textContent = 'Not connected to a publishing engine';
  const text = document.createElement('p');
  text.textContent =
    'Open this app from the desktop app, or run `npm run web` and open the exact link it prints: ' +
    'the link carries the key that lets this page talk to the engine.';
  box.append(title, text);
  root.replaceChildren(box);
}

/**
 * Makes sure window.api exists before the app renders: the Electron preload's, else the web bridge when the page
 * has a token. Without either it explains what to do inside `root` and returns false.
 */
export function installWebBridge(root: HTMLElement): boolean {
  if ((window as Partial<Window>).api) return true;
  const token = takeBridgeToken();
  if (token === null) {
    showNotConnected(root);
    return false;
  }
  Object.defineProperty(window, 'api', { value: createWebBridge(token), configurable: false, enumerable: true, writable: false });
  return true;
}
