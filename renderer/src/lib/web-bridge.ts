// window.api for a plain browser tab served by `npm run web`: the same BridgeApi the Electron preload exposes,
// carried over HTTP to the local engine (POST /api/invoke) and Server-Sent Events (GET /api/events). The server
// only answers requests that carry the random token from the URL it printed, and come from its own origin.
import type { BridgeApi, PickedFile } from '../../../shared/contract/api';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import { createEventListeners } from '../../../shared/contract/event-listeners';
import { isEventName, type EngineEvents, type EventName } from '../../../shared/contract/events';
import { isErrorShape, type ErrorShape, type Result } from '../../../shared/errors';
import type { MediaItemView } from '../../../shared/media-item';

const TOKEN_PARAM = 'token';
/** sessionStorage: a reload of the tab keeps working after the token left the address bar; a new tab needs the link. */
const TOKEN_KEY = 'publishing-engine.web-token';
/** After the event stream ends (the engine restarted, or dropped a tab that fell behind) it is opened again. */
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
  let opened = false;

  const dispatch = (data: string): void => {
    let parsed: { event?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(data) as { event?: unknown; payload?: unknown };
    } catch {
      return;
    }
    listeners.dispatch(parsed.event, parsed.payload);
  };

  // One stream for every listener, opened with the first subscription and reopened whenever it ends. It is read with
  // fetch, not EventSource, so the token travels in a header and never in an address the server must accept.
  const openEvents = async (): Promise<void> => {
    for (;;) {
      try {
        const response = await fetch('/api/events', { headers: { 'x-api-token': token }, cache: 'no-store' });
        if (response.ok && response.body) await readServerSentEvents(response.body, dispatch);
      } catch {
        // The engine is gone or dropped this stream; try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, REOPEN_EVENTS_MS));
    }
  };

  // Media previews load in <img> and <video>, which cannot send the token header: the bridge hands out a separate
  // key that opens previews only, asked for once.
  let previewKey: Promise<string | null> | undefined;
  const readPreviewKey = async (): Promise<string | null> => {
    try {
      const response = await fetch('/api/media/preview-key', { headers: { 'x-api-token': token }, cache: 'no-store' });
      const body = (await response.json()) as { ok?: unknown; value?: unknown };
      return response.ok && body.ok === true && typeof body.value === 'string' ? body.value : null;
    } catch {
      return null;
    }
  };

  return {
    async mediaPreviewUrl(id: string): Promise<string | null> {
      previewKey ??= readPreviewKey();
      const key = await previewKey;
      // A failed ask is asked again next time (the engine may have been restarting).
      if (key === null) previewKey = undefined;
      return key === null ? null : `/media/${encodeURIComponent(id)}?key=${encodeURIComponent(key)}`;
    },

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
      if (!opened) {
        opened = true;
        void openEvents();
      }
      return listeners.add(event, listener);
    },

    // A tab cannot name a path: each file's bytes stream to the engine (the browser reads them from disk as they go).
    async importFiles(files: readonly PickedFile[]): Promise<Result<MediaItemView[]>> {
      const items: MediaItemView[] = [];
      for (const [index, file] of files.entries()) {
        const uploaded = await uploadFile(token, file as File);
        if (!uploaded.ok) return { ok: false, error: { ...uploaded.error, field: `files.${index}` } };
        items.push(uploaded.value);
      }
      return { ok: true, value: items };
    },
  };
}

async function uploadFile(token: string, file: File): Promise<Result<MediaItemView>> {
  let response: Response;
  try {
    response = await fetch(`/api/media/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-api-token': token },
      body: file,
      cache: 'no-store',
    });
  } catch {
    return unavailable(`${file.name} could not be sent to the publishing engine. Is \`npm run web\` still running?`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return unavailable(`The publishing engine sent an unreadable answer (HTTP ${response.status}).`);
  }
  return isResult(body) ? (body as Result<MediaItemView>) : unavailable(`The publishing engine sent an unreadable answer (HTTP ${response.status}).`);
}

/** Calls `onData` with each event's data from a text/event-stream body, until the stream ends. */
async function readServerSentEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  // A streaming decoder keeps a character split across two chunks whole.
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const data = buffered
        .slice(0, end)
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      buffered = buffered.slice(end + 2);
      if (data !== '') onData(data);
      end = buffered.indexOf('\n\n');
    }
  }
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
  inBrowserTab = true;
  return true;
}

let inBrowserTab = false;

/** The page runs in a browser tab (`npm run web`), not in the desktop app: links it opens become new tabs. */
export function runsInBrowserTab(): boolean {
  return inBrowserTab;
}
