// An X thread: the post, then replies that follow it, each with its own 280 limit.
import { FieldError } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { TextCounter } from './TextCounter';

interface ThreadEditorProps {
  replies: readonly string[];
  errorFor: (field: string) => string | undefined;
  onChange: (replies: string[]) => void;
}

export function ThreadEditor({ replies, errorFor, onChange }: ThreadEditorProps) {
  return (
    <fieldset className="thread">
      <legend>Thread</legend>
      {replies.length === 0 ? <p className="hint">Add replies to turn this post into a thread.</p> : null}
      {replies.map((reply, index) => {
        const field = `options.thread.${index}`;
        const id = `thread-${index}`;
        const error = errorFor(field);
        return (
          <div className="thread-item" key={index}>
            <div className="field-row">
              <label htmlFor={id}>Thread post {index + 2}</label>
              <TextCounter platform="twitter" text={reply} testId="thread-counter" />
            </div>
            <div className="thread-input">
              <textarea
                id={id}
                rows={2}
                value={reply}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => onChange(replies.map((value, i) => (i === index ? event.target.value : value)))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove thread post ${index + 2}`}
                onClick={() => onChange(replies.filter((_, i) => i !== index))}
              >
                <Icon name="trash" size={16} />
              </button>
            </div>
            <FieldError id={`${id}-error`} field={`twitter:${field}`} message={error} />
          </div>
        );
      })}
      <button type="button" className="button button-quiet" onClick={() => onChange([...replies, ''])}>
        <Icon name="plus" /> Add to thread
      </button>
    </fieldset>
  );
}
