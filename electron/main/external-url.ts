// Links the renderer asks to open (a published post, a platform's help page) go to the system browser only when
// they are plain web addresses: no file:, javascript: or custom-protocol handlers, no credentials to phish with.

export function isSafeExternalUrl(candidate: string): boolean {
  if (candidate.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return false;
  return true;
}
