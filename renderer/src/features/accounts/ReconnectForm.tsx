// Replace an account's token: the way back from "needs reconnect".
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { accountReconnectInput } from '../../lib/account-form';
import { call } from '../../lib/api';
import { formErrors, withoutError, type FormErrors } from '../../lib/form-errors';
import { useAction } from '../../lib/use-action';
import { AccountFormButtons } from './AccountFormButtons';
import { TokenInput } from './TokenInput';

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
          <TokenInput
            ref={first}
            id={`${prefix}-access`}
            required
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
          <TokenInput
            id={`${prefix}-refresh`}
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
      <FormError message={errors.form} />
      <AccountFormButtons submitLabel="Save token" busy={busy !== null} onClose={onCancel} />
    </form>
  );
}
