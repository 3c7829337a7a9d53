// Creates carry an idempotency key: the user's --idempotency-key, or a new one. When the engine goes away after the
// request was sent, the error names the key, so running the command again with it creates the thing at most once.
import { randomUUID } from 'node:crypto';
import type { ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import { AppError } from '../../shared/errors';
import type { CommandContext } from './command';
import { optionalString } from './option-values';

type CreateChannel = 'posts:create' | 'posts:queue' | 'accounts:add';

export const IDEMPOTENCY_OPTION = { 'idempotency-key': { type: 'string' } } as const;

export const IDEMPOTENCY_HELP = [
  '--idempotency-key K',
  'a key you make up (a UUID) for this create; the same key again creates nothing new and shows what the first made',
] as const;

export async function invokeCreate<C extends CreateChannel>(
  context: CommandContext,
  channel: C,
  input: Omit<ChannelInput<C>, 'idempotencyKey'>,
): Promise<ChannelOutput<C>> {
  const key = optionalString(context.values, 'idempotency-key') ?? randomUUID();
  const client = await context.client();
  try {
    return await client.invoke(channel, { ...input, idempotencyKey: key } as ChannelInput<C>);
  } catch (error) {
    if (error instanceof AppError && error.code === 'engine_unavailable') {
      throw new AppError({
        ...error.toShape(),
        message: `${error.message} It may have been created before the engine went away: run the same command with --idempotency-key ${key} once the engine is back, and it is created at most once.`,
      });
    }
    throw error;
  }
}
