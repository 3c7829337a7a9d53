// The words of each desktop notification, from the engine's events.
import { PLATFORM_LABELS, type AccountView, type PublishResultEvent, type TargetView } from '../../shared/domain';
import { wakeSummaryText, type WakeSummary } from '../../shared/wake-summary';

export interface NotificationText {
  title: string;
  body: string;
}

const BODY_LENGTH = 240;

export function publishResultText(result: PublishResultEvent): NotificationText {
  const platform = PLATFORM_LABELS[result.platform];
  switch (result.status) {
    case 'published':
      return { title: `Published on ${platform}`, body: lines(result.accountName, result.url) };
    case 'failed':
      return { title: `Failed on ${platform}`, body: lines(result.accountName, result.message ?? 'The platform gave no reason.') };
    case 'unknown':
      return {
        title: `Check ${platform}: result unknown`,
        body: lines(result.accountName, 'The platform did not confirm whether the post went out. Open it to check and choose what to do.'),
      };
  }
}

export function missedTargetsText(targets: readonly TargetView[]): NotificationText {
  const posts = new Set(targets.map((target) => target.postId)).size;
  const title = posts === 1 ? '1 post missed its time' : `${posts} posts missed their time`;
  const where = [...new Set(targets.map((target) => `${PLATFORM_LABELS[target.platform]} (${target.accountName})`))].join(', ');
  return {
    title,
    body: lines(where, 'Due while the app was closed or asleep, later than the late tolerance allows, so not published. Open the app to reschedule.'),
  };
}

/** One notification for a wake, once nothing of it is still going out: "2 posts were due while … asleep". */
export function wakeSummaryNotificationText(summary: Pick<WakeSummary, 'counts'>): NotificationText {
  const [title, outcome] = wakeSummaryText(summary).split(': ');
  const waiting = summary.counts.missed + summary.counts.failed;
  const next = waiting > 0 ? 'Open the app to publish the missed ones now or reschedule them.' : 'Nothing is left to do.';
  return { title: title ?? '', body: lines(outcome ? `${outcome.charAt(0).toUpperCase()}${outcome.slice(1)}.` : null, next) };
}

/** A week before a sign-in that cannot be renewed runs out (LinkedIn's 60 days), once a day. */
export function expiringAccountsText(accounts: readonly AccountView[], format: { locale?: string; timeZone?: string } = {}): NotificationText {
  const names = accounts.map((account) => `${PLATFORM_LABELS[account.platform]} (${account.name})`).join(', ');
  const first = accounts
    .map((account) => account.tokenExpiresAt)
    .filter((at): at is string => at !== null)
    .sort()[0];
  const when = first ? new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: format.timeZone }).format(new Date(first)) : 'soon';
  const expired = first !== undefined && Date.parse(first) <= Date.now();
  return {
    title: accounts.length === 1 ? 'Reconnect an account' : `Reconnect ${accounts.length} accounts`,
    body: lines(
      names,
      expired
        ? 'Its sign-in has run out: posts to it fail until you reconnect it under Accounts.'
        : `Its sign-in runs out on ${when}. Reconnect it under Accounts before then, so scheduled posts go out.`,
    ),
  };
}

function lines(...parts: Array<string | null>): string {
  const body = parts.filter((part): part is string => part !== null && part.trim() !== '').join('\n');
  const characters = Array.from(body);
  return characters.length <= BODY_LENGTH
    ? body
    : `${characters
        .slice(0, BODY_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}
