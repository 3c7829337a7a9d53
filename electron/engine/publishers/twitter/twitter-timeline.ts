// Finds posts the account made since an attempt started, to settle an ambiguous create or a duplicate refusal.
import { RetryableError } from '../errors';
import type { TwitterAuth, TwitterClient } from './twitter-client';
import { sameTweetText } from './twitter-text-match';

export interface TimelinePost {
  id: string;
  text: string;
  createdAt: number;
  /** The post this one replies to, when it is a reply. */
  inReplyTo: string | undefined;
}

interface TweetData {
  id: string;
  text: string;
  created_at?: string;
  referenced_tweets?: { type: string; id: string }[];
}

/** Posts older than the attempt by up to this much still count: the two clocks may differ. */
export const CLOCK_SKEW_MS = 2 * 60_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 3;

/** The id of the signed-in user: the account's external id, else GET /2/users/me. */
export async function currentUserId(client: TwitterClient, auth: TwitterAuth, externalId: string | null | undefined): Promise<string> {
  if (externalId) return externalId;
  const me = (await client.send(auth, { method: 'GET', path: '/2/users/me', action: 'read the account' })).json<{ data?: { id?: string } }>();
  if (!me?.data?.id) throw new RetryableError('X did not say which account is signed in.');
  return me.data.id;
}

/** The user's posts (replies included) created since `since`, newest first. */
export async function recentPosts(client: TwitterClient, auth: TwitterAuth, userId: string, since: number): Promise<TimelinePost[]> {
  const startTime = new Date(since - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const posts: TimelinePost[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ max_results: String(PAGE_SIZE), start_time: startTime, 'tweet.fields': 'created_at,referenced_tweets' });
    if (token) query.set('pagination_token', token);
    const body = (
      await client.send(auth, {
        method: 'GET',
        path: `/2/users/${encodeURIComponent(userId)}/tweets?${query.toString()}`,
        action: "read the account's recent posts",
      })
    ).json<{ data?: TweetData[]; meta?: { next_token?: string } }>();
    for (const tweet of body?.data ?? []) {
      posts.push({
        id: tweet.id,
        text: tweet.text,
        createdAt: tweet.created_at ? Date.parse(tweet.created_at) : Number.NaN,
        inReplyTo: tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id,
      });
    }
    token = body?.meta?.next_token;
    if (!token) break;
  }
  return posts;
}

/** The post with this text (replying to `inReplyTo` when given) among `posts`, skipping ids already taken. */
export function findPost(
  posts: readonly TimelinePost[],
  text: string,
  inReplyTo: string | undefined,
  taken: ReadonlySet<string>,
): TimelinePost | undefined {
  return posts.find((post) => !taken.has(post.id) && sameTweetText(post.text, text) && (inReplyTo === undefined || post.inReplyTo === inReplyTo));
}
