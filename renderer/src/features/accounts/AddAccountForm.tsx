// "Advanced: paste a token": add an account with a token obtained elsewhere (a developer console, a Page token).
// The engine checks it with the platform first and fills in the name and id it learns.
import { useRef, useState, type FormEvent } from 'react';
import { PLATFORMS, PLATFORM_LABELS, type AccountView, type Platform } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { accountAddInput } from '../../lib/account-form';
import { call } from '../../lib/api';
import { formErrors, withoutError, type FormErrors } from '../../lib/form-errors';
import { useAction } from '../../lib/use-action';
import { AccountFormButtons } from './AccountFormButtons';
import { TokenInput } from './TokenInput';

interface AddAccountFormProps {
  zone: string;
  onAdded: (account: AccountView) => void;
  onCancel?: () => void;
}

export function AddAccountForm({ zone, onAdded, onCancel }: AddAccountFormProps) {
  const [platform, setPlatform] = useState<Platform>('instagram');
  const [name, setName] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [externalId, setExternalId] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const { busy, run } = useAction();
  // The idempotency key of adding what the form holds: sent again on a retry, made anew when a field changes.
  const addKey = useRef(crypto.randomUUID());

  const edit = (field: string, set: (value: string) => void) => (value: string) => {
    addKey.current = crypto.randomUUID();
    set(value);
    setErrors((current) => withoutError(current, field));
  };
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `add-${field}-error` } : {});

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(
      'add',
      async () => {
        const input = accountAddInput({ platform, name, accessToken, refreshToken, expiresAt, externalId }, zone);
        const account = await call('accounts:add', { ...input, idempotencyKey: addKey.current });
        onAdded(account);
      },
      (error) => setErrors(formErrors(error)),
    );
  };

  return (
    <form className="card account-form" onSubmit={submit} aria-labelledby="add-account-title" data-testid="add-account-form">
      <h2 className="card-title" id="add-account-title">
        Add an account with a token
      </h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="add-platform">Platform</label>
          <select
            id="add-platform"
            value={platform}
            {...described('platform')}
            onChange={(event) => edit('platform', (v) => setPlatform(v as Platform))(event.target.value)}
          >
            {PLATFORMS.map((value) => (
              <option key={value} value={value}>
                {PLATFORM_LABELS[value]}
              </option>
            ))}
          </select>
          <FieldError id="add-platform-error" field="platform" message={errors.platform} />
        </div>
        <div className="field">
          <label htmlFor="add-name">Account name (optional)</label>
          <input
            id="add-name"
            value={name}
            placeholder="The name on the platform"
            {...described('name')}
            onChange={(event) => edit('name', setName)(event.target.value)}
          />
          <FieldError id="add-name-error" field="name" message={errors.name} />
        </div>
        <div className="field field-wide">
          <label htmlFor="add-access-token">Access token</label>
          <TokenInput
            id="add-access-token"
            required
            value={accessToken}
            {...described('accessToken')}
            onChange={(event) => edit('accessToken', setAccessToken)(event.target.value)}
          />
          <FieldError id="add-accessToken-error" field="accessToken" message={errors.accessToken} />
        </div>
        <div className="field field-wide">
          <label htmlFor="add-refresh-token">Refresh token (optional)</label>
          <TokenInput
            id="add-refresh-token"
            value={refreshToken}
            {...described('refreshToken')}
            onChange={(event) => edit('refreshToken', setRefreshToken)(event.target.value)}
          />
          <FieldError id="add-refreshToken-error" field="refreshToken" message={errors.refreshToken} />
        </div>
        <div className="field">
          <label htmlFor="add-expires">Token expires (optional)</label>
          <input
            id="add-expires"
            type="datetime-local"
            value={expiresAt}
            {...described('expiresAt')}
            onChange={(event) => edit('expiresAt', setExpiresAt)(event.target.value)}
          />
          <FieldError id="add-expiresAt-error" field="expiresAt" message={errors.expiresAt} />
        </div>
        <div className="field">
          <label htmlFor="add-external-id">Account id on the platform (optional)</label>
          <input
            id="add-external-id"
            value={externalId}
            {...described('externalId')}
            onChange={(event) => edit('externalId', setExternalId)(event.target.value)}
          />
          <FieldError id="add-externalId-error" field="externalId" message={errors.externalId} />
        </div>
      </div>
      <p className="hint">The token is checked with the platform, then encrypted on this computer and never shown again.</p>
      <FormError message={errors.form} />
      <AccountFormButtons submitLabel="Add account" busy={busy !== null} onClose={onCancel} />
    </form>
  );
}
