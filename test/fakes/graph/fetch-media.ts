// Meta downloads media from the URL a post names ("we cURL media"), so the fakes do too, from the test's media host.

export type FetchedMedia = { ok: true; contentType: string; bytes: Buffer } | { ok: false; reason: string };

/** GETs `url` the way Meta's fetcher would: any failure or non-200 answer is a failed download. */
export async function fetchMedia(url: string, timeoutMs = 5_000): Promise<FetchedMedia> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'not an http(s) URL' };
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs) });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) return { ok: false, reason: `HTTP ${response.status}` };
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    return { ok: true, contentType, bytes };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
