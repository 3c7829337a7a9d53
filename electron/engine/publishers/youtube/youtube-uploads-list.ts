// The channel's uploads playlist (channels.list mine=true, then playlistItems.list), to find a video whose upload
// session was lost. It lists private videos too, for the channel's owner.
import type { HttpClient } from '../base/http-client';
import { youtubeError } from './youtube-errors';

interface PlaylistItem {
  snippet?: { title?: string; publishedAt?: string; resourceId?: { videoId?: string } };
}

/** Clocks differ: an upload may carry a time slightly before our first attempt. */
const CLOCK_SKEW_MS = 2 * 60_000;

export interface UploadsLookup {
  http: HttpClient;
  url: (path: string) => string;
  accessToken: string;
  signal: AbortSignal | undefined;
  now: number;
}

/** The id of the newest upload titled `title` since `since` (epoch ms), or undefined. */
export async function findUploadByTitle(lookup: UploadsLookup, title: string, since: number): Promise<string | undefined> {
  const headers = { authorization: `Bearer ${lookup.accessToken}` };
  const signal = lookup.signal ? { signal: lookup.signal } : {};
  const channels = await lookup.http.request({
    method: 'GET',
    url: lookup.url('/youtube/v3/channels?part=contentDetails&mine=true'),
    headers,
    ...signal,
  });
  if (channels.status !== 200) throw youtubeError(channels, "read the channel's uploads", lookup.now, false);
  const playlistId = channels.json<{ items?: { contentDetails?: { relatedPlaylists?: { uploads?: string } } }[] }>()?.items?.[0]?.contentDetails
    ?.relatedPlaylists?.uploads;
  if (!playlistId) return undefined;

  const items = await lookup.http.request({
    method: 'GET',
    url: lookup.url(`/youtube/v3/playlistItems?part=snippet&maxResults=25&playlistId=${encodeURIComponent(playlistId)}`),
    headers,
    ...signal,
  });
  if (items.status !== 200) throw youtubeError(items, "read the channel's uploads", lookup.now, false);
  const wanted = title.trim();
  const match = (items.json<{ items?: PlaylistItem[] }>()?.items ?? []).find(({ snippet }) => {
    const at = Date.parse(snippet?.publishedAt ?? '');
    return snippet?.title?.trim() === wanted && at >= since - CLOCK_SKEW_MS;
  });
  return match?.snippet?.resourceId?.videoId;
}
