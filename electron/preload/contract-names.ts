// The contract's channel names, for the sandboxed preload. shared/contract/channels pairs each name with its zod
// schema, and a sandboxed preload cannot load zod; this record is type-checked against the contract instead
// (a missing or extra name fails to compile), so it cannot drift. Channels that take paths on this machine are
// false: the renderer cannot name a file; importFiles sends the paths of files the user picked.
import type { Channel } from '../../shared/contract/channels';

const CHANNELS: Record<Channel, boolean> = {
  'posts:create': true,
  'posts:save': true,
  'posts:delete': true,
  'posts:get': true,
  'posts:list': true,
  'posts:queue': true,
  'posts:reorder': true,
  'publishing:publishNow': true,
  'publishing:cancel': true,
  'publishing:reschedule': true,
  'publishing:retry': true,
  'publishing:resolveUnknown': true,
  'accounts:add': true,
  'accounts:list': true,
  'accounts:update': true,
  'accounts:remove': true,
  'slots:get': true,
  'slots:set': true,
  'slots:list': true,
  'slots:open': true,
  'accounts:removalImpact': true,
  'accounts:verify': true,
  'accounts:connect': true,
  'accounts:connectGet': true,
  'accounts:connectChoose': true,
  'accounts:connectCancel': true,
  'oauthApps:list': true,
  'oauthApps:set': true,
  'oauthApps:clear': true,
  'oauthApps:test': true,
  'credentials:status': true,
  'queue:stats': true,
  'queue:failed': true,
  'queue:retry': true,
  'queue:pause': true,
  'queue:resume': true,
  'queue:checkNetwork': true,
  'wake:check': true,
  'wake:summary': true,
  'wake:publishNow': true,
  'wake:reschedule': true,
  'wake:dismiss': true,
  'settings:get': true,
  'settings:set': true,
  'media:import': false,
  'media:list': true,
  'media:get': true,
  'media:remove': true,
  'storage:get': true,
  'storage:set': true,
  'storage:remove': true,
  'storage:test': true,
};

export function isBridgeChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name) && CHANNELS[name as Channel];
}
