// X rewrites what it stores: links become t.co links, media adds a t.co link, and &, <, > come back HTML-escaped.
// Comparing posts by text therefore compares what is left after those rewrites.
import twitterText from 'twitter-text';

function withoutUrls(text: string): string {
  const urls = twitterText.extractUrlsWithIndices(text);
  let result = '';
  let from = 0;
  for (const { indices } of urls) {
    result += `${text.slice(from, indices[0])} `;
    from = indices[1];
  }
  return result + text.slice(from);
}

/** The text as X would show it, minus links and spacing differences. */
export function normaliseTweetText(text: string): string {
  const unescaped = text.normalize('NFC').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return withoutUrls(unescaped).replace(/\s+/g, ' ').trim();
}

/** True when a post's text on X is the text we sent. */
export function sameTweetText(onX: string, sent: string): boolean {
  return normaliseTweetText(onX) === normaliseTweetText(sent);
}
