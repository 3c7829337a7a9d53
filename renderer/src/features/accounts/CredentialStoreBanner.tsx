// When the app cannot read its own store of sign-ins (a locked keychain, a missing key file), it says so here, with
// a way to try again once it is unlocked: this is not something reconnecting the accounts would fix.
import type { CredentialStoreView } from '../../../../shared/oauth';
import { Icon } from '../../components/Icon';

export function CredentialStoreBanner({ store, busy, onRetry }: { store: CredentialStoreView | null; busy: boolean; onRetry: () => void }) {
  if (store === null || store.state === 'ready') return null;
  return (
    <div className="banner tone-danger" role="alert" data-testid="credential-store-banner">
      <Icon name="alert" />
      <span>
        The app cannot open its saved sign-ins: {store.problem}. Posts cannot be published until it can. Unlock {store.where}, then try again; the
        accounts do not need reconnecting.
      </span>
      <button type="button" className="button" disabled={busy} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
