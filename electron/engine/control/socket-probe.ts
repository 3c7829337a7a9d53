// Is an engine listening on this control socket? Tells a live engine from a file left behind by a crashed one.
import { connect } from 'node:net';

/** live: something accepts connections; stale: a socket file nobody listens on; missing: no file; denied: not ours. */
export type SocketState = 'live' | 'stale' | 'missing' | 'denied';

export function probeSocket(path: string): Promise<SocketState> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve('live');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      switch (error.code) {
        case 'ECONNREFUSED':
          resolve('stale');
          break;
        case 'ENOENT':
        case 'ENOTDIR':
          resolve('missing');
          break;
        case 'EACCES':
        case 'EPERM':
          resolve('denied');
          break;
        default:
          // A busy Windows pipe (EBUSY/EAGAIN) has a live server behind it.
          resolve('live');
      }
    });
  });
}
