// One connected account: who it is on the platform, whether it can publish (and if not, the fix that fits the
// cause), when its sign-in runs out, and the ways to reconnect, check, correct or remove it.
import { useState } from 'react';
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { StatusBadge } from '../../components/StatusBadge';
import { accountState, tokenExpiry } from '../../lib/accounts';
import { call } from '../../lib/api';
import { formatInstant } from '../../lib/time';
import { useAction } from '../../lib/use-action';
import { AccountEditForm } from './AccountEditForm';
import { PostingSlotsEditor } from './PostingSlotsEditor';
import { ReconnectForm } from './ReconnectForm';
import { RemoveAccount } from './RemoveAccount';

type Panel = 'edit' | 'token' | 'slots' | null;

interface AccountRowProps {
  account: AccountView;
  zone: string;
  now: Date;
  /** Signing in again is possible (the platform's developer app is set up). */
  canSignIn: boolean;
  connecting: boolean;
  /** Opened from a link to fix this account (a post's advice, the composer). */
  focused: boolean;
  onReconnect: () => void;
  onSaved: (account: AccountView, message: string) => void;
  onRemoved: () => void;
}

function ExpiryNote({ account, zone, now }: { account: AccountView; zone: string; now: Date }) {
  if (account.autoRenews && account.problem === null) return <span className="expiry">Sign-in renews automatically</span>;
  const expiry = tokenExpiry(account.tokenExpiresAt, now);
  if (expiry.state === 'none' || account.tokenExpiresAt === null) return null;
  const date = formatInstant(account.tokenExpiresAt, zone, 'short');
  if (expiry.state === 'expired') return <span className="expiry is-expired">Sign-in expired {date}</span>;
  const when = expiry.days === 0 ? 'today' : `in ${expiry.days} day${expiry.days === 1 ? '' : 's'}`;
  return (
    <span className={`expiry${expiry.state === 'soon' ? ' is-soon' : ''}`} data-testid="account-expiry">
      Sign-in expires {when} ({date}){expiry.state === 'soon' ? ': reconnect before then' : ''}
    </span>
  );
}

export function AccountRow({ account, zone, now, canSignIn, connecting, focused, onReconnect, onSaved, onRemoved }: AccountRowProps) {
  const [panel, setPanel] = useState<Panel>(focused ? (account.problem?.kind === 'missing_id' || !canSignIn ? 'edit' : null) : null);
  const { busy, run } = useAction();
  const state = accountState(account);
  const problem = account.problem;
  const signInFixes =
    problem?.kind === 'needs_reconnect' ||
    problem?.kind === 'expired' ||
    (!account.autoRenews && tokenExpiry(account.tokenExpiresAt, now).state === 'soon');
  const check = () =>
    void run('check', async () => {
      const checked = await call('accounts:verify', { id: account.id });
      onSaved(checked, `${checked.name} checked with ${PLATFORM_LABELS[checked.platform]}.`);
    });

  return (
    <li
      id={`account-${account.id}`}
      className={`account-row${problem ? ` has-problem problem-${problem.kind}` : ''}${problem?.kind === 'needs_reconnect' || problem?.kind === 'expired' ? ' needs-reconnect' : ''}`}
      data-testid="account-row"
      data-account-id={account.id}
      data-status={account.status}
      data-problem={problem?.kind ?? ''}
    >
      <div className="account-main">
        {account.avatarUrl ? (
          <img className="avatar" src={account.avatarUrl} alt="" width={32} height={32} referrerPolicy="no-referrer" />
        ) : (
          <PlatformIcon platform={account.platform} size={32} decorative />
        )}
        <div className="account-who">
          <strong>{account.name}</strong>
          <span className="muted">
            {PLATFORM_LABELS[account.platform]}
            {account.loginKind === 'facebook' && account.platform === 'instagram' ? ' (through a Facebook Page)' : ''}
            {account.externalId ? ` · ${account.externalId}` : ''}
          </span>
          <ExpiryNote account={account} zone={zone} now={now} />
        </div>
        <StatusBadge label={state.label} tone={state.tone} title={problem?.message} />
        <div className="account-actions">
          {canSignIn ? (
            <button
              type="button"
              className={`button${signInFixes ? ' button-primary' : ''}`}
              disabled={connecting}
              onClick={onReconnect}
              data-testid="reconnect-account"
            >
              Reconnect
            </button>
          ) : null}
          <button type="button" className="button button-quiet" disabled={busy !== null} onClick={check} data-testid="check-account">
            {busy === 'check' ? <span className="spinner" aria-hidden="true" /> : null}
            Check again
          </button>
          <button
            type="button"
            className={`button button-quiet${problem?.kind === 'missing_id' ? ' button-primary' : ''}`}
            aria-expanded={panel === 'edit'}
            onClick={() => setPanel(panel === 'edit' ? null : 'edit')}
            data-testid="edit-account"
          >
            Edit
          </button>
          <RemoveAccount account={account} zone={zone} onRemoved={onRemoved} />
        </div>
      </div>
      {problem ? (
        <p className={`account-problem problem-${problem.kind}`} role="note" data-testid="account-status-message">
          <Icon name="alert" size={16} />
          {problem.message}
        </p>
      ) : null}
      {panel === 'edit' ? (
        <AccountEditForm
          account={account}
          onSaved={(saved) => {
            setPanel(null);
            onSaved(saved, `Saved ${saved.name}.`);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      <details
        className="account-advanced"
        open={panel === 'slots'}
        onToggle={(event) => setPanel(event.currentTarget.open ? 'slots' : panel === 'slots' ? null : panel)}
      >
        <summary data-testid="posting-slots">Posting slots (queue)</summary>
        {panel === 'slots' ? <PostingSlotsEditor account={account} /> : null}
      </details>
      <details
        className="account-advanced"
        open={panel === 'token'}
        onToggle={(event) => setPanel(event.currentTarget.open ? 'token' : panel === 'token' ? null : panel)}
      >
        <summary data-testid="update-token">Advanced: paste a token</summary>
        {panel === 'token' ? (
          <ReconnectForm
            account={account}
            zone={zone}
            onSaved={(saved) => {
              setPanel(null);
              onSaved(saved, `Token updated for ${saved.name}.`);
            }}
            onCancel={() => setPanel(null)}
          />
        ) : null}
      </details>
    </li>
  );
}
