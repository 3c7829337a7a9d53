// The one error shape every transport carries (IPC, control socket, in-process): never a stack trace.

export const ERROR_CODES = [
  'validation', // input does not match the schema; `field` names the culprit
  'rule_violation', // a platform would refuse the post; `field` and `details` say which rule
  'not_found',
  'conflict', // the request does not fit the current state (e.g. editing a post that is publishing)
  'engine_unavailable', // no engine answers (CLI) or Redis is down
  'platform_unavailable', // a platform could not be reached to check something; nothing was changed
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  /** The input field at fault, as a dotted path (`targets.0.accountId`). */
  field?: string;
  details?: unknown;
}

export class AppError extends Error implements ErrorShape {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: unknown;

  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    if (shape.field !== undefined) this.field = shape.field;
    if (shape.details !== undefined) this.details = shape.details;
  }

  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) shape.field = this.field;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ErrorShape>;
  return typeof candidate.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(candidate.code);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };
