// Scheduled posts go out only while the app runs: while it is set not to start at login and posts are scheduled,
// the calendar says so, with one click to turn it back on.
import { call } from '../../lib/api';
import { queueStatsResource } from '../../lib/queue-stats-store';
import { settingsResource } from '../../lib/settings-store';
import { useAction } from '../../lib/use-action';
import { Icon } from '../../components/Icon';

export function StartAtLoginBanner() {
  const settings = settingsResource.useLive().data;
  const upcoming = queueStatsResource.useLive().data?.posts.upcoming.posts ?? 0;
  const { busy, run } = useAction();
  if (!settings || settings.startAtLogin || upcoming === 0) return null;
  const turnOn = (): void =>
    void run('on', async () => {
      settingsResource.set(await call('settings:set', { startAtLogin: true }));
    });
  return (
    <div className="banner tone-warning" role="status" data-testid="start-at-login-banner">
      <Icon name="alert" />
      <span>
        <strong>Publishing Engine is not set to start at login.</strong> {upcoming === 1 ? '1 post is' : `${upcoming} posts are`} scheduled, and posts
        go out only while the app runs: after a restart they wait until you open it.
      </span>
      <button type="button" className="button" disabled={busy !== null} onClick={turnOn}>
        Start at login
      </button>
    </div>
  );
}
