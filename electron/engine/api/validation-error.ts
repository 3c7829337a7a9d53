// The one way a schema's refusal becomes an answer: the first issue names the field and the rule, every issue is in
// details. The contract's channels and the control socket's own requests both answer with it.
import type { z } from 'zod';
import type { ErrorShape } from '../../../shared/errors';

export function validationError(error: z.ZodError): ErrorShape & { code: 'validation'; details: { field: string; message: string }[] } {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : 'Invalid input.';
  const shape = {
    code: 'validation' as const,
    message,
    details: error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
  };
  return field === undefined ? shape : { ...shape, field };
}
