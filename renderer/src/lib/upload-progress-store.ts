// How far each publishing target's upload has got, from target:progress events, for the post, the queue and the
// calendar. An entry lives while its target publishes: a target that settles (or a post that goes) drops it, and
// screens show it only beside a status that still says publishing, so a missed event never leaves a stale bar.
import { useSyncExternalStore } from 'react';
import type { PostView, TargetView } from '../../../shared/domain';
import type { UploadProgress } from '../../../shared/media-item';
import { onEngineEvent } from './api';

export interface TargetProgress {
  targetId: string;
  postId: string;
  progress: UploadProgress;
}

const byTarget = new Map<string, TargetProgress>();
/** Per post, its targets' entries; a new array whenever one changes, so a snapshot is stable until then. */
const byPost = new Map<string, readonly TargetProgress[]>();
const listeners = new Set<() => void>();
let connected = false;

function refreshPost(postId: string): void {
  const entries = [...byTarget.values()].filter((entry) => entry.postId === postId);
  if (entries.length === 0) byPost.delete(postId);
  else byPost.set(postId, entries);
  for (const listener of listeners) listener();
}

function drop(targetId: string): void {
  const entry = byTarget.get(targetId);
  if (!entry) return;
  byTarget.delete(targetId);
  refreshPost(entry.postId);
}

function settled(target: Pick<TargetView, 'id' | 'status'>): void {
  if (target.status !== 'publishing') drop(target.id);
}

function connect(): void {
  if (connected) return;
  connected = true;
  onEngineEvent('target:progress', ({ targetId, postId, progress }) => {
    byTarget.set(targetId, { targetId, postId, progress });
    refreshPost(postId);
  });
  onEngineEvent('target:changed', ({ target }) => settled(target));
  onEngineEvent('post:changed', ({ post }: { post: PostView }) => post.targets.forEach(settled));
  onEngineEvent('post:deleted', ({ postId }) => {
    for (const entry of byTarget.values()) if (entry.postId === postId) byTarget.delete(entry.targetId);
    refreshPost(postId);
  });
}

function subscribe(listener: () => void): () => void {
  connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The upload progress of one target while it publishes, else null. */
export function useTargetProgress(targetId: string): UploadProgress | null {
  return useSyncExternalStore(subscribe, () => byTarget.get(targetId)?.progress ?? null);
}

/** The upload progress of a post's publishing targets (empty when none reports any). */
export function usePostProgress(postId: string): readonly TargetProgress[] {
  return useSyncExternalStore(subscribe, () => byPost.get(postId) ?? NONE);
}

const NONE: readonly TargetProgress[] = [];
