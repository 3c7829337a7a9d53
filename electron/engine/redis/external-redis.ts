// A Redis the user runs themselves, chosen with the REDIS_HOST, REDIS_PORT and REDIS_PASSWORD environment variables:
// nothing is spawned, restarted or stopped; start() only checks that it answers.
import { EventEmitter } from 'node:events';
import type { RedisEndpoint, RedisLog, RedisProvider, RedisProviderEvents } from './types';
import { waitForPing } from './wait-for-ping';

export interface ExternalRedisOptions {
  log?: RedisLog;
  startTimeoutMs?: number;
}

const defaultStartTimeoutMs = 5_000;
const pingIntervalMs = 100;

export class ExternalRedis extends EventEmitter<RedisProviderEvents> implements RedisProvider {
  readonly kind = 'external' as const;
  readonly pid = undefined;

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly options: ExternalRedisOptions = {},
  ) {
    super();
  }

  async start(): Promise<RedisEndpoint> {
    const { host, port } = this.endpoint;
    const timeoutMs = this.options.startTimeoutMs ?? defaultStartTimeoutMs;
    try {
      await waitForPing(this.endpoint, { timeoutMs, intervalMs: pingIntervalMs });
    } catch (error) {
      throw new Error(`The Redis chosen by REDIS_HOST (${host}:${port}) is not usable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.options.log?.('info', `Using the external Redis at ${host}:${port}.`);
    return { ...this.endpoint };
  }

  async stop(): Promise<void> {}
}

// Undefined when REDIS_HOST is unset: the bundled Redis is used then.
export function externalEndpointFromEnv(env: NodeJS.ProcessEnv): RedisEndpoint | undefined {
  const host = env.REDIS_HOST?.trim();
  if (!host) return undefined;
  const portText = env.REDIS_PORT?.trim() || '6379';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`REDIS_PORT must be a port number from 1 to 65535; it is "${env.REDIS_PORT}".`);
  }
  return { host, port, password: env.REDIS_PASSWORD || undefined };
}
