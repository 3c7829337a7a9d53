// The Graph error table (platforms.md §2–3) as the engine applies it, for Facebook and Instagram alike.
import { describe, expect, it } from 'vitest';
import { classifyGraphFailure, isDuplicatePost, type GraphStep } from '../../../electron/engine/publishers/graph/classify-graph-error';
import { readGraphUsage } from '../../../electron/engine/publishers/graph/graph-usage';

const NOW = 1_700_000_000_000;
const MINUTE = 60_000;

function classify(error: Record<string, unknown> | undefined, options: { status?: number; step?: GraphStep; headers?: Record<string, string> } = {}) {
  const headers = options.headers ?? {};
  return classifyGraphFailure({
    status: options.status ?? 400,
    body: error === undefined ? undefined : { error: { message: 'said', type: 'OAuthException', fbtrace_id: 'x', ...error } },
    header: (name) => headers[name.toLowerCase()],
    step: options.step ?? 'read',
    label: 'Facebook',
    now: NOW,
  });
}

describe('classifyGraphFailure', () => {
  it.each([[190], [102], [2500]])('code %i is a permanent login failure', (code) => {
    expect(classify({ code })).toMatchObject({ kind: 'permanent', authFailure: true, platformCode: String(code) });
  });

  it.each([[4], [17], [32], [341], [613], [80001], [80002], [80014]])('code %i is a rate limit', (code) => {
    expect(classify({ code, is_transient: true }, { step: 'create' })).toMatchObject({ kind: 'rate_limited', retryAt: NOW + 15 * MINUTE });
  });

  it('takes the wait from estimated_time_to_regain_access, the longest one in the header', () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({
        '1': [{ type: 'pages', call_count: 100, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 12 }],
        '2': [{ type: 'pages', call_count: 40, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 3 }],
      }),
    };
    expect(classify({ code: 80001 }, { headers })).toMatchObject({ kind: 'rate_limited', retryAt: NOW + 12 * MINUTE });
  });

  it('the Instagram publishing limit (9/2207042) is a rate limit; the spam restriction (4/2207051) is not', () => {
    expect(classify({ code: 9, error_subcode: 2207042 }, { step: 'create' })).toMatchObject({ kind: 'rate_limited', platformCode: '9/2207042' });
    expect(classify({ code: 4, error_subcode: 2207051 }, { step: 'create' })).toMatchObject({ kind: 'permanent', platformCode: '4/2207051' });
  });

  it('a duplicate post (506) is permanent and recognisable', () => {
    const error = classify({ code: 506, error_subcode: 1455006 }, { step: 'create' });
    expect(error).toMatchObject({ kind: 'permanent', authFailure: false });
    expect(isDuplicatePost(error)).toBe(true);
    expect(isDuplicatePost(classify({ code: 100 }))).toBe(false);
  });

  it.each([[100], [10], [200], [299], [368], [1609005], [36000]])('code %i is permanent, not a login failure', (code) => {
    expect(classify({ code }, { step: 'create' })).toMatchObject({ kind: 'permanent', authFailure: false });
  });

  it('outages (1, 2, is_transient) are retryable on reads and uploads, ambiguous on the create call', () => {
    for (const error of [{ code: 1 }, { code: 2, is_transient: true }, { code: 12345, is_transient: true }]) {
      expect(classify(error, { status: 500, step: 'read' }).kind).toBe('retryable');
      expect(classify(error, { status: 500, step: 'upload' }).kind).toBe('retryable');
      expect(classify(error, { status: 500, step: 'create' }).kind).toBe('ambiguous');
    }
  });

  it('Instagram errors that a new container fixes are retryable, ambiguous only at media_publish', () => {
    expect(classify({ code: -1, error_subcode: 2207001 }, { step: 'upload' }).kind).toBe('retryable');
    expect(classify({ code: -2, error_subcode: 2207020 }, { step: 'upload' }).kind).toBe('retryable');
    expect(classify({ code: -1, error_subcode: 2207032 }, { step: 'create' }).kind).toBe('ambiguous');
    expect(classify({ code: 9007, error_subcode: 2207027 }, { step: 'create' }).kind).toBe('retryable');
  });

  it('uses the user message when Meta gives one', () => {
    const error = classify({ code: 100, message: '(#100) developer text', error_user_msg: 'Try a shorter caption.' });
    expect(error.message).toContain('Try a shorter caption');
    expect(error.message).not.toContain('developer text');
  });

  it('answers without a Graph error fall back to the HTTP status', () => {
    expect(classify(undefined, { status: 503, step: 'create' })).toMatchObject({ kind: 'ambiguous', httpStatus: 503 });
    expect(classify(undefined, { status: 503, step: 'read' })).toMatchObject({ kind: 'retryable' });
    expect(classify(undefined, { status: 429 })).toMatchObject({ kind: 'rate_limited', retryAt: NOW + 15 * MINUTE });
    expect(classify(undefined, { status: 401 })).toMatchObject({ kind: 'permanent', authFailure: true });
    expect(classify(undefined, { status: 404 })).toMatchObject({ kind: 'permanent', authFailure: false });
  });
});

describe('readGraphUsage', () => {
  it('reads the highest percentage from every usage header and ignores broken ones', () => {
    const headers: Record<string, string> = {
      'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":91}',
      'x-page-usage': 'not json',
      'x-business-use-case-usage': '{"1":[{"type":"pages","call_count":"64","total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}',
    };
    expect(readGraphUsage((name) => headers[name])).toEqual({ highestPercent: 91 });
  });

  it('has no estimate without headers', () => {
    expect(readGraphUsage(() => undefined)).toEqual({ highestPercent: 0 });
  });
});
