// How LinkedIn renders commentary in little text format, including its trap: an unescaped reserved character that
// does not start a valid element ends the published text there, while the API still reports success.

const RESERVED = new Set(['\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~']);

/** The text readers see for a commentary. */
export function renderLittleText(commentary: string): string {
  let out = '';
  for (let i = 0; i < commentary.length; i += 1) {
    const char = commentary[i];
    if (char === '\\') {
      const next = commentary[i + 1];
      if (next !== undefined && RESERVED.has(next)) {
        out += next;
        i += 1;
        continue;
      }
      return out;
    }
    if (char === '#' && (i === 0 || /\s/.test(commentary[i - 1]))) {
      const tag = /^#[\p{L}\p{N}_]+/u.exec(commentary.slice(i))?.[0];
      if (tag) {
        out += tag;
        i += tag.length - 1;
        continue;
      }
    }
    if (char === '@') {
      const mention = /^@\[([^\]]+)\]\((urn:li:[a-z]+:[^)]+)\)/.exec(commentary.slice(i));
      if (mention) {
        out += mention[1];
        i += mention[0].length - 1;
        continue;
      }
    }
    if (RESERVED.has(char)) return out;
    out += char;
  }
  return out;
}
