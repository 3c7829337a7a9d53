// "Connect <platform>": one button per platform, each saying up front when its developer app is not set up yet,
// instead of failing after the browser opened. Instagram has a second way in, through a Facebook Page.
import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import type { OAuthAppView } from '../../../../shared/oauth';
import { PlatformIcon } from '../../components/PlatformIcon';
import { routeHref } from '../../lib/route';
import type { ConnectRequest } from '../../lib/connect-flow';

interface ConnectPanelProps {
  apps: readonly OAuthAppView[] | null;
  busy: boolean;
  onConnect: (request: ConnectRequest) => void;
}

export function ConnectPanel({ apps, busy, onConnect }: ConnectPanelProps) {
  const appOf = (platform: Platform) => apps?.find((app) => app.platform === platform);
  return (
    <section className="card connect-panel" aria-labelledby="connect-title" data-testid="connect-panel">
      <h2 className="card-title" id="connect-title">
        Connect an account
      </h2>
      <p className="hint">You sign in on the platform’s own page in your browser; the app never sees your password.</p>
      <ul className="connect-grid">
        {PLATFORMS.map((platform) => {
          const app = appOf(platform);
          const missing = app?.missing ?? null;
          const viaPage = platform === 'instagram' ? appOf('facebook') : undefined;
          return (
            <li key={platform} className="connect-item" data-platform={platform}>
              <button
                type="button"
                className="button connect-button"
                data-testid={`connect-${platform}`}
                disabled={busy || apps === null || missing !== null}
                aria-describedby={missing ? `connect-${platform}-missing` : undefined}
                onClick={() => onConnect({ platform })}
              >
                <PlatformIcon platform={platform} size={20} decorative />
                Connect {PLATFORM_LABELS[platform]}
              </button>
              {missing ? (
                <p className="connect-missing" id={`connect-${platform}-missing`}>
                  {missing} <a href={routeHref({ name: 'settings' })}>Set it up</a>
                </p>
              ) : null}
              {viaPage ? (
                <button
                  type="button"
                  className="button button-quiet connect-secondary"
                  data-testid="connect-instagram-via-facebook"
                  disabled={busy || viaPage.missing !== null}
                  title={viaPage.missing ?? undefined}
                  onClick={() => onConnect({ platform: 'instagram', loginKind: 'facebook' })}
                >
                  …or through a Facebook Page
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
