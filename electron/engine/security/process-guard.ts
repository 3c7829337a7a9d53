// The last line of defence for a long-running host (the desktop app, `serve`, `web`): an exception or rejection
// that escaped every request handler is logged and the engine keeps publishing, because SQLite is the truth and
// every request's own state dies with it. Two cases are not survivable and stop the host in order instead (so its
// redis-server is not orphaned): Node reporting its own internals broken, and errors arriving so fast that the
// engine is evidently looping on a fault rather than meeting one bad request.
import type { Logger } from '../logger';

export interface ProcessGuardOptions {
  log: Logger;
  /** Called once, for a fault the engine cannot outlive: stop the engine in order and exit non-zero. */
  onFatal(error: unknown): void;
  /** More than this many escaped errors within `windowMs` is a fault loop; default 20 per minute. */
  maxErrors?: number;
  windowMs?: number;
}

const FATAL_CODES = new Set(['ERR_INTERNAL_ASSERTION']);

export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const { log, onFatal } = options;
  const maxErrors = options.maxErrors ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  let recent: number[] = [];
  let fatal = false;

  const escaped = (what: string) => (error: unknown) => {
    const now = Date.now();
    recent = recent.filter((at) => now - at < windowMs);
    recent.push(now);
    const code = (error as { code?: unknown } | null)?.code;
    const loop = recent.length > maxErrors;
    if (!loop && !(typeof code === 'string' && FATAL_CODES.has(code))) {
      log.error(`${what} escaped its handler; the engine keeps running.`, error);
      return;
    }
    log.error(
      loop ? `${recent.length} errors escaped within ${windowMs / 1000} s; stopping the engine.` : `${what} is fatal; stopping the engine.`,
      error,
    );
    if (fatal) return;
    fatal = true;
    onFatal(error);
  };
  const onException = escaped('An exception');
  const onRejection = escaped('A rejected promise');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
