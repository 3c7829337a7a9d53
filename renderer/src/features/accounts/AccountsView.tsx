// Accounts: connect one by signing in at the platform, follow the sign-in, and keep every account able to publish —
// reconnect in one click, fill in a missing id, check again, remove with a clear word about waiting posts. Accounts
// that need the user come first. Pasting a token stays available as an advanced way in.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { PLATFORM_LABELS, type AccountView, type Platform } from '../../../../shared/domain';
import type { ConnectFlowView, CredentialStoreView } from '../../../../shared/oauth';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { PlatformIcon } from '../../components/PlatformIcon';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { accountsNeedingAttention, groupByPlatform } from '../../lib/accounts';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { useConnectFlow, type ConnectRequest } from '../../lib/connect-flow';
import { removeById, upsertById } from '../../lib/live-updates';
import { userTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { ConnectPanel } from './ConnectPanel';
import { ConnectProgress } from './ConnectProgress';
import { CredentialStoreBanner } from './CredentialStoreBanner';

export default function AccountsView({ reconnect }: { reconnect: string | null }) {
  const accounts = accountsResource.useLive();
  const apps = useLoad(() => call('oauthApps:list', {}), []);
  const [store, setStore] = useState<CredentialStoreView | null>(null);
  const zone = useMemo(() => userTimeZone(), []);
  const now = useNow(60_000);
  const [connectOpen, setConnectOpen] = useState(false);
  const { busy, run } = useAction();

  const ended = useCallback((flow: ConnectFlowView) => {
    if (flow.status !== 'connected') return;
    for (const account of flow.accounts) accountsResource.update((current) => upsertById(current, account));
    showToast({
      tone: 'success',
      message: `Connected ${flow.accounts.map((account) => account.name).join(', ')} (${PLATFORM_LABELS[flow.platform]}).`,
    });
  }, []);
  const connect = useConnectFlow(ended);

  const checkStore = useCallback(() => void run('store', async () => setStore(await call('credentials:status', {}))), [run]);
  useEffect(checkStore, [checkStore]);

  useEffect(() => {
    if (reconnect) document.getElementById(`account-${reconnect}`)?.scrollIntoView({ block: 'center' });
  }, [reconnect, accounts.data !== null]);

  const list = accounts.data;
  const attention = list ? accountsNeedingAttention(list, now) : [];
  const canSignIn = (platform: Platform, account?: AccountView): boolean => {
    const appPlatform = platform === 'instagram' && account?.loginKind === 'facebook' ? 'facebook' : platform;
    return apps.data?.find((app) => app.platform === appPlatform)?.missing === null;
  };
  const start = (request: ConnectRequest) => void run('connect', () => connect.start(request));

  const saved = (account: AccountView, message: string): void => {
    accountsResource.update((current) => upsertById(current, account));
    showToast({ tone: 'success', message });
  };

  const progress = connect.flow ? (
    <ConnectProgress
      flow={connect.flow}
      busy={busy !== null}
      onCancel={() => void run('cancel', connect.cancel)}
      onChoose={(ids) => void run('choose', () => connect.choose(ids))}
      onDismiss={connect.dismiss}
    />
  ) : null;
  const flowOpen = connect.flow !== null && ['waiting', 'exchanging', 'choosing'].includes(connect.flow.status);
  const panel =
    connectOpen || (list !== null && list.length === 0) ? (
      <>
        <ConnectPanel apps={apps.data} busy={flowOpen || busy === 'connect'} onConnect={start} />
        <details className="card advanced-add">
          <summary>Advanced: paste a token</summary>
          <AddAccountForm
            zone={zone}
            onAdded={(account) => {
              accountsResource.update((current) => upsertById(current, account));
              setConnectOpen(false);
              showToast({ tone: 'success', message: `Added ${account.name} (${PLATFORM_LABELS[account.platform]}).` });
            }}
          />
        </details>
      </>
    ) : null;

  let body;
  if (list === null) {
    body = accounts.error ? (
      <ErrorState error={accounts.error} onRetry={accountsResource.reload} title="Could not load accounts" />
    ) : (
      <LoadingState label="Loading accounts…" />
    );
  } else {
    body = (
      <>
        {list.length === 0 ? (
          <p className="lead" data-testid="empty-state">
            No accounts yet. Connect the first one to start publishing.
          </p>
        ) : null}
        {progress}
        {panel}
        {attention.length > 0 ? (
          <div className="banner tone-warning" role="status" data-testid="reconnect-banner">
            <Icon name="alert" />
            <span>
              {attention.length} account{attention.length === 1 ? ' needs' : 's need'} your attention:{' '}
              {attention.map((account) => account.name).join(', ')}. Posts to {attention.length === 1 ? 'it' : 'them'} may fail until it is fixed
              below.
            </span>
          </div>
        ) : null}
        {groupByPlatform(list).map((group) => (
          <section key={group.platform} className="account-group" aria-labelledby={`group-${group.platform}`}>
            <h2 className="section-title" id={`group-${group.platform}`}>
              <PlatformIcon platform={group.platform} size={20} decorative />
              {PLATFORM_LABELS[group.platform]}
              <span className="muted"> · {group.accounts.length}</span>
            </h2>
            <ul className="account-list">
              {[...group.accounts]
                .sort((a, b) => Number(b.problem !== null) - Number(a.problem !== null))
                .map((account) => (
                  <AccountRow
                    key={account.id}
                    account={account}
                    zone={zone}
                    now={now}
                    canSignIn={canSignIn(account.platform, account)}
                    connecting={flowOpen}
                    focused={reconnect === account.id}
                    onReconnect={() =>
                      start({ platform: account.platform, accountId: account.id, ...(account.loginKind ? { loginKind: account.loginKind } : {}) })
                    }
                    onSaved={saved}
                    onRemoved={() => {
                      accountsResource.update((current) => removeById(current, account.id));
                      showToast({ tone: 'success', message: `Removed ${account.name}.` });
                    }}
                  />
                ))}
            </ul>
          </section>
        ))}
      </>
    );
  }

  return (
    <section className="page accounts-page" aria-labelledby="accounts-title">
      <PageHeader title={<span id="accounts-title">Accounts</span>} subtitle="The profiles, pages and channels this app publishes to.">
        {list && list.length > 0 ? (
          <button type="button" className="button button-primary" aria-expanded={connectOpen} onClick={() => setConnectOpen((value) => !value)}>
            <Icon name="plus" /> Connect an account
          </button>
        ) : null}
      </PageHeader>
      <CredentialStoreBanner store={store} busy={busy === 'store'} onRetry={checkStore} />
      {body}
    </section>
  );
}
