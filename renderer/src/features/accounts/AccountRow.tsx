// One connected account: whether it can publish, when its token runs out, and the ways to fix or remove it.
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { StatusBadge } from '../../components/StatusBadge';
import { tokenExpiry } from '../../lib/accounts';
import { ACCOUNT_STATUS_META } from '../../lib/status';
import { formatInstant } from '../../lib/time';
import { ReconnectForm } from './ReconnectForm';

interface AccountRowProps {
  account: AccountView;
  zone: string;
  now: Date;
  editing: boolean;
  removing: boolean;
  onEdit: (editing: boolean) => void;
  onSaved: (account: AccountView) => void;
  onRemove: () => void;
}

function ExpiryNote({ account, zone, now }: { account: AccountView; zone: string; now: Date }) {
  const expiry = tokenExpiry(account.tokenExpiresAt, now);
  if (expiry.state === 'none' || account.tokenExpiresAt === null) return null;
  if (expiry.state === 'expired')
    return <span className="expiry is-expired">Token expired {formatInstant(account.tokenExpiresAt, zone, 'short')}</span>;
  const when = expiry.days === 0 ? 'today' : `in ${expiry.days} day${expiry.days === 1 ? '' : 's'}`;
  return <span className={`expiry${expiry.state === 'soon' ? ' is-soon' : ''}`}>Token expires {when}</span>;
}

export function AccountRow({ account, zone, now, editing, removing, onEdit, onSaved, onRemove }: AccountRowProps) {
  const meta = ACCOUNT_STATUS_META[account.status];
  const broken = account.status === 'needs_reconnect';
  return (
    <li
      id={`account-${account.id}`}
      className={`account-row${broken ? ' needs-reconnect' : ''}`}
      data-testid="account-row"
      data-account-id={account.id}
      data-status={account.status}
    >
      <div className="account-main">
        <PlatformIcon platform={account.platform} size={32} decorative />
        <div className="account-who">
          <strong>{account.name}</strong>
          <span className="muted">
            {PLATFORM_LABELS[account.platform]}
            {account.externalId ? ` · ${account.externalId}` : ''}
          </span>
          <ExpiryNote account={account} zone={zone} now={now} />
        </div>
        <StatusBadge label={meta.label} tone={meta.tone} />
        <div className="account-actions">
          <button
            type="button"
            className={`button${broken ? ' button-primary' : ''}`}
            aria-expanded={editing}
            data-testid="update-token"
            onClick={() => onEdit(!editing)}
          >
            {broken ? 'Reconnect' : 'Update token'}
          </button>
          <ConfirmButton
            label="Remove"
            icon="trash"
            question={`Remove ${account.name}? Posts waiting for it will not be published to it.`}
            confirmLabel="Yes, remove"
            busy={removing}
            onConfirm={onRemove}
          />
        </div>
      </div>
      {broken ? (
        <p className="account-problem" role="note" data-testid="account-status-message">
          <Icon name="alert" size={16} />
          {account.statusMessage ?? 'The platform no longer accepts this account’s token.'} Paste a fresh token to publish to it again.
        </p>
      ) : null}
      {editing ? <ReconnectForm account={account} zone={zone} onSaved={onSaved} onCancel={() => onEdit(false)} /> : null}
    </li>
  );
}
