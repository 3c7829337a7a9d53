// The text Facebook shows with a post. A link goes in its own `link` field on a text post (Facebook draws a preview);
// photo and video posts have no link field, so the link is added to the end of the text instead.

export function facebookMessage(text: string, link: string | undefined, hasMedia: boolean): string {
  const trimmed = text.trim();
  if (!hasMedia || link === undefined || link.trim() === '' || trimmed.includes(link.trim())) return trimmed;
  return trimmed === '' ? link.trim() : `${trimmed}\n\n${link.trim()}`;
}
