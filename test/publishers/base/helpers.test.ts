import { describe, expect, it } from 'vitest';
import { splitIntoChunks, uploadChunks } from '../../../electron/engine/publishers/base/chunked-upload';
import { pollUntil } from '../../../electron/engine/publishers/base/polling';
import { resolveApiOrigin } from '../../../electron/engine/publishers/base/publisher-config';
import { resetSecondsToEpochMs, retryAfterToEpochMs } from '../../../electron/engine/publishers/base/rate-limit-headers';
import { TokenBuckets } from '../../../electron/engine/publishers/base/token-bucket';
import { PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';

describe('splitIntoChunks', () => {
  it('splits into fixed-size chunks with inclusive byte ranges', () => {
    const chunks = splitIntoChunks(10, 4);
    expect(chunks.map((chunk) => [chunk.index, chunk.start, chunk.end])).toEqual([
      [0, 0, 3],
      [1, 4, 7],
      [2, 8, 9],
    ]);
    expect(splitIntoChunks(0, 4)).toEqual([]);
  });
});

describe('uploadChunks', () => {
  it('uploads in order and retries a chunk after a retryable failure', async () => {
    const calls: number[] = [];
    let failed = false;
    const results = await uploadChunks(
      splitIntoChunks(9, 3),
      async (chunk) => {
        calls.push(chunk.index);
        if (chunk.index === 1 && !failed) {
          failed = true;
          throw new RetryableError('blip');
        }
        return `etag-${chunk.index}`;
      },
      { retryDelayMs: 1 },
    );
    expect(calls).toEqual([0, 1, 1, 2]);
    expect(results).toEqual(['etag-0', 'etag-1', 'etag-2']);
  });

  it('gives up after the retries and never retries a permanent failure', async () => {
    let tries = 0;
    const retryable = uploadChunks(splitIntoChunks(3, 3), () => Promise.reject(new RetryableError(`try ${++tries}`)), {
      retries: 2,
      retryDelayMs: 1,
    });
    await expect(retryable).rejects.toThrow('try 3');
    let permanentTries = 0;
    const permanent = uploadChunks(splitIntoChunks(3, 3), () => {
      permanentTries += 1;
      return Promise.reject(new PermanentError('no'));
    });
    await expect(permanent).rejects.toBeInstanceOf(PermanentError);
    expect(permanentTries).toBe(1);
  });
});

describe('pollUntil', () => {
  it('polls until done', async () => {
    let n = 0;
    const state = await pollUntil(
      () => Promise.resolve(++n),
      (value) => value === 3,
      { intervalMs: 1, timeoutMs: 1_000 },
    );
    expect(state).toBe(3);
  });

  it('gives up with a retryable error, or the one asked for', async () => {
    await expect(
      pollUntil(
        () => Promise.resolve('busy'),
        () => false,
        { intervalMs: 20, timeoutMs: 50, what: 'Processing the clip' },
      ),
    ).rejects.toThrow(/Processing the clip took longer/);
    await expect(
      pollUntil(
        () => Promise.resolve('busy'),
        () => false,
        { intervalMs: 20, timeoutMs: 50, onTimeout: () => new PermanentError('stuck') },
      ),
    ).rejects.toBeInstanceOf(PermanentError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    await expect(
      pollUntil(
        () => Promise.resolve(0),
        () => false,
        { intervalMs: 1_000, timeoutMs: 10_000, signal: controller.signal },
      ),
    ).rejects.toThrow('shutting down');
  });
});

describe('TokenBuckets', () => {
  it('allows a burst, then says when the next token is due', async () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets({ capacity: 2, refillEveryMs: 60_000, now: () => now });
    await buckets.take('twitter:a', 'X');
    await buckets.take('twitter:a', 'X');
    const error = await buckets.take('twitter:a', 'X').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBe(now + 60_000);
    await buckets.take('twitter:b', 'X');
    now += 60_000;
    await buckets.take('twitter:a', 'X');
  });

  it('sleeps through a short wait instead of failing', async () => {
    const buckets = new TokenBuckets({ capacity: 1, refillEveryMs: 30 });
    await buckets.take('k', 'X');
    const started = Date.now();
    await buckets.take('k', 'X');
    expect(Date.now() - started).toBeGreaterThanOrEqual(10);
  });
});

describe('rate-limit headers', () => {
  it('reads Retry-After in seconds or as a date, and reset epochs', () => {
    expect(retryAfterToEpochMs('120', 1_000)).toBe(121_000);
    expect(retryAfterToEpochMs('Wed, 21 Oct 2026 07:28:00 GMT', 0)).toBe(Date.parse('2026-10-21T07:28:00Z'));
    expect(retryAfterToEpochMs(undefined, 0)).toBeUndefined();
    expect(resetSecondsToEpochMs('1700000000')).toBe(1_700_000_000_000);
    expect(resetSecondsToEpochMs('soon')).toBeUndefined();
  });
});

describe('publisher config', () => {
  it('takes the origin from config, then from PUBLISHING_ENGINE_<PLATFORM>_API_ORIGIN', () => {
    expect(resolveApiOrigin('twitter', { env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: 'http://127.0.0.1:4010/' } })).toBe('http://127.0.0.1:4010');
    expect(resolveApiOrigin('twitter', { apiOrigin: 'http://a', env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: 'http://b' } })).toBe('http://a');
    expect(resolveApiOrigin('linkedin', { env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: 'http://b' } })).toBeUndefined();
  });
});
