// The window's word on the network: offline (nothing can be reached, so what is due waits), or one platform that
// cannot be reached while the others answer (only its posts wait). It also passes the system's `online` event to
// the engine, which checks at once what waits instead of at its next probe.
import { useEffect } from 'react';
import type { QueueStats } from '../../../shared/domain';
import { platformsDownText } from '../../../shared/waiting-text';
import { checkNetworkNow, queueStatsResource } from '../lib/queue-stats-store';
import { formatInstant, userTimeZone } from '../lib/time';
import { useAction } from '../lib/use-action';
import { Icon } from './Icon';

function postsWaiting(count: number): string {
  return count === 1 ? '1 post waits' : `${count} posts wait`;
}

/** What the banner says, or null while every platform answers. */
export function networkNotice(stats: QueueStats, zone: string): { headline: string; detail: string } | null {
  const { connectivity, waiting } = stats;
  if (connectivity.state === 'offline') {
    const since = connectivity.offlineSince === null ? '' : ` since ${formatInstant(connectivity.offlineSince, zone, 'short')}`;
    const count = waiting.network.posts + waiting.platform.posts;
    return {
      headline: `Offline${since}.`,
      detail:
        count > 0
          ? `${postsWaiting(count)} and ${count === 1 ? 'goes' : 'go'} out as soon as the network is back. Nothing is lost and no try is spent.`
          : 'Posts that fall due wait and go out as soon as the network is back.',
    };
  }
  const first = connectivity.platformsDown[0];
  if (!first) return null;
  const names = platformsDownText(connectivity);
  const count = waiting.platform.posts;
  return {
    headline: `${names} cannot be reached since ${formatInstant(first.since, zone, 'short')}.`,
    detail: `${count > 0 ? `${postsWaiting(count)} for ${connectivity.platformsDown.length === 1 ? 'it' : 'them'}. ` : ''}Other platforms publish as usual.`,
  };
}

export function NetworkBanner() {
  const stats = queueStatsResource.useLive().data;
  const { busy, run } = useAction();
  const check = (): void =>
    void run('check', async () => {
      await checkNetworkNow();
    });

  useEffect(() => {
    const onOnline = (): void => {
      checkNetworkNow().catch(() => undefined);
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  const notice = stats ? networkNotice(stats, userTimeZone()) : null;
  if (!stats || !notice) return null;
  const offline = stats.connectivity.state === 'offline';
  return (
    <div
      className={`banner network-banner ${offline ? 'tone-warning' : 'tone-info'}`}
      role="status"
      data-testid="network-banner"
      data-state={stats.connectivity.state}
    >
      <Icon name="alert" />
      <span>
        <strong>{notice.headline}</strong> {notice.detail}
      </span>
      <button type="button" className="button" disabled={busy === 'check'} onClick={check}>
        <Icon name="retry" /> Check now
      </button>
    </div>
  );
}
