// A post in the queue's lists: the day and time it goes (or went) out, then the row every list shares.
import type { PostView } from '../../../../shared/domain';
import { PostRow } from '../../components/PostRow';
import { postEventTime } from '../../lib/calendar-events';
import { formatInstant, userTimeZone } from '../../lib/time';

export function QueuePostRow({ post }: { post: PostView }) {
  const at = postEventTime(post);
  return (
    <li>
      <PostRow post={post} when={at ? formatInstant(at, userTimeZone(), 'short') : ''} testId="queue-post" />
    </li>
  );
}
