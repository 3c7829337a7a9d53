// ioredis options for a connection to the engine's Redis.
import type { RedisOptions } from 'ioredis';
import type { RedisEndpoint } from '../redis';

export function connectionOptions(endpoint: RedisEndpoint, extra: Partial<RedisOptions>): RedisOptions {
  return {
    ...(endpoint.path !== undefined ? { path: endpoint.path } : { host: endpoint.host, port: endpoint.port }),
    ...(endpoint.username ? { username: endpoint.username } : {}),
    ...(endpoint.password ? { password: endpoint.password } : {}),
    // A local Redis comes back within a second; don't let reconnect gaps grow to ioredis's 20 s default.
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
    ...extra,
  };
}
