// Reading and checking option values; every failure names the option and the rule (exit code 2).
import { endOfDay, isValid, parseISO, startOfDay } from 'date-fns';
import type { CliIo } from './cli-io';
import type { OptionValues } from './command';
import { terminalText } from './output/terminal-text';
import { gapMessage, isoInZone, overlapNote, resolveWallTime, wallClockOf } from '../../shared/wall-time';
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
const WRITTEN_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO-8601 date and time, for the engine. Without an offset it is local time, the way a person types it: a time
 * the clocks skip is refused with its valid neighbours, and a time they live twice takes the first and says so in
 * `note` (the rule the engine and the composer apply). With an offset (`+01:00`, `Z`) it is exact.
 */
export function instant(name: string, value: string, note: (text: string) => void = () => undefined): string {
  const invalid = () =>
    new UsageError(`--${name} must be an ISO-8601 date and time such as 2026-12-01T09:00 (local time) or 2026-12-01T09:00+01:00; got "${value}".`);
  const match = WRITTEN_TIME.exec(value.trim());
  if (!match) throw invalid();
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall = wallClockOf([year, month, day, hour, minute, second, fraction]);
  if (!isValid(parseISO(value.trim())) || wall.hour > 23 || wall.minute > 59 || wall.second > 59) throw invalid();
  if (offset !== undefined) return parseISO(value.trim()).toISOString();
  const zone = localTimeZone();
  const resolved = resolveWallTime(wall, zone);
  const written = `${year}-${month}-${day} ${hour}:${minute}`;
  if (resolved.kind === 'gap') throw new UsageError(`--${name}: ${gapMessage(written, zone, resolved)}`);
  if (resolved.kind === 'overlap') {
    note(overlapNote(written, zone, resolved, 'first'));
    return isoInZone(resolved.first);
  }
  return isoInZone(resolved.instant);
}

/** Like `instant`, but a bare date means the start (`from`) or the end (`to`) of that local day. */
export function dayOrInstant(name: string, value: string, edge: 'start' | 'end'): string {
  if (!DATE_ONLY.test(value)) return instant(name, value);
  const day = parseISO(value);
  if (!isValid(day)) throw new UsageError(`--${name} must be a date (2026-12-01) or an ISO-8601 date and time; got "${value}".`);
  return (edge === 'start' ? startOfDay(day) : endOfDay(day)).toISOString();
}

/** A remark on stderr (stdout stays the command's answer, also with --json). */
export function stderrNote(io: CliIo): (text: string) => void {
  return (text) => io.stderr.write(`note: ${terminalText(text)}\n`);
}

/** The zone this machine is set to, so a post keeps the author's wall-clock time across DST. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
