// The three states every screen has besides "here is your data": loading, nothing yet, and something went wrong.
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { Icon } from './Icon';

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role={label ? 'status' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" data-testid="loading" role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty-state">
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: AppError; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state-error" data-testid="error-state" role="alert">
      <Icon name="alert" size={22} />
      <h2>{title}</h2>
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          <Icon name="retry" /> Try again
        </button>
      ) : null}
    </div>
  );
}
