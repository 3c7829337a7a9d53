// Ports on the loopback interface: pick a free one, or check that a known one is still free.
import { createServer } from 'node:net';

export const loopbackHost = '127.0.0.1';

// The kernel picks a free port for port 0; closing the listener leaves it free for redis-server to bind.
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, loopbackHost, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS did not assign a free port.'))));
    });
  });
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
    server.listen(port, loopbackHost, () => server.close(() => resolve(true)));
  });
}
