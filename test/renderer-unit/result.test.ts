import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { toAppError, unwrapResult } from '../../renderer/src/lib/result';

describe('unwrapResult', () => {
  it('returns the value of an ok result', () => {
    expect(unwrapResult({ ok: true, value: { id: 'p1' } })).toEqual({ id: 'p1' });
  });

  it('throws an AppError that keeps code, message, field and details', () => {
    const details = [{ field: 'text', message: 'too long' }];
    let thrown: unknown;
    try {
      unwrapResult({ ok: false, error: { code: 'rule_violation', message: 'X allows 280', field: 'targets.0.text', details } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('rule_violation');
    expect(error.message).toBe('X allows 280');
    expect(error.field).toBe('targets.0.text');
    expect(error.details).toBe(details);
  });

  it('turns an unreadable error into an internal AppError', () => {
    const bad = { ok: false, error: { code: 'nope', message: 1 } } as never;
    expect(() => unwrapResult(bad)).toThrowError(expect.objectContaining({ code: 'internal' }) as Error);
  });
});

describe('toAppError', () => {
  it('keeps AppErrors, wraps shapes and plain errors', () => {
    const original = new AppError({ code: 'not_found', message: 'gone' });
    expect(toAppError(original)).toBe(original);
    expect(toAppError({ code: 'conflict', message: 'busy' }).code).toBe('conflict');
    expect(toAppError(new Error('boom')).message).toBe('boom');
    expect(toAppError('weird').message).toBe('Something went wrong.');
  });
});
