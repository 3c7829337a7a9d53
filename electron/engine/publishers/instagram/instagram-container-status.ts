// A container's state (`status_code`) and, on ERROR, what its `status` text says went wrong.
import { PermanentError, RetryableError, type PublishError } from '../errors';
import { INSTAGRAM_RETRYABLE_SUBCODES } from '../graph/classify-graph-error';
import { stringField } from '../graph/graph-client';

export type ContainerState = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerStatus {
  state: ContainerState;
  /** Meta's status text; holds the error subcode on ERROR. */
  text: string;
}

const STATES: readonly string[] = ['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED'];

/** The status of a `GET /{container}?fields=status_code,status` answer, or undefined when it has none. */
export function containerStatusOf(body: unknown): ContainerStatus | undefined {
  const state = stringField(body, 'status_code');
  if (state === undefined || !STATES.includes(state)) return undefined;
  return { state: state as ContainerState, text: stringField(body, 'status') ?? state };
}

const PERMANENT_REASONS: Record<number, string> = {
  2207004: 'the image is larger than 8 MB',
  2207005: 'the image format is not supported (Instagram takes JPEG only)',
  2207009: 'the aspect ratio is not supported (feed images must be between 4:5 and 1.91:1)',
  2207026: 'the video format is not supported (use MP4 or MOV with H.264 video and AAC audio)',
  2207052: 'Instagram could not download the media; check that the link is public and works',
};

/** The engine's error for a container that ended in ERROR or EXPIRED. */
export function containerFailure(status: ContainerStatus): PublishError {
  if (status.state === 'EXPIRED') {
    return new RetryableError('Instagram let the prepared media expire before it was published; it will be prepared again.', {
      platformCode: 'container-expired',
    });
  }
  const subcode = Number(/\b(2\d{6})\b/.exec(status.text)?.[1]);
  const platformCode = Number.isFinite(subcode) ? String(subcode) : 'container-error';
  if (INSTAGRAM_RETRYABLE_SUBCODES.has(subcode)) {
    return new RetryableError(`Instagram failed to process the media (${status.text}); nothing was published.`, {
      platformCode,
    });
  }
  const reason = PERMANENT_REASONS[subcode] ?? status.text;
  return new PermanentError(`Instagram refused the media: ${reason}.`, { platformCode });
}
