// Finding the media a container became: Instagram does not link a published container to its media, so the
// account's recent media are matched by caption and time (stories, which have no caption, by time alone).
import { dataOf, nextCursorOf, stringField, type GraphAuth, type GraphClient } from '../graph/graph-client';
import { CLOCK_SKEW_MARGIN_MS, normalizeForMatch, parseGraphTimestamp, sameText } from '../graph/match-text';

export interface MediaSearch {
  igUserId: string;
  caption: string;
  isStory: boolean;
  firstAttemptAt: number;
}

export interface FoundMedia {
  id: string;
  permalink: string | undefined;
}

const MAX_PAGES = 4;

/** The earliest media since the first attempt that is ours; a story or an uncaptioned post only when it is the only one. */
export async function searchMedia(graph: GraphClient, auth: GraphAuth, search: MediaSearch): Promise<FoundMedia | undefined> {
  const since = search.firstAttemptAt - CLOCK_SKEW_MARGIN_MS;
  const edge = search.isStory ? 'stories' : 'media';
  const byCaption = !search.isStory && normalizeForMatch(search.caption) !== '';
  const candidates: FoundMedia[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await graph.get(auth, `/${search.igUserId}/${edge}`, {
      fields: 'id,caption,timestamp,permalink',
      since: Math.floor(since / 1000),
      limit: 25,
      after,
    });
    for (const media of dataOf(body)) {
      const id = stringField(media, 'id');
      const timestamp = parseGraphTimestamp(stringField(media, 'timestamp'));
      if (id === undefined || timestamp === undefined || timestamp < since) continue;
      const captionMatches = sameText(stringField(media, 'caption'), byCaption ? search.caption : '');
      if (search.isStory || captionMatches) candidates.push({ id, permalink: stringField(media, 'permalink') });
    }
    after = nextCursorOf(body);
    if (after === undefined) break;
  }
  // Newest first: the last candidate is the earliest.
  if (byCaption) return candidates.at(-1);
  return candidates.length === 1 ? candidates[0] : undefined;
}
