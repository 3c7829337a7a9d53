// Correct an account: its name, and the platform's id of it (the Page, the Instagram account, the LinkedIn member or
// company page). The engine checks the id with the platform before it keeps it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ACCOUNT_ID_RULES } from '../../../../shared/account-ids';
import type { AccountView } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { call } from '../../lib/api';
import { formErrors, withoutError, type FormErrors } from '../../lib/form-errors';
import { useAction } from '../../lib/use-action';
import { AccountFormButtons } from './AccountFormButtons';

export function AccountEditForm({
  account,
  onSaved,
  onCancel,
}: {
  account: AccountView;
  onSaved: (account: AccountView) => void;
  onCancel: () => void;
}) {
  const rule = ACCOUNT_ID_RULES[account.platform];
  const [name, setName] = useState(account.name);
  const [externalId, setExternalId] = useState(account.externalId ?? '');
  const [errors, setErrors] = useState<FormErrors>({});
  const { busy, run } = useAction();
  const first = useRef<HTMLInputElement>(null);
  const prefix = `edit-${account.id}`;

  useEffect(() => {
    // Straight to the field that is missing, when one is.
    (account.problem?.kind === 'missing_id' ? document.getElementById(`${prefix}-external-id`) : first.current)?.focus();
  }, []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const changes: { name?: string; externalId?: string } = {};
    if (name.trim() !== account.name) changes.name = name.trim();
    if (externalId.trim() !== (account.externalId ?? '') && externalId.trim() !== '') changes.externalId = externalId.trim();
    if (Object.keys(changes).length === 0) return onCancel();
    void run(
      'save',
      async () => onSaved(await call('accounts:update', { id: account.id, ...changes })),
      (error) => setErrors(formErrors(error)),
    );
  };

  return (
    <form
      className="reconnect-form"
      onSubmit={submit}
      aria-label={`Edit ${account.name}`}
      data-testid="account-edit-form"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${prefix}-name`}>Name in this app</label>
          <input
            ref={first}
            id={`${prefix}-name`}
            value={name}
            required
            aria-invalid={errors.name ? true : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setErrors((current) => withoutError(current, 'name'));
            }}
          />
          <FieldError id={`${prefix}-name-error`} field="name" message={errors.name} />
        </div>
        <div className="field field-wide">
          <label htmlFor={`${prefix}-external-id`}>
            {rule.label}
            {rule.required ? '' : ' (optional)'}
          </label>
          <input
            id={`${prefix}-external-id`}
            value={externalId}
            placeholder={rule.example}
            spellCheck={false}
            aria-invalid={errors.externalId ? true : undefined}
            aria-describedby={`${prefix}-external-id-hint`}
            onChange={(event) => {
              setExternalId(event.target.value);
              setErrors((current) => withoutError(current, 'externalId'));
            }}
          />
          <p className="hint" id={`${prefix}-external-id-hint`}>
            {rule.hint}
          </p>
          <FieldError id={`${prefix}-externalId-error`} field="externalId" message={errors.externalId} />
        </div>
      </div>
      <FormError message={errors.form} />
      <AccountFormButtons submitLabel="Save" busy={busy !== null} onClose={onCancel} />
    </form>
  );
}
