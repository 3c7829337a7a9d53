// A client of a running engine's control socket, with the same ClientApi the renderer has: the CLI uses it, and
// so can any script. Errors arrive as AppError carrying the engine's error shape.
import { connect, type Socket } from 'node:net';
import type { ClientApi } from '../../../shared/contract/api';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import { AppError, isErrorShape } from '../../../shared/errors';
import { CONTROL_CHANNELS, encodeFrame, type PingValue, type RequestId } from './control-protocol';
import { LineDecoder } from './line-decoder';
import { controlSocketPath } from './socket-path';

export interface ControlClientOptions {
  /** A request unanswered for this long rejects with engine_unavailable (a frozen engine); default: wait. */
  requestTimeoutMs?: number;
}

export interface ControlClient extends ClientApi {
  readonly path: string;
  /** Asks for events; `on` does this by itself, this lets a caller wait until the engine has it. */
  subscribe(events?: EventName[]): Promise<void>;
  ping(): Promise<PingValue>;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: AppError): void;
  timer?: NodeJS.Timeout;
}

// Responses may be large (a long posts:list); the limit only guards against a runaway peer.
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export async function connectControl(dataDir: string, options: ControlClientOptions = {}): Promise<ControlClient> {
  const path = controlSocketPath(dataDir);
  if (path === undefined) throw unavailable(Object.assign(new Error('no socket'), { code: 'ENOENT' }), '(none yet)', dataDir);
  const socket = await open(path, dataDir);
  const pending = new Map<RequestId, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const decoder = new LineDecoder(MAX_RESPONSE_BYTES);
  let nextId = 1;
  let closedError: AppError | undefined;

  function fail(error: AppError): void {
    closedError ??= error;
    for (const request of pending.values()) {
      clearTimeout(request.timer);
      request.reject(closedError);
    }
    pending.clear();
  }

  socket.on('data', (chunk: Buffer) => {
    const { lines, oversized } = decoder.push(chunk);
    for (const line of lines) receive(line);
    if (oversized) {
      fail(new AppError({ code: 'internal', message: 'The engine sent a message too large to read.' }));
      socket.destroy();
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => fail(new AppError({ code: 'engine_unavailable', message: `The engine closed the control connection (${dataDir}).` })));

  function receive(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      for (const listener of listeners.get(message.event as EventName) ?? []) listener(message.payload as never);
      return;
    }
    const request = pending.get(message.id as RequestId);
    if (!request) return;
    pending.delete(message.id as RequestId);
    clearTimeout(request.timer);
    if (message.ok === true) request.resolve(message.value);
    else
      request.reject(
        new AppError(isErrorShape(message.error) ? message.error : { code: 'internal', message: 'The engine sent an unreadable error.' }),
      );
  }

  function request(channel: string, input: unknown): Promise<unknown> {
    if (closedError) return Promise.reject(closedError);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve, reject };
      const timeoutMs = options.requestTimeoutMs;
      if (timeoutMs !== undefined) {
        entry.timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new AppError({ code: 'engine_unavailable', message: `The engine did not answer ${channel} within ${Math.round(timeoutMs / 1000)} s.` }),
          );
        }, timeoutMs);
      }
      pending.set(id, entry);
      socket.write(encodeFrame({ id, channel, input }));
    });
  }

  return {
    path,
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      return request(channel, input) as Promise<ChannelOutput<C>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        request(CONTROL_CHANNELS.subscribe, { events: [event] }).catch(() => undefined);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
        if (set.size > 0 || listeners.get(event) !== set) return;
        listeners.delete(event);
        if (!closedError) request(CONTROL_CHANNELS.unsubscribe, { events: [event] }).catch(() => undefined);
      };
    },
    async subscribe(events) {
      await request(CONTROL_CHANNELS.subscribe, events === undefined ? {} : { events });
    },
    ping() {
      return request(CONTROL_CHANNELS.ping, {}) as Promise<PingValue>;
    },
    close() {
      fail(new AppError({ code: 'engine_unavailable', message: 'The control connection is closed.' }));
      if (socket.destroyed) return Promise.resolve();
      // Nothing is waiting for an answer any more, so a frozen engine must not hold the caller up.
      return new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    },
  };
}

function open(path: string, dataDir: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(unavailable(error, path, dataDir));
    });
  });
}

function unavailable(error: NodeJS.ErrnoException, path: string, dataDir: string): AppError {
  const denied = error.code === 'EACCES' || error.code === 'EPERM';
  const message = denied
    ? `The control socket ${path} is not yours to use: only the user who owns the data directory (${dataDir}) can talk to its engine.`
    : `No engine is running for the data directory ${dataDir}. Start one with "publishing-engine serve" or open the app.`;
  return new AppError({ code: 'engine_unavailable', message, details: { socket: path, cause: error.code ?? error.message } });
}
