// What the tray shows, as data: the menu's items (label, enabled, action), the icon variant and the tooltip.
// tray.ts turns this into Electron's Menu; keeping it plain makes every state testable under Node.
import { PLATFORM_LABELS, type QueueStats } from '../../shared/domain';
import type { UploadProgress } from '../../shared/media-item';
import { uploadsSummary } from '../../shared/upload-progress-text';

export type TrayAction = 'open' | 'pause' | 'resume' | 'quit' | 'start-at-login';

export type TrayMenuItemModel = { kind: 'item'; label: string; enabled: boolean; action: TrayAction | null } | { kind: 'separator' };

export type TrayIconVariant = 'normal' | 'attention';

export interface TrayFormat {
  /** BCP 47 locale for dates; the system's when absent. */
  locale?: string;
  /** IANA zone for dates; the system's when absent. */
  timeZone?: string;
  now?: Date;
}

const PRODUCT_NAME = 'Publishing Engine';
const EXCERPT_LENGTH = 40;

/**
 * `stats` is null until the engine first answers queue:stats (or when it could not); `accounts` counts the accounts
 * that need the user (a problem, or a sign-in about to run out); `startsAtLogin` is settings.startAtLogin; `uploads`
 * is the latest target:progress of each target publishing now.
 */
export function trayMenuModel(
  stats: QueueStats | null,
  format: TrayFormat = {},
  accounts = 0,
  startsAtLogin = true,
  uploads: readonly UploadProgress[] = [],
): TrayMenuItemModel[] {
  const info = (label: string): TrayMenuItemModel => ({ kind: 'item', label, enabled: false, action: null });
  const items: TrayMenuItemModel[] = [];

  if (stats === null) {
    items.push(info('Publishing status unavailable'));
  } else {
    items.push(
      info(stats.nextPost ? `Next: ${formatWhen(stats.nextPost.scheduledAt, format)} — ${excerpt(stats.nextPost.text)}` : 'Nothing scheduled'),
    );
    items.push(info(countsLine(stats)));
    const uploading = uploadsSummary(uploads);
    if (uploading) items.push(info(uploading));
    const network = networkLine(stats);
    if (network) items.push(info(network));
    if (stats.needsAttention > 0) {
      items.push({ kind: 'item', label: attentionLine(stats.needsAttention), enabled: true, action: 'open' });
    }
    if (stats.paused) items.push(info('Publishing is paused'));
  }
  if (accounts > 0) items.push({ kind: 'item', label: accountsLine(accounts), enabled: true, action: 'open' });
  const loginWarning = notAtLoginLine(stats, startsAtLogin);
  if (loginWarning) {
    items.push(info(loginWarning));
    items.push({ kind: 'item', label: 'Start at login', enabled: true, action: 'start-at-login' });
  }

  items.push({ kind: 'separator' });
  items.push(
    stats?.paused
      ? { kind: 'item', label: 'Resume publishing', enabled: true, action: 'resume' }
      : { kind: 'item', label: 'Pause publishing', enabled: stats !== null, action: 'pause' },
  );
  items.push({ kind: 'separator' });
  items.push({ kind: 'item', label: `Open ${PRODUCT_NAME}`, enabled: true, action: 'open' });
  items.push({ kind: 'item', label: 'Quit', enabled: true, action: 'quit' });
  return items;
}

export function trayIconVariant(stats: QueueStats | null, accounts = 0, startsAtLogin = true): TrayIconVariant {
  const attention = (stats !== null && stats.needsAttention > 0) || accounts > 0 || notAtLoginLine(stats, startsAtLogin) !== undefined;
  return attention ? 'attention' : 'normal';
}

export function trayTooltip(
  stats: QueueStats | null,
  format: TrayFormat = {},
  accounts = 0,
  startsAtLogin = true,
  uploads: readonly UploadProgress[] = [],
): string {
  if (stats === null) return PRODUCT_NAME;
  const parts = [PRODUCT_NAME];
  if (stats.paused) parts.push('publishing paused');
  else if (stats.nextPost) parts.push(`next post ${formatWhen(stats.nextPost.scheduledAt, format)}`);
  const uploading = uploadsSummary(uploads);
  if (uploading) parts.push(uploading.charAt(0).toLowerCase() + uploading.slice(1));
  const network = networkLine(stats);
  if (network) parts.push(network.charAt(0).toLowerCase() + network.slice(1));
  if (stats.needsAttention > 0) parts.push(attentionLine(stats.needsAttention).toLowerCase());
  if (accounts > 0) parts.push(accountsLine(accounts).toLowerCase());
  const loginWarning = notAtLoginLine(stats, startsAtLogin);
  if (loginWarning) parts.push(loginWarning.charAt(0).toLowerCase() + loginWarning.slice(1));
  return parts.join(' — ');
}

/**
 * Posts are scheduled but the app will not start at login: after a restart they wait until someone opens it, and
 * are published late or missed. Nothing while nothing is scheduled.
 */
function notAtLoginLine(stats: QueueStats | null, startsAtLogin: boolean): string | undefined {
  const upcoming = stats?.posts.upcoming.posts ?? 0;
  if (startsAtLogin || upcoming === 0) return undefined;
  return `Not set to start at login — ${upcoming === 1 ? '1 post is' : `${upcoming} posts are`} scheduled`;
}

function accountsLine(count: number): string {
  return count === 1 ? '1 account needs reconnecting or fixing' : `${count} accounts need reconnecting or fixing`;
}

function countsLine(stats: QueueStats): string {
  const { counts } = stats;
  const scheduled = counts.delayed + counts.waiting + counts.prioritized;
  return `${scheduled} scheduled · ${counts.active} publishing`;
}

/** "Offline — 2 posts waiting", "X (Twitter) unreachable — 1 post waiting", or nothing while all is well. */
function networkLine(stats: QueueStats): string | undefined {
  const { connectivity, waiting } = stats;
  const posts = (count: number) => (count === 1 ? '1 post waiting' : `${count} posts waiting`);
  if (connectivity.state === 'offline') {
    const count = waiting.network.posts + waiting.platform.posts;
    return count > 0 ? `Offline — ${posts(count)}` : 'Offline';
  }
  if (connectivity.platformsDown.length === 0) return undefined;
  const names = connectivity.platformsDown.map((down) => PLATFORM_LABELS[down.platform]).join(', ');
  return waiting.platform.posts > 0 ? `${names} unreachable — ${posts(waiting.platform.posts)}` : `${names} unreachable`;
}

function attentionLine(count: number): string {
  return count === 1 ? '1 post needs attention' : `${count} posts need attention`;
}

/** "today 09:00", "tomorrow 09:00", or "Tue 1 Dec, 09:00" in the given zone. */
export function formatWhen(iso: string, format: TrayFormat = {}): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const now = format.now ?? new Date();
  const time = new Intl.DateTimeFormat(format.locale, { hour: '2-digit', minute: '2-digit', timeZone: format.timeZone }).format(when);
  const day = dayKey(when, format.timeZone);
  const today = dayKey(now, format.timeZone);
  if (day === today) return `today ${time}`;
  if (day === nextDayKey(today)) return `tomorrow ${time}`;
  const date = new Intl.DateTimeFormat(format.locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: format.timeZone }).format(when);
  return `${date}, ${time}`;
}

/** The post's text on one line, cut to a menu-friendly length without splitting an emoji. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '(no text)';
  const characters = Array.from(line);
  return characters.length <= EXCERPT_LENGTH
    ? line
    : `${characters
        .slice(0, EXCERPT_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}

function dayKey(date: Date, timeZone: string | undefined): string {
  // en-CA formats as YYYY-MM-DD, whatever the user's locale.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date);
}

function nextDayKey(key: string): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
