// Meta reports how much of its rate limits a caller used in response headers, never in a Retry-After:
// `X-App-Usage` and `X-Page-Usage` hold percentages ({call_count, total_cputime, total_time}); Page and system-user
// tokens fall under Business Use Case limits, whose `X-Business-Use-Case-Usage` header also says how many minutes
// remain until access comes back (`estimated_time_to_regain_access`).

export interface GraphUsage {
  /** The highest percentage of any limit in any header (100 = throttled). */
  highestPercent: number;
  /** The longest `estimated_time_to_regain_access` in minutes, when a header gives one above zero. */
  regainAccessMinutes?: number;
}

const PERCENT_FIELDS = ['call_count', 'total_cputime', 'total_time'] as const;

function parseJsonObject(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function numberField(entry: Record<string, unknown>, name: string): number {
  const value = entry[name];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}

function highestPercentOf(entry: Record<string, unknown>): number {
  return Math.max(0, ...PERCENT_FIELDS.map((field) => numberField(entry, field)));
}

/** What the usage headers of one response say; `header` looks a header up by name. */
export function readGraphUsage(header: (name: string) => string | undefined): GraphUsage {
  let highestPercent = 0;
  let regainAccessMinutes = 0;
  for (const name of ['x-app-usage', 'x-page-usage']) {
    const usage = parseJsonObject(header(name));
    if (usage) highestPercent = Math.max(highestPercent, highestPercentOf(usage));
  }
  const businessUsage = parseJsonObject(header('x-business-use-case-usage'));
  for (const entries of Object.values(businessUsage ?? {})) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) continue;
      const record = entry as Record<string, unknown>;
      highestPercent = Math.max(highestPercent, highestPercentOf(record));
      regainAccessMinutes = Math.max(regainAccessMinutes, numberField(record, 'estimated_time_to_regain_access'));
    }
  }
  return regainAccessMinutes > 0 ? { highestPercent, regainAccessMinutes } : { highestPercent };
}

/** Epoch ms when the headers say access comes back, or undefined when they give no estimate. */
export function usageRetryAt(usage: GraphUsage, now: number): number | undefined {
  return usage.regainAccessMinutes === undefined ? undefined : now + usage.regainAccessMinutes * 60_000;
}
