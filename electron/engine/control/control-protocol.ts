// The control socket's wire format: one JSON object per line, UTF-8, in both directions.
//   request   {"id": 1, "channel": "posts:create", "input": {…}}
//   response  {"id": 1, "ok": true, "value": …} | {"id": 1, "ok": false, "error": {code, message, field?}}
//   event     {"event": "post:changed", "payload": {…}}   (only after events:subscribe)
// A response to a line that could not be read as a request carries "id": null.
import { z } from 'zod';
import { EVENT_NAMES, type EngineEvents, type EventName } from '../../../shared/contract/events';
import type { ErrorShape } from '../../../shared/errors';

/** Requests longer than this without a newline are refused and the connection is closed. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** Channels the socket itself answers, beside the contract's. */
export const CONTROL_CHANNELS = {
  /** Input `{events?: EventName[]}`; without `events`, every event. Adds to the connection's subscriptions. */
  subscribe: 'events:subscribe',
  /** Input `{events?: EventName[]}`; without `events`, all of them. */
  unsubscribe: 'events:unsubscribe',
  /** Answers `{pid, dataDir}`: tells a live engine from a stale socket. */
  ping: 'control:ping',
} as const;

/** The input of events:subscribe and events:unsubscribe. */
export const subscriptionInput = z
  .object({
    events: z
      .array(z.enum(EVENT_NAMES as [EventName, ...EventName[]]))
      .max(EVENT_NAMES.length, `at most ${EVENT_NAMES.length} events`)
      .optional(),
  })
  .strict();

export type RequestId = string | number;

export interface ControlRequest {
  id: RequestId;
  channel: string;
  input?: unknown;
}

export type ControlResponse = { id: RequestId | null; ok: true; value: unknown } | { id: RequestId | null; ok: false; error: ErrorShape };

export interface ControlEvent<E extends EventName = EventName> {
  event: E;
  payload: EngineEvents[E];
}

export interface PingValue {
  pid: number;
  dataDir: string;
}

export interface SubscriptionValue {
  events: EventName[];
}

export function encodeFrame(message: ControlResponse | ControlEvent | ControlRequest): string {
  return `${JSON.stringify(message)}\n`;
}

export function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'string' && value.length <= 200) || (typeof value === 'number' && Number.isFinite(value));
}
