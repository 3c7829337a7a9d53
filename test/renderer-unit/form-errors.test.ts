import { describe, expect, it } from 'vitest';
import { formErrors, withoutError } from '../../renderer/src/lib/form-errors';

describe('formErrors', () => {
  it('puts the message on its field and fills others from details', () => {
    expect(
      formErrors({
        code: 'validation',
        message: 'accessToken must not be empty',
        field: 'accessToken',
        details: [{ field: 'accessToken', message: 'must not be empty' }, { field: 'name', message: 'must not be empty' }, { nonsense: true }],
      }),
    ).toEqual({ accessToken: 'accessToken must not be empty', name: 'must not be empty' });
  });

  it('uses the form slot when no field is named', () => {
    expect(formErrors({ code: 'engine_unavailable', message: 'Engine down' })).toEqual({ form: 'Engine down' });
  });

  it('clears a field and the form message when the user edits', () => {
    const errors = { name: 'bad', accessToken: 'bad', form: 'x' };
    expect(withoutError(errors, 'name')).toEqual({ accessToken: 'bad' });
    const clean = { accessToken: 'bad' };
    expect(withoutError(clean, 'name')).toBe(clean);
  });
});
