// LinkedIn parses post commentary as "little text format": reserved characters left unescaped can silently cut the
// published post short while the API reports success. Plain text is escaped; `#hashtags` stay live on purpose.

const RESERVED = /[\\|{}@[\]()<>#*_~]/g;
const HASHTAG = /(^|\s)(#[\p{L}\p{N}_]+)/gu;

/** Escapes the text for `commentary`, keeping hashtags as hashtags. */
export function toLittleText(text: string): string {
  const kept: string[] = [];
  const marked = text.replace(HASHTAG, (_match, space: string, tag: string) => {
    kept.push(tag);
    return `${space}\u0000${kept.length - 1}\u0000`;
  });
  const escaped = marked.replace(RESERVED, (char) => `\\${char}`);
  return escaped.replace(/\u0000(\d+)\u0000/g, (_match, index: string) => kept[Number(index)]);
}

/** Commentary as a reader sees it, for comparing a post on LinkedIn with the text we sent. */
export function normaliseCommentary(commentary: string): string {
  return commentary
    .normalize('NFC')
    .replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
