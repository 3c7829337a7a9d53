// The bundled redis-server's whole configuration, handed over on its standard input (`redis-server -`), so the
// password never shows on a command line that /proc lets every local user read. The server listens on a unix
// socket in an owner-only directory with TCP off, except on Windows, where it listens on 127.0.0.1. Clients
// sign in as one ACL user that may run what BullMQ and the engine use, and none of the commands that read or
// change the server itself (CONFIG, DEBUG, SHUTDOWN, KEYS, MODULE, MONITOR, REPLICAOF, FLUSHALL, …).

/** The one user the engine signs in as; the default user is switched off. */
export const ENGINE_REDIS_USER = 'publishing-engine';

export type Listener = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export interface ServerConfigOptions {
  listener: Listener;
  password: string;
  /** Where the AOF lives. */
  dir: string;
  /** Redis's timer frequency; default SERVER_HZ. The bench sets another to measure the engine against it. */
  hz?: number;
}

/**
 * Redis's default timer frequency (dynamic-hz on): an idle server wakes 10 times a second instead of 100. A blocked
 * client's timeout is only noticed on that tick, so BullMQ alone would start a delayed job up to ~100 ms late; the
 * engine's due timer (publishing/due-timer.ts) wakes the worker at the due instant instead.
 */
export const SERVER_HZ = 10;

// @dangerous holds every admin and introspection command; INFO is given back because ioredis's ready check and
// BullMQ's version check read it (it shows no secrets).
const ENGINE_PERMISSIONS = '~* &* +@all -@dangerous +info';

export function serverConfig(options: ServerConfigOptions): string {
  const { listener } = options;
  const network =
    listener.kind === 'unix'
      ? [
          ['port', '0'],
          ['unixsocket', listener.path],
          ['unixsocketperm', '700'],
        ]
      : [
          ['bind', listener.host],
          ['port', String(listener.port)],
        ];
  const lines: string[][] = [
    ...network,
    ['protected-mode', 'yes'],
    ['appendonly', 'yes'],
    ['appendfsync', 'everysec'],
    // The AOF is the only persistence; RDB snapshots would only add forks and disk writes.
    ['save', ''],
    ['dir', options.dir],
    ['maxmemory-policy', 'noeviction'],
    ['hz', String(options.hz ?? SERVER_HZ)],
    ['logfile', ''],
    ['daemonize', 'no'],
  ];
  const users = [`user default off resetchannels -@all`, `user ${ENGINE_REDIS_USER} on >${options.password} ${ENGINE_PERMISSIONS}`];
  return [...lines.map(([name, value]) => `${name} ${quote(value ?? '')}`), ...users, ''].join('\n');
}

/** A value as Redis's config parser reads it back: double-quoted, with backslash escapes. */
function quote(value: string): string {
  let quoted = '"';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '"' || character === '\\') quoted += `\\${character}`;
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += character;
  }
  return `${quoted}"`;
}
