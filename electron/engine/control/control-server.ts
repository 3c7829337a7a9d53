// The engine's local control socket: the same contract the UI uses, for the CLI and scripts. Every request goes
// through EngineApi.call, which validates it; the socket only frames lines and keeps one bad client from
// hurting the engine or the other clients.
import { chmod, lstat, rmdir, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { EVENT_NAMES, type EventName } from '../../../shared/contract/events';
import { AppError, type ErrorShape } from '../../../shared/errors';
import type { EngineApi } from '../api/engine-api';
import { validationError } from '../api/validation-error';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import {
  CONTROL_CHANNELS,
  MAX_REQUEST_BYTES,
  encodeFrame,
  subscriptionInput,
  isRequestId,
  type ControlResponse,
  type PingValue,
  type RequestId,
  type SubscriptionValue,
} from './control-protocol';
import { LineDecoder } from './line-decoder';
import { ensureOwnerOnlyDir } from '../security/owner-only-dir';
import { controlSocketPath, isNamedPipe } from './socket-path';
import { probeSocket } from './socket-probe';

export interface ControlServerOptions {
  dataDir: string;
  api: EngineApi;
  events: EngineEventBus;
  log?: Logger;
  /** Default 1 MiB. */
  maxRequestBytes?: number;
  /** A client that stops reading is dropped once this much output waits for it; default 32 MiB. */
  maxPendingOutputBytes?: number;
  /** A connection that has not sent one complete request within this time is closed; default 10 s. */
  firstRequestTimeoutMs?: number;
}

export interface ControlServer {
  readonly path: string;
  /** Stops listening, closes every connection and removes the socket file. */
  close(): Promise<void>;
}

const DEFAULT_MAX_PENDING_OUTPUT_BYTES = 32 * 1024 * 1024;
const DEFAULT_FIRST_REQUEST_TIMEOUT_MS = 10_000;
/** Requests of one connection running at once; past this the engine stops reading from it until some finish. */
const MAX_REQUESTS_IN_FLIGHT = 64;
/** How long a client past the size limit may go on sending after its error, before its connection is cut. */
const OVERSIZED_DRAIN_MS = 2_000;

interface Connection {
  socket: Socket;
  events: Set<EventName>;
  inFlight: number;
}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { dataDir, api, events, log } = options;
  const maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const maxPendingOutputBytes = options.maxPendingOutputBytes ?? DEFAULT_MAX_PENDING_OUTPUT_BYTES;
  const firstRequestTimeoutMs = options.firstRequestTimeoutMs ?? DEFAULT_FIRST_REQUEST_TIMEOUT_MS;
  const path = controlSocketPath(dataDir, { create: true }) as string;
  const connections = new Set<Connection>();

  function send(connection: Connection, frame: string): void {
    const { socket } = connection;
    if (socket.destroyed || !socket.writable) return;
    if (socket.writableLength > maxPendingOutputBytes) {
      log?.warn('Control socket: dropping a client that does not read its messages.');
      socket.destroy();
      return;
    }
    socket.write(frame);
  }

  function respond(connection: Connection, response: ControlResponse): void {
    send(connection, encodeFrame(response));
  }

  async function handleLine(connection: Connection, line: string): Promise<void> {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      respond(connection, failure(null, { code: 'validation', message: 'The request is not valid JSON; send one JSON object per line.' }));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      respond(connection, failure(null, { code: 'validation', message: 'A request must be a JSON object: {"id", "channel", "input"}.' }));
      return;
    }
    const request = message as Record<string, unknown>;
    if (!isRequestId(request.id)) {
      respond(
        connection,
        failure(null, { code: 'validation', message: 'id: a request needs an "id", a string (at most 200 characters) or a number.', field: 'id' }),
      );
      return;
    }
    const id = request.id;
    if (typeof request.channel !== 'string' || request.channel === '') {
      respond(connection, failure(id, { code: 'validation', message: 'channel: a request needs a "channel", e.g. "posts:list".', field: 'channel' }));
      return;
    }
    const result = await dispatch(connection, request.channel, request.input);
    respond(connection, result.ok ? { id, ok: true, value: result.value } : failure(id, result.error));
  }

  async function dispatch(
    connection: Connection,
    channel: string,
    input: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorShape }> {
    switch (channel) {
      case CONTROL_CHANNELS.ping: {
        const value: PingValue = { pid: process.pid, dataDir };
        return { ok: true, value };
      }
      case CONTROL_CHANNELS.subscribe:
      case CONTROL_CHANNELS.unsubscribe: {
        const parsed = subscriptionInput.safeParse(input ?? {});
        if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
        const names = parsed.data.events ?? EVENT_NAMES;
        for (const name of names) {
          if (channel === CONTROL_CHANNELS.subscribe) connection.events.add(name);
          else connection.events.delete(name);
        }
        const value: SubscriptionValue = { events: [...connection.events] };
        return { ok: true, value };
      }
      default:
        return api.call(channel, input);
    }
  }

  function accept(socket: Socket): void {
    const connection: Connection = { socket, events: new Set(), inFlight: 0 };
    connections.add(connection);
    const decoder = new LineDecoder(maxRequestBytes);
    let readEnded = false;
    // A client that never completes a request (slowloris) would hold its connection forever.
    let firstRequestTimer: NodeJS.Timeout | undefined = setTimeout(() => {
      log?.warn('Control socket: closing a connection that sent no complete request in time.');
      socket.destroy();
    }, firstRequestTimeoutMs);
    firstRequestTimer.unref();

    // With the read side shut (a half-close), the answers still go out; the connection ends after the last one.
    const endIfDone = () => {
      if (readEnded && connection.inFlight === 0 && !socket.destroyed) socket.end();
    };
    const run = (line: string) => {
      if (firstRequestTimer && line.trim() !== '') {
        clearTimeout(firstRequestTimer);
        firstRequestTimer = undefined;
      }
      connection.inFlight++;
      handleLine(connection, line)
        .catch((error: unknown) => log?.error('Control socket: a request failed', error))
        .finally(() => {
          connection.inFlight--;
          if (connection.inFlight < MAX_REQUESTS_IN_FLIGHT && socket.isPaused()) socket.resume();
          endIfDone();
        });
    };

    socket.on('data', (chunk: Buffer) => {
      const { lines, oversized } = decoder.push(chunk);
      for (const line of lines) run(line);
      // A client pipelining faster than the engine answers waits, instead of piling up work in memory.
      if (connection.inFlight >= MAX_REQUESTS_IN_FLIGHT) socket.pause();
      if (oversized) {
        socket.removeAllListeners('data');
        socket.removeAllListeners('end');
        respond(
          connection,
          failure(null, { code: 'validation', message: `A request is larger than ${maxRequestBytes} bytes; the connection is closed.` }),
        );
        // The rest the client sends is read and dropped: closed with its bytes unread, the connection would be reset
        // under the client, which could then lose the error unread. One that keeps sending is cut off.
        socket.on('data', () => undefined);
        socket.resume();
        socket.end();
        const cutOff = setTimeout(() => socket.destroy(), OVERSIZED_DRAIN_MS);
        cutOff.unref();
        socket.once('close', () => clearTimeout(cutOff));
      }
    });
    socket.on('end', () => {
      readEnded = true;
      // The last request may lack its newline: the end of the stream completes it.
      const last = decoder.rest();
      if (last !== undefined) run(last);
      endIfDone();
    });
    // A client vanishing mid-write (EPIPE, ECONNRESET) is its own business, never the engine's.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(firstRequestTimer);
      connections.delete(connection);
    });
  }

  const unsubscribe = events.onAny((event, payload) => {
    let frame: string | undefined;
    for (const connection of connections) {
      if (!connection.events.has(event)) continue;
      frame ??= encodeFrame({ event, payload });
      send(connection, frame);
    }
  });

  const server = createServer({ allowHalfOpen: true }, accept);
  try {
    await listenOnce(server, path, dataDir);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  server.on('error', (error) => log?.error('Control socket error', error));
  log?.info(`Control socket listening on ${path}`);

  let closing: Promise<void> | undefined;
  return {
    path,
    close() {
      closing ??= new Promise<void>((done) => {
        unsubscribe();
        for (const { socket } of connections) socket.destroy();
        // Node removes the socket file when a Unix-socket server closes; a short-path directory of our own goes too.
        server.close(() => {
          const dir = dirname(path);
          if (isNamedPipe(path) || dir === resolve(dataDir)) done();
          else
            rmdir(dir)
              .catch(() => undefined)
              .finally(done);
        });
      });
      return closing;
    },
  };
}

function failure(id: RequestId | null, error: ErrorShape): ControlResponse {
  return { id, ok: false, error };
}

async function listenOnce(server: Server, path: string, dataDir: string): Promise<void> {
  if (!isNamedPipe(path)) await ensureOwnerOnlyDir(dirname(path));
  try {
    await listen(server, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await replaceStaleSocket(path, dataDir);
    await listen(server, path);
  }
  if (!isNamedPipe(path)) await chmod(path, 0o600);
}

/** A crashed engine leaves its socket file behind; a running one must be left alone. */
async function replaceStaleSocket(path: string, dataDir: string): Promise<void> {
  const state = isNamedPipe(path) ? 'live' : await probeSocket(path);
  if (state === 'live' || state === 'denied') {
    throw new AppError({
      code: 'conflict',
      message: `An engine is already running for this data directory (${dataDir}); its control socket is ${path}.`,
    });
  }
  if (state === 'missing') return;
  const stats = await lstat(path);
  if (!stats.isSocket()) {
    throw new AppError({ code: 'conflict', message: `${path} is in the way of the control socket and is not a socket; move it away.` });
  }
  await unlink(path);
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(path);
  });
}
