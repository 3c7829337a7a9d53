// Reading and checking option values; every failure names the option and the rule (exit code 2).
import { endOfDay, isValid, parseISO, startOfDay } from 'date-fns';
import type { OptionValues } from './command';
import { UsageError } from './usage-error';

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: OptionValues, name: string): string {
  const value = optionalString(values, name);
  if (value === undefined) throw new UsageError(`--${name} is required.`);
  return value;
}

export function strings(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}".`);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_AND_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * An ISO-8601 date and time, as UTC ISO for the engine. Without an offset it is local time, the way a person
 * types it; with one (`+01:00`, `Z`) it is exact.
 */
export function instant(name: string, value: string): string {
  const date = DATE_AND_TIME.test(value) ? parseISO(value) : new Date(Number.NaN);
  if (!isValid(date)) {
    throw new UsageError(
      `--${name} must be an ISO-8601 date and time such as 2026-12-01T09:00 (local time) or 2026-12-01T09:00+01:00; got "${value}".`,
    );
  }
  return date.toISOString();
}

/** Like `instant`, but a bare date means the start (`from`) or the end (`to`) of that local day. */
export function dayOrInstant(name: string, value: string, edge: 'start' | 'end'): string {
  if (!DATE_ONLY.test(value)) return instant(name, value);
  const day = parseISO(value);
  if (!isValid(day)) throw new UsageError(`--${name} must be a date (2026-12-01) or an ISO-8601 date and time; got "${value}".`);
  return (edge === 'start' ? startOfDay(day) : endOfDay(day)).toISOString();
}

/** The zone this machine is set to, so a post keeps the author's wall-clock time across DST. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
