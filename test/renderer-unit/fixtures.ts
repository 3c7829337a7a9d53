// Plain domain objects for the renderer's pure helpers.
import type { AccountView, Platform, PostView, TargetView } from '../../shared/domain';

export function account(id: string, platform: Platform, name = id, status: AccountView['status'] = 'connected'): AccountView {
  return {
    id,
    platform,
    name,
    externalId: null,
    status,
    tokenExpiresAt: null,
    statusMessage: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    avatarUrl: null,
    connection: 'token',
    loginKind: null,
    verifiedAt: '2026-01-01T00:00:00.000Z',
    autoRenews: false,
    problem: status === 'needs_reconnect' ? { kind: 'needs_reconnect', message: 'Reconnect it.' } : null,
  };
}

export function target(id: string, postId: string, platform: Platform, overrides: Partial<TargetView> = {}): TargetView {
  return {
    id,
    postId,
    accountId: `acc-${platform}`,
    accountName: `${platform} account`,
    platform,
    status: 'pending',
    textOverride: null,
    options: {},
    platformPostId: null,
    platformPostUrl: null,
    errorMessage: null,
    attemptCount: 0,
    waiting: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function post(id: string, overrides: Partial<PostView> = {}): PostView {
  return {
    id,
    text: `Post ${id}`,
    mediaUrls: [],
    media: [],
    scheduledAt: '2026-03-10T09:00:00.000Z',
    timeZone: 'Europe/Berlin',
    status: 'scheduled',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    targets: [target(`${id}-t1`, id, 'twitter')],
    ...overrides,
  };
}
