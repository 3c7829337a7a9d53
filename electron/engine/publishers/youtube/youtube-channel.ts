// Whose YouTube channel a token reaches: channels.list mine=true (id, title, thumbnail).
import type { HttpClient } from '../base/http-client';
import { PermanentError } from '../errors';
import type { AccountProfile } from '../publisher';
import { youtubeError } from './youtube-errors';

interface Channel {
  id?: string;
  snippet?: { title?: string; thumbnails?: Record<string, { url?: string }> };
}

export async function readYoutubeChannel(
  lookup: { http: HttpClient; url: (path: string) => string; now: () => number },
  accessToken: string,
  signal: AbortSignal | undefined,
): Promise<AccountProfile> {
  const response = await lookup.http.request({
    method: 'GET',
    url: lookup.url('/youtube/v3/channels?part=snippet&mine=true'),
    headers: { authorization: `Bearer ${accessToken}` },
    ...(signal ? { signal } : {}),
  });
  if (response.status !== 200) throw youtubeError(response, 'read the channel', lookup.now(), false);
  const channel = response.json<{ items?: Channel[] }>()?.items?.[0];
  if (!channel?.id) {
    throw new PermanentError('This Google account has no YouTube channel. Create one on YouTube, then connect again.', { platformCode: 'noChannel' });
  }
  const thumbnails = channel.snippet?.thumbnails ?? {};
  return {
    externalId: channel.id,
    name: channel.snippet?.title ?? 'YouTube channel',
    avatarUrl: thumbnails.default?.url ?? thumbnails.medium?.url ?? null,
  };
}
