import { describe, expect, it } from 'vitest';
import type { QueueStats } from '../../shared/domain';
import { excerpt, formatWhen, trayIconVariant, trayMenuModel, trayTooltip, type TrayMenuItemModel } from '../../electron/main/tray-model';

const format = { locale: 'en-GB', timeZone: 'Europe/Berlin', now: new Date('2026-12-01T07:30:00Z') };

function stats(overrides: Partial<QueueStats> = {}): QueueStats {
  return {
    counts: { waiting: 1, delayed: 3, prioritized: 0, active: 2, completed: 40, failed: 1 },
    paused: false,
    nextPost: { id: 'p1', text: 'Good morning,\nEurope!', scheduledAt: '2026-12-01T08:00:00Z' },
    needsAttention: 0,
    posts: { upcoming: { posts: 3, targets: 4 }, publishing: { posts: 1, targets: 2 }, needsAttention: { posts: 0, targets: 0 } },
    waiting: { network: { posts: 0, targets: 0 }, platform: { posts: 0, targets: 0 } },
    connectivity: { state: 'online', offlineSince: null, systemOffline: false, platformsDown: [], nextCheckAt: null },
    ...overrides,
  };
}

const labels = (items: TrayMenuItemModel[]) => items.map((item) => (item.kind === 'separator' ? '---' : item.label));
const item = (items: TrayMenuItemModel[], label: string) =>
  items.find((candidate) => candidate.kind === 'item' && candidate.label === label) as Extract<TrayMenuItemModel, { kind: 'item' }>;

describe('trayMenuModel', () => {
  it('shows the next post, the counts, pause, open and quit', () => {
    const items = trayMenuModel(stats(), format);
    expect(labels(items)).toEqual([
      'Next: today 09:00 — Good morning, Europe!',
      '4 scheduled · 2 publishing',
      '---',
      'Pause publishing',
      '---',
      'Open Publishing Engine',
      'Quit',
    ]);
    expect(items[0]).toMatchObject({ enabled: false, action: null });
    expect(item(items, 'Pause publishing')).toMatchObject({ enabled: true, action: 'pause' });
    expect(item(items, 'Open Publishing Engine')).toMatchObject({ enabled: true, action: 'open' });
    expect(item(items, 'Quit')).toMatchObject({ enabled: true, action: 'quit' });
  });

  it('offers resume and says so while paused', () => {
    const items = trayMenuModel(stats({ paused: true }), format);
    expect(labels(items)).toContain('Publishing is paused');
    expect(item(items, 'Resume publishing')).toMatchObject({ enabled: true, action: 'resume' });
    expect(labels(items)).not.toContain('Pause publishing');
  });

  it('links to the window when posts need attention', () => {
    expect(item(trayMenuModel(stats({ needsAttention: 1 }), format), '1 post needs attention')).toMatchObject({ enabled: true, action: 'open' });
    expect(labels(trayMenuModel(stats({ needsAttention: 3 }), format))).toContain('3 posts need attention');
    expect(labels(trayMenuModel(stats(), format)).some((label) => label.includes('attention'))).toBe(false);
  });

  it('says when the engine is offline, or which platform cannot be reached, and how many posts wait', () => {
    const offline = stats({
      waiting: { network: { posts: 2, targets: 3 }, platform: { posts: 0, targets: 0 } },
      connectivity: { state: 'offline', offlineSince: '2026-12-01T07:00:00Z', systemOffline: false, platformsDown: [], nextCheckAt: null },
    });
    expect(labels(trayMenuModel(offline, format))).toContain('Offline — 2 posts waiting');
    expect(trayTooltip(offline, format)).toBe('Publishing Engine — next post today 09:00 — offline — 2 posts waiting');
    const down = stats({
      waiting: { network: { posts: 0, targets: 0 }, platform: { posts: 1, targets: 1 } },
      connectivity: {
        state: 'online',
        offlineSince: null,
        systemOffline: false,
        platformsDown: [{ platform: 'twitter', since: '2026-12-01T07:00:00Z', cause: 'connection refused' }],
        nextCheckAt: '2026-12-01T07:31:00Z',
      },
    });
    expect(labels(trayMenuModel(down, format))).toContain('X (Twitter) unreachable — 1 post waiting');
    expect(labels(trayMenuModel(stats(), format)).some((label) => /Offline|unreachable/.test(label))).toBe(false);
  });

  it('says when nothing is scheduled', () => {
    expect(labels(trayMenuModel(stats({ nextPost: null }), format))[0]).toBe('Nothing scheduled');
  });

  it('still offers open and quit before the engine answers, with pause disabled', () => {
    const items = trayMenuModel(null, format);
    expect(labels(items)).toEqual(['Publishing status unavailable', '---', 'Pause publishing', '---', 'Open Publishing Engine', 'Quit']);
    expect(item(items, 'Pause publishing').enabled).toBe(false);
  });
});

describe('trayIconVariant and trayTooltip', () => {
  it('switches to the attention icon while anything needs the user', () => {
    expect(trayIconVariant(stats())).toBe('normal');
    expect(trayIconVariant(stats({ needsAttention: 2 }))).toBe('attention');
    expect(trayIconVariant(null)).toBe('normal');
  });

  it('sums up the state in the tooltip', () => {
    expect(trayTooltip(stats(), format)).toBe('Publishing Engine — next post today 09:00');
    expect(trayTooltip(stats({ paused: true, needsAttention: 1 }), format)).toBe('Publishing Engine — publishing paused — 1 post needs attention');
    expect(trayTooltip(null, format)).toBe('Publishing Engine');
  });
});

describe('formatWhen', () => {
  it('says today and tomorrow in the given zone, and the date otherwise', () => {
    expect(formatWhen('2026-12-01T22:59:00Z', format)).toBe('today 23:59');
    expect(formatWhen('2026-12-01T23:00:00Z', format)).toBe('tomorrow 00:00');
    expect(formatWhen('2026-12-03T08:00:00Z', format)).toBe('Thu 3 Dec, 09:00');
  });

  it('follows the zone across a DST change', () => {
    const spring = { locale: 'en-GB', timeZone: 'Europe/Berlin', now: new Date('2026-03-28T12:00:00Z') };
    expect(formatWhen('2026-03-29T07:00:00Z', spring)).toBe('tomorrow 09:00');
  });

  it('returns the input when it is not a date', () => {
    expect(formatWhen('soon', format)).toBe('soon');
  });
});

describe('accounts in the tray', () => {
  it('lists accounts that need the user, opens the app from there, and shows the attention icon', () => {
    const items = trayMenuModel(stats(), format, 2);
    expect(item(items, '2 accounts need reconnecting or fixing')).toMatchObject({ enabled: true, action: 'open' });
    expect(trayIconVariant(stats(), 2)).toBe('attention');
    expect(trayIconVariant(stats(), 0)).toBe('normal');
    expect(trayTooltip(stats(), format, 1)).toMatch(/1 account needs reconnecting or fixing$/);
  });
});

describe('start at login in the tray', () => {
  const upcoming = (posts: number) =>
    stats({ posts: { upcoming: { posts, targets: posts * 2 }, publishing: { posts: 0, targets: 0 }, needsAttention: { posts: 0, targets: 0 } } });

  it('warns when posts are scheduled and the app will not start at login, and offers to turn it on', () => {
    const items = trayMenuModel(upcoming(3), format, 0, false);
    expect(labels(items)).toEqual([
      'Next: today 09:00 — Good morning, Europe!',
      '4 scheduled · 2 publishing',
      'Not set to start at login — 3 posts are scheduled',
      'Start at login',
      '---',
      'Pause publishing',
      '---',
      'Open Publishing Engine',
      'Quit',
    ]);
    expect(item(items, 'Not set to start at login — 3 posts are scheduled')).toMatchObject({ enabled: false, action: null });
    expect(item(items, 'Start at login')).toMatchObject({ enabled: true, action: 'start-at-login' });
    expect(trayIconVariant(upcoming(3), 0, false)).toBe('attention');
    expect(trayTooltip(upcoming(1), format, 0, false)).toBe(
      'Publishing Engine — next post today 09:00 — not set to start at login — 1 post is scheduled',
    );
  });

  it('says nothing while the app starts at login, or while nothing is scheduled', () => {
    for (const [current, startsAtLogin] of [
      [upcoming(3), true],
      [upcoming(0), false],
      [null, false],
    ] as const) {
      expect(labels(trayMenuModel(current, format, 0, startsAtLogin)).some((label) => /login/.test(label))).toBe(false);
      expect(trayIconVariant(current, 0, startsAtLogin)).toBe('normal');
      expect(trayTooltip(current, format, 0, startsAtLogin)).not.toMatch(/login/);
    }
  });
});

describe('excerpt', () => {
  it('puts the text on one line and cuts it without splitting an emoji', () => {
    expect(excerpt('  Hello\n\nworld  ')).toBe('Hello world');
    expect(excerpt('')).toBe('(no text)');
    const long = `${'🚀'.repeat(50)}`;
    const cut = excerpt(long);
    expect(Array.from(cut)).toHaveLength(40);
    expect(cut.endsWith('🚀…')).toBe(true);
  });
});

describe('uploads in the tray', () => {
  const uploading = (item: number, items: number, bytesSent: number, bytesTotal: number) =>
    ({ phase: 'uploading', item, items, bytesSent, bytesTotal }) as const;

  it('says which file of how many is going up, and how far, under the counts', () => {
    const items = trayMenuModel(stats(), format, 0, true, [uploading(2, 3, 45, 100)]);
    expect(labels(items).slice(0, 3)).toEqual(['Next: today 09:00 — Good morning, Europe!', '4 scheduled · 2 publishing', 'Uploading 2 of 3 — 45 %']);
    expect(item(items, 'Uploading 2 of 3 — 45 %')).toMatchObject({ enabled: false, action: null });
    expect(trayTooltip(stats(), format, 0, true, [uploading(2, 3, 45, 100)])).toBe(
      'Publishing Engine — next post today 09:00 — uploading 2 of 3 — 45 %',
    );
  });

  it('one file reads without "1 of 1"; several targets count their files together', () => {
    expect(labels(trayMenuModel(stats(), format, 0, true, [uploading(1, 1, 0, 500)]))).toContain('Uploading — 0 %');
    expect(labels(trayMenuModel(stats(), format, 0, true, [uploading(2, 3, 10, 100), uploading(1, 2, 0, 100)]))).toContain(
      'Uploading 3 of 5 to 2 accounts',
    );
  });

  it('after the bytes, says the platform is processing; says nothing once nothing uploads', () => {
    const processing = { phase: 'processing', item: 1, items: 1, bytesSent: 100, bytesTotal: 100 } as const;
    const publishing = { phase: 'publishing', item: 1, items: 1, bytesSent: 100, bytesTotal: 100 } as const;
    expect(labels(trayMenuModel(stats(), format, 0, true, [processing]))).toContain('A platform is processing an upload');
    expect(labels(trayMenuModel(stats(), format, 0, true, [processing, processing]))).toContain('Platforms are processing 2 uploads');
    expect(labels(trayMenuModel(stats(), format, 0, true, [publishing]))).toEqual(labels(trayMenuModel(stats(), format)));
    expect(trayTooltip(stats(), format, 0, true, [])).toBe(trayTooltip(stats(), format));
  });
});
