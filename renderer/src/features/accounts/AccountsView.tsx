// Connected accounts per platform: add one, refresh a token, remove one. Accounts that need a reconnect come first.
import { useEffect, useMemo, useState } from 'react';
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { PlatformIcon } from '../../components/PlatformIcon';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { groupByPlatform, needsReconnectCount } from '../../lib/accounts';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { removeById, upsertById } from '../../lib/live-updates';
import { userTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/use-now';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';

export default function AccountsView({ reconnect }: { reconnect: string | null }) {
  const accounts = accountsResource.useLive();
  const zone = useMemo(() => userTimeZone(), []);
  const now = useNow(60_000);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(reconnect);
  const { busy, run } = useAction();

  useEffect(() => {
    setEditing(reconnect);
    if (reconnect) document.getElementById(`account-${reconnect}`)?.scrollIntoView({ block: 'center' });
  }, [reconnect, accounts.data !== null]);

  const list = accounts.data;
  const brokenCount = list ? needsReconnectCount(list) : 0;

  const added = (account: AccountView): void => {
    accountsResource.update((current) => upsertById(current, account));
    setAdding(false);
    showToast({ tone: 'success', message: `Connected ${account.name} (${PLATFORM_LABELS[account.platform]}).` });
  };
  const saved = (account: AccountView): void => {
    accountsResource.update((current) => upsertById(current, account));
    setEditing(null);
    showToast({ tone: 'success', message: `Token updated for ${account.name}.` });
  };
  const remove = (account: AccountView): void =>
    void run(`remove:${account.id}`, async () => {
      await call('accounts:remove', { id: account.id });
      accountsResource.update((current) => removeById(current, account.id));
      showToast({ tone: 'success', message: `Removed ${account.name}.` });
    });

  let body;
  if (list === null) {
    body = accounts.error ? (
      <ErrorState error={accounts.error} onRetry={accountsResource.reload} title="Could not load accounts" />
    ) : (
      <LoadingState label="Loading accounts…" />
    );
  } else if (list.length === 0) {
    body = (
      <div className="onboarding">
        <p className="lead" data-testid="empty-state">
          No accounts yet. Connect the first one to start publishing.
        </p>
        <AddAccountForm zone={zone} onAdded={added} />
      </div>
    );
  } else {
    body = (
      <>
        {adding ? <AddAccountForm zone={zone} onAdded={added} onCancel={() => setAdding(false)} /> : null}
        {brokenCount > 0 ? (
          <div className="banner tone-danger" role="status" data-testid="reconnect-banner">
            <Icon name="alert" />
            <span>
              {brokenCount} account{brokenCount === 1 ? ' needs' : 's need'} reconnecting. Posts to {brokenCount === 1 ? 'it' : 'them'} fail until you
              paste a fresh token.
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
                .sort((a, b) => Number(b.status === 'needs_reconnect') - Number(a.status === 'needs_reconnect'))
                .map((account) => (
                  <AccountRow
                    key={account.id}
                    account={account}
                    zone={zone}
                    now={now}
                    editing={editing === account.id}
                    removing={busy === `remove:${account.id}`}
                    onEdit={(on) => setEditing(on ? account.id : null)}
                    onSaved={saved}
                    onRemove={() => remove(account)}
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
          <button type="button" className="button button-primary" aria-expanded={adding} onClick={() => setAdding((value) => !value)}>
            <Icon name="plus" /> Connect an account
          </button>
        ) : null}
      </PageHeader>
      {body}
    </section>
  );
}
