// Who a TikTok token belongs to (GET /v2/user/info/, scope user.info.basic) and what the creator may post
// (creator_info, which TikTok's audit rules ask apps to read and show): an unaudited app can post only privately.
import { PermanentError } from '../errors';
import type { AccountProfile } from '../publisher';
import type { TiktokAuth, TiktokClient } from './tiktok-client';
import { tiktokError, type TiktokEnvelope } from './tiktok-errors';
import type { HttpClient } from '../base/http-client';

interface UserInfo {
  user?: { open_id?: string; display_name?: string; avatar_url?: string; username?: string };
}

interface CreatorInfo {
  creator_username?: string;
  privacy_level_options?: string[];
}

export async function readTiktokProfile(
  http: HttpClient,
  client: TiktokClient,
  url: (path: string) => string,
  auth: TiktokAuth,
  now: () => number,
): Promise<AccountProfile> {
  const response = await http.request({
    method: 'GET',
    url: url('/v2/user/info/?fields=open_id,avatar_url,display_name,username'),
    headers: { authorization: `Bearer ${auth.accessToken}` },
    ...(auth.signal ? { signal: auth.signal } : {}),
  });
  const envelope = response.json<TiktokEnvelope<UserInfo>>();
  if (response.status !== 200 || envelope?.error?.code !== 'ok') throw tiktokError(response, 'read the profile', now(), false);
  const user = envelope.data?.user;
  if (!user?.open_id) throw new PermanentError('TikTok answered the profile read without a user.');
  const { data: creator } = await client.post<CreatorInfo>(
    '/v2/post/publish/creator_info/query/',
    undefined,
    auth,
    "read the account's posting options",
  );
  const options = creator.privacy_level_options ?? [];
  const privateOnly = options.length > 0 && options.every((option) => option === 'SELF_ONLY');
  return {
    externalId: user.open_id,
    name: user.display_name ?? creator.creator_username ?? user.username ?? 'TikTok account',
    avatarUrl: user.avatar_url ?? null,
    ...(privateOnly
      ? {
          notice: 'TikTok lets this app post only as private (“Only me”) until the app passes TikTok’s audit, and only to private accounts.',
        }
      : {}),
  };
}
