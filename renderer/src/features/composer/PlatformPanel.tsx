// One platform's view of the post: its counter, its own text if wanted, its options, and what it would refuse.
import { PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import type { RuleViolation } from '../../../../shared/platform-rules';
import { FieldError } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { platformFieldKey, type ComposerErrors } from '../../lib/composer-errors';
import type { AccountProblemNote } from '../../lib/accounts';
import type { PlatformDraft } from '../../lib/composer-model';
import { PlatformOptions } from './PlatformOptions';
import { TextCounter } from './TextCounter';

interface PlatformPanelProps {
  platform: Platform;
  settings: PlatformDraft;
  sharedText: string;
  accountNames: string[];
  /** Chosen accounts of this platform that cannot publish now, and why: never "Ready" while there is one. */
  accountProblems: readonly AccountProblemNote[];
  violations: readonly RuleViolation[];
  errors: ComposerErrors;
  onChange: (settings: PlatformDraft) => void;
}

export function PlatformPanel({ platform, settings, sharedText, accountNames, accountProblems, violations, errors, onChange }: PlatformPanelProps) {
  const label = PLATFORM_LABELS[platform];
  const text = settings.override ?? sharedText;
  const prefix = `${platform}:`;
  const serverMessages = Object.entries(errors)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, message]) => ({ field: key.slice(prefix.length), message }));
  const problems = [
    ...accountProblems.map((problem) => ({
      key: `account:${problem.accountId}`,
      rule: `account-${problem.kind}`,
      field: 'account',
      message: problem.message,
    })),
    ...violations.map(({ rule, field, message }) => ({ key: `${rule}:${field}:${message}`, rule, field, message })),
    ...serverMessages
      .filter((server) => !violations.some((violation) => violation.message === server.message))
      .map((server) => ({ key: `server:${server.field}`, rule: 'server', field: server.field, message: server.message })),
  ];
  // A control shows the engine's word first, then the live check for the same field.
  const errorFor = (field: string): string | undefined =>
    errors[platformFieldKey(platform, field)] ?? violations.find((violation) => violation.field === field)?.message;
  const overrideError = settings.override === null ? undefined : errors[platformFieldKey(platform, 'text')];
  const overrideId = `${platform}-override`;

  return (
    <section
      className={`card platform-panel${problems.length > 0 ? ' has-problems' : ''}`}
      data-testid="platform-panel"
      data-platform={platform}
      aria-labelledby={`${platform}-panel-title`}
    >
      <header className="platform-panel-header">
        <PlatformIcon platform={platform} size={24} decorative />
        <div>
          <h2 className="card-title" id={`${platform}-panel-title`}>
            {label}
          </h2>
          <p className="platform-accounts">{accountNames.join(', ')}</p>
        </div>
        <TextCounter platform={platform} text={text} />
      </header>

      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.override !== null}
          onChange={(event) => onChange({ ...settings, override: event.target.checked ? sharedText : null })}
        />
        Customise the text for {label}
      </label>
      {settings.override !== null ? (
        <div className="field">
          <label htmlFor={overrideId}>Text for {label}</label>
          <textarea
            id={overrideId}
            rows={4}
            value={settings.override}
            aria-invalid={overrideError ? true : undefined}
            aria-describedby={overrideError ? `${overrideId}-error` : undefined}
            onChange={(event) => onChange({ ...settings, override: event.target.value })}
          />
          <FieldError id={`${overrideId}-error`} field={`${platform}:text`} message={overrideError} />
        </div>
      ) : null}

      <PlatformOptions
        platform={platform}
        options={settings.options}
        errorFor={errorFor}
        onChange={(options) => onChange({ ...settings, options })}
      />

      {problems.length > 0 ? (
        <ul className="problems" data-testid="platform-errors" data-platform={platform} aria-label={`${label}: ${problems.length} to fix`}>
          {problems.map((problem) => (
            <li key={problem.key} data-rule={problem.rule} data-field={problem.field}>
              <Icon name="alert" size={16} />
              {problem.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ready" data-testid="platform-ok" data-platform={platform}>
          <Icon name="check" size={16} /> Ready for {label}
        </p>
      )}
    </section>
  );
}
