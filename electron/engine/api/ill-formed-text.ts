// Text must be well-formed Unicode to be stored as sent: SQLite keeps UTF-8, and a lone UTF-16 surrogate (half an
// emoji, as a careless cut or a hand-written "\ud83d" makes) would come back as replacement characters, so what
// the client was told and what was stored would differ. Such input is refused, naming the field.

// With the u flag a surrogate pair is one code point; only a lone surrogate is in the Cs category.
const LONE_SURROGATE = /\p{Cs}/u;

/** The path (`targets.0.text`) of the first string in a parsed input that is not well-formed, else undefined. */
export function illFormedTextPath(value: unknown, path: readonly (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path.join('.') || 'input' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = illFormedTextPath(item, [...path, index]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = illFormedTextPath(item, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
