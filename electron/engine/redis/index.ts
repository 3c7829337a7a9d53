// The Redis the engine uses: its own bundled redis-server, or the one REDIS_HOST names.
import { BundledRedis, type BundledRedisOptions } from './bundled-redis';
import { ExternalRedis, externalEndpointFromEnv } from './external-redis';
import type { RedisProvider } from './types';

export { findRedisBinary, RedisBinaryNotFoundError, type FindRedisBinaryOptions } from './binary';
export { RedisAuthError } from './wait-for-ping';
export { describeEndpoint, type RedisEndpoint, type RedisLog, type RedisProvider, type RedisProviderEvents } from './types';

export type CreateRedisProviderOptions = BundledRedisOptions;

export function createRedisProvider(options: CreateRedisProviderOptions): RedisProvider {
  const external = externalEndpointFromEnv(options.env ?? process.env);
  return external ? new ExternalRedis(external, options) : new BundledRedis(options);
}
