// Drafts without a time, newest first, for the calendar's tray: loaded at start-up beside the calendar's posts and
// kept current by events, so showing the calendar never waits for them nor draws a second time when they arrive.
import type { PostView } from '../../../shared/domain';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';
import { removeById, upsertPost } from './live-updates';

const DRAFTS_LIMIT = 200;

const isTimeless = (post: PostView): boolean => post.status === 'draft' && post.scheduledAt === null;

export const draftsResource = createLiveResource<PostView[]>(
  async () => (await call('posts:list', { status: ['draft'], order: 'desc', limit: DRAFTS_LIMIT })).filter(isTimeless),
  ({ update }) => {
    onEngineEvent('post:changed', ({ post }) => update((drafts) => upsertPost(drafts, post, isTimeless)));
    onEngineEvent('post:deleted', ({ postId }) => update((drafts) => removeById(drafts, postId)));
  },
);
