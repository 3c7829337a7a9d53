// Every contract channel as a plain async function: validate the input with the channel's schema, call the
// engine, and return one error shape. The IPC bridge, the control socket and the web bridge all call `call`.
import { z } from 'zod';
import { channels, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../../shared/contract/channels';
import { AppError, type Result } from '../../../shared/errors';
import { illFormedTextPath } from './ill-formed-text';
import { validationError } from './validation-error';

export type ChannelHandlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> };

export interface EngineApi {
  /** Validates, runs, and never throws: every failure comes back as `{ ok: false, error }`. */
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Typed form for in-process callers; throws AppError on failure. */
  invoke<C extends Channel>(channel: C, input: z.input<(typeof channels)[C]['input']>): Promise<ChannelOutput<C>>;
}

export interface ApiLog {
  (level: 'error', message: string, error: unknown): void;
}

/** `handlers` is read per call: undefined while the engine is stopped. */
export function createEngineApi(handlers: () => ChannelHandlers | undefined, log?: ApiLog): EngineApi {
  async function call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'validation', message: `Unknown channel "${String(channel)}".`, field: 'channel' } };
    }
    const parsed = channels[channel].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const broken = illFormedTextPath(parsed.data);
    if (broken !== undefined) {
      const message = `${broken}: contains a broken character (an unpaired UTF-16 surrogate) that cannot be stored as written.`;
      return { ok: false, error: { code: 'validation', message, field: broken } };
    }
    const current = handlers();
    if (!current) return { ok: false, error: { code: 'engine_unavailable', message: 'The engine is not running.' } };
    try {
      const handler = current[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() };
      log?.('error', `${channel} failed`, error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the engine; the details are in the log.' } };
    }
  }

  return {
    call,
    async invoke(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new AppError(result.error);
      return result.value as never;
    },
  };
}
