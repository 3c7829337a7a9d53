// Reads a request body as one JSON value. The bytes are decoded once, at the end, so a character split across
// TCP chunks arrives whole; a client that stops halfway or sends too much gets an answer, never an exception.
import type { IncomingMessage } from 'node:http';
import type { ErrorShape } from '../../../shared/errors';

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: ErrorShape };

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  const body = await collect(req, maxBytes);
  if (body === 'too-large') return tooLarge(maxBytes);
  if (body === 'aborted') {
    // The client went away mid-body: nobody is left to answer, and nothing was done.
    return { ok: false, status: 400, error: { code: 'validation', message: 'The request ended before its body was complete.' } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, status: 400, error: { code: 'validation', message: 'The request body is not valid UTF-8.' } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, error: { code: 'validation', message: 'The request is not JSON.' } };
  }
}

function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      // The rest of an oversized body is not kept; the answer closes the connection.
      if (outcome === 'too-large') req.resume();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish('too-large');
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onAbort = () => finish('aborted');
    const onClose = () => {
      if (!req.complete) finish('aborted');
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('close', onClose);
  });
}

function tooLarge(maxBytes: number): BodyResult {
  const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes} bytes`;
  return { ok: false, status: 413, error: { code: 'validation', message: `The request is larger than ${limit}.` } };
}
