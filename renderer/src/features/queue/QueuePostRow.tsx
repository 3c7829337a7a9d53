// A post in the queue's lists: the day and time it goes (or went) out, then the row every list shares; while it
// publishes, how far its uploads have got ("Uploading 2 of 3").
import type { PostView } from '../../../../shared/domain';
import { PostRow } from '../../components/PostRow';
import { PostUploadProgress } from '../../components/UploadProgress';
import { postEventTime } from '../../lib/calendar-events';
import { formatInstant, userTimeZone } from '../../lib/time';
import { usePostProgress } from '../../lib/upload-progress-store';

export function QueuePostRow({ post }: { post: PostView }) {
  const at = postEventTime(post);
  const progress = usePostProgress(post.id);
  return (
    <li>
      <PostRow post={post} when={at ? formatInstant(at, userTimeZone(), 'short') : ''} testId="queue-post" />
      {post.status === 'publishing' ? <PostUploadProgress entries={progress} /> : null}
    </li>
  );
}
