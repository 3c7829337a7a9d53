// An engine error as messages per form field (`accessToken`, `lateToleranceMinutes` …); `form` holds the rest.
import type { ErrorShape } from '../../../shared/errors';

export type FormErrors = Record<string, string>;

export function formErrors(error: ErrorShape): FormErrors {
  const errors: FormErrors = { [error.field ?? 'form']: error.message };
  if (Array.isArray(error.details)) {
    for (const item of error.details as { field?: unknown; message?: unknown }[]) {
      if (typeof item !== 'object' || item === null || typeof item.field !== 'string' || typeof item.message !== 'string') continue;
      errors[item.field] ??= item.message;
    }
  }
  return errors;
}

export function withoutError(errors: FormErrors, field: string): FormErrors {
  if (errors[field] === undefined && errors.form === undefined) return errors;
  const next = { ...errors };
  delete next[field];
  delete next.form;
  return next;
}
