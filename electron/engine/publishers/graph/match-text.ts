// Settling an ambiguous publish means recognising our own post among the account's recent ones by its text and time.

/** Text as compared for matching: Unicode NFC, runs of whitespace as one space, no outer whitespace. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return normalizeForMatch(a ?? '') === normalizeForMatch(b ?? '');
}

/** Epoch ms of a Graph timestamp (`2024-05-01T12:00:00+0000`), or undefined when unreadable. */
export function parseGraphTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Posts are looked for from a little before the first attempt: Meta's clock and ours may differ. */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;
