// Settings → Developer apps: per platform, whose app signs people in (yours, the environment's, the release's), and
// everything needed to register your own: the console, the exact redirect URIs (with a copy button), the scopes,
// what needs review — then its client id and secret, and a test with the platform.
import { useState, type FormEvent } from 'react';
import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import type { OAuthAppView } from '../../../../shared/oauth';
import { FieldError } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { TokenInput } from '../accounts/TokenInput';
import { call } from '../../lib/api';
import { formErrors, type FormErrors } from '../../lib/form-errors';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';

const SOURCES: Record<OAuthAppView['source'], string> = {
  user: 'Your app',
  env: 'From the environment',
  'built-in': 'Built into this release',
  none: 'Not set up',
};

export function DeveloperApps() {
  const apps = useLoad(() => call('oauthApps:list', {}), []);
  if (apps.data === null) {
    return apps.error ? (
      <ErrorState error={apps.error} onRetry={apps.reload} title="Could not load the developer apps" />
    ) : (
      <LoadingState label="Loading…" />
    );
  }
  const replace = (next: OAuthAppView) => apps.update((current) => current.map((app) => (app.platform === next.platform ? next : app)));
  return (
    <section className="card developer-apps" aria-labelledby="developer-apps-title">
      <h2 className="card-title" id="developer-apps-title">
        Developer apps
      </h2>
      <p className="hint">
        Signing in to a platform goes through a developer app registered with it. X and YouTube can use one built into a release; the others need your
        own. Register it on the platform’s console with the redirect URIs below, then enter its client id and secret here. They stay on this computer,
        encrypted like the sign-ins.
      </p>
      {PLATFORMS.map((platform) => (
        <DeveloperApp key={platform} app={apps.data?.find((app) => app.platform === platform) as OAuthAppView} onChanged={replace} />
      ))}
    </section>
  );
}

function DeveloperApp({ app, onChanged }: { app: OAuthAppView; onChanged: (app: OAuthAppView) => void }) {
  const platform: Platform = app.platform;
  const label = PLATFORM_LABELS[platform];
  const [clientId, setClientId] = useState(app.source === 'user' ? (app.clientId ?? '') : '');
  const [clientSecret, setClientSecret] = useState('');
  const [organizations, setOrganizations] = useState(app.organizations);
  const [errors, setErrors] = useState<FormErrors>({});
  const [tested, setTested] = useState<{ ok: boolean; message: string } | null>(null);
  const { busy, run } = useAction();
  const prefix = `app-${platform}`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setTested(null);
    void run(
      'save',
      async () => {
        const next = await call('oauthApps:set', {
          platform,
          clientId: clientId.trim(),
          ...(clientSecret.trim() === '' ? {} : { clientSecret: clientSecret.trim() }),
          ...(platform === 'linkedin' ? { organizations } : {}),
        });
        setClientSecret('');
        setErrors({});
        onChanged(next);
        showToast({ tone: 'success', message: `Saved the ${label} developer app.` });
      },
      (error) => setErrors(formErrors(error)),
    );
  };
  const clear = () =>
    void run('clear', async () => {
      onChanged(await call('oauthApps:clear', { platform }));
      setClientId('');
      setClientSecret('');
      setTested(null);
    });
  const test = () => void run('test', async () => setTested(await call('oauthApps:test', { platform })));
  const copy = (uri: string) =>
    void navigator.clipboard.writeText(uri).then(
      () => showToast({ tone: 'success', message: 'Copied.' }),
      () => showToast({ tone: 'danger', message: 'Could not copy; select the text instead.' }),
    );

  return (
    <details className="developer-app" data-testid="developer-app" data-platform={platform} open={app.missing !== null && app.source === 'user'}>
      <summary>
        <PlatformIcon platform={platform} size={20} decorative />
        <strong>{label}</strong>
        <StatusBadge label={SOURCES[app.source]} tone={app.missing === null ? 'success' : 'warning'} />
        {app.missing ? <span className="muted developer-app-missing">{app.missing}</span> : null}
      </summary>
      <div className="developer-app-body">
        <p>
          <a href={app.consoleUrl} target="_blank" rel="noopener noreferrer">
            Open the {label} developer console <Icon name="external" size={14} />
          </a>
        </p>
        <p className="field-label">Redirect URIs to register</p>
        <ul className="redirect-uris">
          {app.redirectUris.map((uri) => (
            <li key={uri}>
              <code data-testid="redirect-uri">{uri}</code>
              <button type="button" className="button button-quiet" onClick={() => copy(uri)} aria-label={`Copy ${uri}`}>
                Copy
              </button>
            </li>
          ))}
        </ul>
        <p className="field-label">Scopes to enable</p>
        <p>
          <code>{app.scopes.join(' ')}</code>
        </p>
        <p className="hint">{app.reviewNote}</p>
        <form className="form-grid" onSubmit={save} aria-label={`Your ${label} developer app`}>
          <div className="field">
            <label htmlFor={`${prefix}-id`}>
              {platform === 'tiktok' ? 'Client key' : platform === 'facebook' || platform === 'instagram' ? 'App id' : 'Client id'}
            </label>
            <input
              id={`${prefix}-id`}
              value={clientId}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => setClientId(event.target.value)}
              required
            />
            <FieldError id={`${prefix}-clientId-error`} field="clientId" message={errors.clientId} />
          </div>
          <div className="field">
            <label htmlFor={`${prefix}-secret`}>
              {platform === 'facebook' || platform === 'instagram' ? 'App secret' : 'Client secret'}
              {app.secretRequired ? '' : ' (not needed for a public client)'}
            </label>
            <TokenInput
              id={`${prefix}-secret`}
              value={clientSecret}
              placeholder={app.source === 'user' && app.hasSecret ? 'Saved — type to replace' : ''}
              onChange={(event) => setClientSecret(event.target.value)}
            />
            <FieldError id={`${prefix}-clientSecret-error`} field="clientSecret" message={errors.clientSecret} />
          </div>
          {platform === 'linkedin' ? (
            <label className="checkbox field-wide">
              <input type="checkbox" checked={organizations} onChange={(event) => setOrganizations(event.target.checked)} />
              The app has the Community Management API (post to company pages)
            </label>
          ) : null}
          <div className="button-row field-wide">
            <button type="submit" className="button button-primary" disabled={busy !== null || clientId.trim() === ''}>
              Save
            </button>
            <button type="button" className="button" disabled={busy !== null || app.missing !== null} onClick={test} data-testid="test-app">
              {busy === 'test' ? <span className="spinner" aria-hidden="true" /> : null}
              Test
            </button>
            {app.source === 'user' ? (
              <button type="button" className="button button-danger-quiet" disabled={busy !== null} onClick={clear}>
                Stop using my app
              </button>
            ) : null}
          </div>
        </form>
        {tested ? (
          <p className={`test-result tone-${tested.ok ? 'success' : 'danger'}`} role="status" data-testid="test-result">
            <Icon name={tested.ok ? 'check' : 'alert'} size={16} /> {tested.message}
          </p>
        ) : null}
      </div>
    </details>
  );
}
