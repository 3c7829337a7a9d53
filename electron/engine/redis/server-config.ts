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
 * Redis's timer frequency (dynamic-hz on): an idle server wakes this often a second, and each tick costs CPU. With the
 * engine's due timer (publishing/due-timer.ts) promoting each job at its due instant, the tick no longer sets how
 * punctual a post is; it bounds only what BullMQ times alone: a retry's backoff, a platform's rate-limit wait after a
 * frozen process. Measured idle on the bench machine (a bare server, CPU of one core): hz 100 ≈ 0.76 %, hz 10 ≈ 0.16 %,
 * hz 5 ≈ 0.09 %, hz 1 ≈ 0.02 %. 5 keeps those within 200 ms and leaves room under the 0.2 % idle goal.
 */
export const SERVER_HZ = 5;

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
  // The default user is off and has no password: nobody signs in as it. It holds the engine's permissions anyway
  // because Redis 7.0 replays the AOF as it: a transaction (every BullMQ script is logged as MULTI … EXEC) is
  // checked against its rules at EXEC, and with none every job would be dropped at each start.
  const users = [
    `user default off resetpass resetchannels ${ENGINE_PERMISSIONS}`,
    `user ${ENGINE_REDIS_USER} on >${options.password} ${ENGINE_PERMISSIONS}`,
  ];
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
