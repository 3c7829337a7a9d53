// Idempotency keys for creates (posts:create, posts:save, accounts:add). A client sends a key it made up with a
// create, and the same key again when it retries; the key is stored in the transaction that creates, so a retry
// after a lost answer (the engine killed, the connection dropped) answers with what the first request made.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { IdempotencyKeyRow } from './db/tables';

export interface IdempotentRequest {
  key: string;
  kind: IdempotencyKeyRow['kind'];
  /** The request's digest, without its secrets. */
  digest: string;
}

/** A digest of a request: the same fields with the same values give the same digest, in any key order. */
export function requestDigest(request: unknown): string {
  return createHash('sha256').update(stableJson(request)).digest('hex');
}

/** The id an earlier request with this key made; refuses a key that was used for another request. */
export function earlierResult(row: IdempotencyKeyRow | undefined, request: IdempotentRequest): string | undefined {
  if (!row) return undefined;
  if (row.kind !== request.kind || row.request_digest !== request.digest) {
    throw new AppError({
      code: 'validation',
      field: 'idempotencyKey',
      message: 'idempotencyKey: this key was already used for a different request; make a new key for a new request.',
    });
  }
  return row.result_id;
}

/** The answer when what the key made is gone since. */
export function earlierResultGone(kind: IdempotencyKeyRow['kind']): AppError {
  return new AppError({
    code: 'conflict',
    field: 'idempotencyKey',
    message: `idempotencyKey: the ${kind} this key created was deleted since; make a new key to create it again.`,
  });
}

export function idempotencyRow(request: IdempotentRequest, resultId: string, now: number): IdempotencyKeyRow {
  return { key: request.key, kind: request.kind, request_digest: request.digest, result_id: resultId, created_at: now };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
