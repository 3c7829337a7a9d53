// Replace an account's token: the way back from "needs reconnect".
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { accountReconnectInput } from '../../lib/account-form';
import { call } from '../../lib/api';
import { formErrors, withoutError, type FormErrors } from '../../lib/form-errors';
import { useAction } from '../../lib/use-action';

interface ReconnectFormProps {
  account: AccountView;
  zone: string;
  onSaved: (account: AccountView) => void;
  onCancel: () => void;
}

export function ReconnectForm({ account, zone, onSaved, onCancel }: ReconnectFormProps) {
  const [accessToken, setAccessToken] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const { busy, run } = useAction();
  const first = useRef<HTMLInputElement>(null);
  const prefix = `reconnect-${account.id}`;

  useEffect(() => first.current?.focus(), []);

  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${prefix}-${field}-error` } : {});
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(
      'save',
      async () => onSaved(await call('accounts:update', accountReconnectInput(account.id, { accessToken, refreshToken, expiresAt }, zone))),
      (error) => setErrors(formErrors(error)),
    );
  };

  return (
    <form
      className="reconnect-form"
      onSubmit={submit}
      aria-label={`New token for ${account.name}`}
      data-testid="reconnect-form"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="form-grid">
        <div className="field field-wide">
          <label htmlFor={`${prefix}-access`}>New access token</label>
          <input
            ref={first}
            id={`${prefix}-access`}
            type="password"
            required
            autoComplete="off"
            spellCheck={false}
            value={accessToken}
            {...described('accessToken')}
            onChange={(event) => {
              setAccessToken(event.target.value);
              setErrors((current) => withoutError(current, 'accessToken'));
            }}
          />
          <FieldError id={`${prefix}-accessToken-error`} field="accessToken" message={errors.accessToken} />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-refresh`}>Refresh token (optional)</label>
          <input
            id={`${prefix}-refresh`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={refreshToken}
            {...described('refreshToken')}
            onChange={(event) => setRefreshToken(event.target.value)}
          />
          <FieldError id={`${prefix}-refreshToken-error`} field="refreshToken" message={errors.refreshToken} />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-expires`}>Token expires (optional)</label>
          <input
            id={`${prefix}-expires`}
            type="datetime-local"
            value={expiresAt}
            {...described('expiresAt')}
            onChange={(event) => {
              setExpiresAt(event.target.value);
              setErrors((current) => withoutError(current, 'expiresAt'));
            }}
          />
          <FieldError id={`${prefix}-expiresAt-error`} field="expiresAt" message={errors.expiresAt} />
        </div>
      </div>
      {errors.form ? (
        <p className="form-error" role="alert" data-testid="form-error">
          {errors.form}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy !== null}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          Save token
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
