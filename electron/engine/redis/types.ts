// The shapes the engine sees, whichever Redis it uses.
import type { EventEmitter } from 'node:events';

/** A unix socket (`path`) or TCP (`host` and `port`); the bundled server uses a socket wherever the OS has them. */
export type RedisEndpoint = ({ path: string; host?: undefined; port?: undefined } | { host: string; port: number; path?: undefined }) & {
  username?: string;
  password?: string;
};

export function describeEndpoint(endpoint: RedisEndpoint): string {
  return endpoint.path !== undefined ? `unix socket ${endpoint.path}` : `${endpoint.host}:${endpoint.port}`;
}

export interface RedisProviderEvents {
  // The bundled server came back after an unexpected exit, at the same address with the same password.
  restarted: [];
  // The bundled server exited without stop(); a restart follows unless 'error' reports that it gave up.
  exit: [code: number | null, signal: string | null];
  // Redis is gone for good (restarts exhausted, port taken, data directory taken over).
  error: [error: Error];
}

export interface RedisProvider extends EventEmitter<RedisProviderEvents> {
  readonly kind: 'bundled' | 'external';
  // Resolves once PING answers with the password.
  start(): Promise<RedisEndpoint>;
  // Idempotent; the bundled server gets SIGTERM (Redis fsyncs the AOF) and SIGKILL after a grace period.
  stop(): Promise<void>;
  readonly pid: number | undefined;
}

export type RedisLog = (level: 'info' | 'warn' | 'error', message: string) => void;
