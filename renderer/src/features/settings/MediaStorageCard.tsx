// Settings → Media storage: the S3-compatible bucket Instagram's files from this computer go through (Instagram
// fetches media from a web address). The secret is typed, sent once and never shown again; Test runs the whole
// round (store a small file, read it back through a presigned link, delete it) with what the form says.
import { useEffect, useState, type FormEvent } from 'react';
import type { MediaStorageTestResult, MediaStorageView } from '../../../../shared/media-storage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { Icon } from '../../components/Icon';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { call } from '../../lib/api';
import { formErrors, withoutError, type FormErrors } from '../../lib/form-errors';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { formatInstant, userTimeZone } from '../../lib/time';
import { TokenInput } from '../accounts/TokenInput';

type Field = 'endpoint' | 'region' | 'bucket' | 'accessKeyId';

const FIELDS: { key: Field; label: string; placeholder: string; help: string }[] = [
  {
    key: 'endpoint',
    label: 'Endpoint',
    placeholder: 'https://s3.eu-central-1.amazonaws.com',
    help: 'The storage’s S3 address: AWS, https://<account>.r2.cloudflarestorage.com, https://s3.<region>.backblazeb2.com, your MinIO.',
  },
  { key: 'region', label: 'Region', placeholder: 'eu-central-1', help: 'auto for Cloudflare R2; us-east-1 for most MinIO set-ups.' },
  { key: 'bucket', label: 'Bucket', placeholder: 'my-brand-media', help: 'A private bucket: the app hands out links that last an hour.' },
  { key: 'accessKeyId', label: 'Access key id', placeholder: 'AKIA…', help: 'A key allowed to put, get and delete objects in this bucket.' },
];

const EMPTY: Record<Field, string> = { endpoint: '', region: '', bucket: '', accessKeyId: '' };

function formOf(storage: MediaStorageView | null): Record<Field, string> {
  return storage ? { endpoint: storage.endpoint, region: storage.region, bucket: storage.bucket, accessKeyId: storage.accessKeyId } : EMPTY;
}

export function MediaStorageCard() {
  const loaded = useLoad(() => call('storage:get', {}), []);
  const saved = loaded.data?.storage ?? null;
  const [form, setForm] = useState<Record<Field, string>>(EMPTY);
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [tested, setTested] = useState<MediaStorageTestResult | null>(null);
  const { busy, run } = useAction();

  useEffect(() => {
    setForm(formOf(saved));
  }, [saved]);

  const input = () => ({
    endpoint: form.endpoint.trim(),
    region: form.region.trim(),
    bucket: form.bucket.trim(),
    accessKeyId: form.accessKeyId.trim(),
    ...(secret.trim() === '' ? {} : { secretAccessKey: secret.trim() }),
  });
  const change = (field: Field | 'secretAccessKey', value: string) => {
    if (field === 'secretAccessKey') setSecret(value);
    else setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => withoutError(current, field));
    setTested(null);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setTested(null);
    void run(
      'save',
      async () => {
        const next = await call('storage:set', input());
        setSecret('');
        setErrors({});
        loaded.update(() => next);
        showToast({ tone: 'success', message: `Saved the media storage “${next.storage?.bucket ?? ''}”.` });
      },
      (error) => setErrors(formErrors(error)),
    );
  };
  const test = () => {
    setTested(null);
    void run(
      'test',
      async () => {
        setErrors({});
        setTested(await call('storage:test', input()));
      },
      (error) => setErrors(formErrors(error)),
    );
  };
  const remove = () =>
    void run('remove', async () => {
      const next = await call('storage:remove', {});
      loaded.update(() => next);
      setSecret('');
      setErrors({});
      setTested(null);
      showToast({ tone: 'success', message: 'Removed the media storage. Instagram posts with files from this computer need one to publish.' });
    });

  return (
    <section className="card media-storage" aria-labelledby="media-storage-title" data-testid="media-storage">
      <h2 className="card-title" id="media-storage-title">
        Media storage
        <span className="card-title-note" data-testid="media-storage-state">
          {saved ? `Saved ${formatInstant(saved.savedAt, userTimeZone(), 'short')}` : loaded.data ? 'Not set up' : null}
        </span>
      </h2>
      <p className="hint">
        Instagram fetches photos and videos from a web address. A file from this computer goes to this bucket, Instagram gets a link that lasts an
        hour, and the file is deleted once the post is live or has failed. Any S3-compatible storage works: AWS S3, Cloudflare R2, Backblaze B2,
        MinIO. The secret stays on this computer, encrypted like your sign-ins.
      </p>
      {loaded.data === null ? (
        loaded.error ? (
          <ErrorState error={loaded.error} onRetry={loaded.reload} title="Could not read the media storage" />
        ) : (
          <LoadingState label="Loading…" />
        )
      ) : (
        <form className="form-grid" onSubmit={save} aria-label="Media storage" noValidate>
          {FIELDS.map((field) => (
            <div className={`field${field.key === 'endpoint' ? ' field-wide' : ''}`} key={field.key}>
              <label htmlFor={`storage-${field.key}`}>{field.label}</label>
              <input
                id={`storage-${field.key}`}
                value={form[field.key]}
                placeholder={field.placeholder}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={errors[field.key] ? true : undefined}
                aria-describedby={`storage-${field.key}-help${errors[field.key] ? ` storage-${field.key}-error` : ''}`}
                onChange={(event) => change(field.key, event.target.value)}
              />
              <p className="hint" id={`storage-${field.key}-help`}>
                {field.help}
              </p>
              <FieldError id={`storage-${field.key}-error`} field={field.key} message={errors[field.key]} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="storage-secretAccessKey">Secret access key</label>
            <TokenInput
              id="storage-secretAccessKey"
              value={secret}
              placeholder={saved ? 'Saved — type to replace' : ''}
              aria-invalid={errors.secretAccessKey ? true : undefined}
              aria-describedby={errors.secretAccessKey ? 'storage-secretAccessKey-error' : undefined}
              onChange={(event) => change('secretAccessKey', event.target.value)}
            />
            <FieldError id="storage-secretAccessKey-error" field="secretAccessKey" message={errors.secretAccessKey} />
          </div>
          <div className="button-row field-wide">
            <button type="submit" className="button button-primary" disabled={busy !== null}>
              {busy === 'save' ? <span className="spinner" aria-hidden="true" /> : null}
              Save
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={test} data-testid="storage-test">
              {busy === 'test' ? <span className="spinner" aria-hidden="true" /> : null}
              {busy === 'test' ? 'Testing…' : 'Test'}
            </button>
            {saved ? (
              <ConfirmButton
                label="Remove"
                question="Stop using this storage? Instagram posts with files from this computer cannot publish without one."
                confirmLabel="Remove storage"
                busy={busy === 'remove'}
                disabled={busy !== null}
                onConfirm={remove}
              />
            ) : null}
          </div>
          <FormError message={errors.form} />
        </form>
      )}
      {tested ? (
        <div className="test-result storage-result tone-success" role="status" data-testid="storage-test-result">
          <p>
            <Icon name="check" size={16} /> {tested.message}
          </p>
          {tested.warnings.length > 0 ? (
            <ul data-testid="storage-test-warnings">
              {tested.warnings.map((warning) => (
                <li key={warning} className="tone-warning">
                  {warning}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
