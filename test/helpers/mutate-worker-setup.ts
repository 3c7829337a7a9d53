// `npm run mutate` only: Stryker's Vitest runner runs the tests in a worker thread, where Node refuses to set the
// umask (ERR_WORKER_UNSUPPORTED_OPERATION). The engine tightens the umask while it forks redis-server; here that
// becomes a read, so the tests with a real redis-server can judge mutants. The files Redis writes then keep the
// runner's umask, which no mutation run checks.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  const read = process.umask.bind(process);
  process.umask = ((_mask?: number | string) => read()) as typeof process.umask;
}
