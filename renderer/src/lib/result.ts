// Results cross the bridge as plain objects; the UI works with thrown AppErrors so every view handles failures one way.
import { AppError, isErrorShape, type Result } from '../../../shared/errors';

export function unwrapResult<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  if (isErrorShape(result.error)) throw new AppError(result.error);
  throw new AppError({ code: 'internal', message: 'The engine sent an error the app could not read.' });
}

/** Any thrown value as an AppError, so a component can always show `message` and highlight `field`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isErrorShape(error)) return new AppError(error);
  if (error instanceof Error && error.message) return new AppError({ code: 'internal', message: error.message });
  return new AppError({ code: 'internal', message: 'Something went wrong.' });
}
