// Where toasts appear: bottom right, announced politely, each closable; one still waiting for its outcome spins.
import { dismissToast, useToasts } from '../lib/toasts';
import { Icon } from './Icon';

export function Toaster() {
  const toasts = useToasts();
  return (
    <div className="toaster" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast tone-${toast.tone}`}
          data-testid="toast"
          data-tone={toast.tone}
          data-pending={toast.pending ? 'true' : undefined}
        >
          {toast.pending ? <span className="spinner" aria-hidden="true" /> : null}
          <span className="toast-message">{toast.message}</span>
          {toast.href ? (
            <a className="toast-link" href={toast.href} onClick={() => dismissToast(toast.id)}>
              {toast.linkLabel ?? 'Open'}
            </a>
          ) : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
