// The accounts a new post starts with: most managers post to the same few every time.
import { PLATFORM_LABELS, type AccountView, type Settings } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { PlatformIcon } from '../../components/PlatformIcon';
import { groupByPlatform } from '../../lib/accounts';
import type { FormErrors } from '../../lib/form-errors';
import { routeHref } from '../../lib/route';

interface DefaultAccountsCardProps {
  settings: Settings;
  accounts: readonly AccountView[] | null;
  busy: string | null;
  errors: FormErrors;
  save: (key: string, patch: Partial<Settings>) => void;
}

export function DefaultAccountsCard({ settings, accounts, busy, errors, save }: DefaultAccountsCardProps) {
  // Accounts removed since they were chosen are left out, and dropped with the next change.
  const chosen = new Set(settings.defaultAccountIds.filter((id) => accounts?.some((account) => account.id === id) ?? true));
  const toggle = (accountId: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(accountId);
    else next.delete(accountId);
    save('defaultAccountIds', { defaultAccountIds: (accounts ?? []).filter((account) => next.has(account.id)).map((account) => account.id) });
  };
  return (
    <section className="card" aria-labelledby="default-accounts-title" data-testid="default-accounts">
      <h2 className="card-title" id="default-accounts-title">
        Default accounts for a new post
      </h2>
      {accounts === null ? null : accounts.length === 0 ? (
        <p className="hint">
          No accounts yet. <a href={routeHref({ name: 'accounts', reconnect: null })}>Connect one</a>.
        </p>
      ) : (
        <div className="default-accounts">
          {groupByPlatform(accounts).flatMap((group) =>
            group.accounts.map((account) => (
              <label key={account.id} className="checkbox" data-account-id={account.id}>
                <input
                  type="checkbox"
                  checked={chosen.has(account.id)}
                  disabled={busy === 'defaultAccountIds'}
                  onChange={(event) => toggle(account.id, event.target.checked)}
                />
                <PlatformIcon platform={group.platform} size={16} decorative />
                {account.name}
                <span className="visually-hidden">, {PLATFORM_LABELS[group.platform]}</span>
              </label>
            )),
          )}
        </div>
      )}
      <p className="hint">A new post starts with these chosen; you can still change them in the composer.</p>
      <FieldError id="defaultAccountIds-error" field="defaultAccountIds" message={errors.defaultAccountIds} />
    </section>
  );
}
