// After a sleep: one summary of the posts that were due meanwhile ("3 posts were due while this computer was asleep:
// 2 published late, 1 missed"), with one click to publish the missed ones now or reschedule them, each one engine
// call. It follows the posts as they go out, and stays until dismissed.
import { wakeSummaryText, type WakeSummary } from '../../../shared/wake-summary';
import { call } from '../lib/api';
import { postHref } from '../lib/route';
import { formatInstant, userTimeZone } from '../lib/time';
import { useAction } from '../lib/use-action';
import { showWakeAction, wakeSummaryResource } from '../lib/wake-summary-store';
import { Icon } from './Icon';

export function WakeSummaryBanner() {
  const summary = wakeSummaryResource.useLive().data;
  const { busy, run } = useAction();
  if (!summary || summary.counts.due === 0) return null;

  const act = (key: 'publishNow' | 'reschedule'): void =>
    void run(key, async () => {
      await showWakeAction(() => call(key === 'publishNow' ? 'wake:publishNow' : 'wake:reschedule', { id: summary.id }));
    });
  const dismiss = (): void =>
    void run('dismiss', async () => {
      await call('wake:dismiss', { id: summary.id });
      wakeSummaryResource.set(null);
    });
  const missed = summary.posts.filter((post) => post.outcome === 'missed');
  const zone = userTimeZone();

  return (
    <div
      className={`banner wake-banner ${missed.length > 0 ? 'tone-warning' : 'tone-info'}`}
      role="status"
      data-testid="wake-summary"
      data-settled={summary.counts.publishing === 0}
    >
      <Icon name="alert" />
      <span>
        <strong>{wakeSummaryText(summary)}.</strong> {detail(summary)}
        {missed.length > 0 && (
          <ul className="wake-missed">
            {missed.map((post) => (
              <li key={post.postId}>
                <a href={postHref(post.postId)}>{excerpt(post.text)}</a>{' '}
                <span className="muted">was due {formatInstant(post.dueAt, zone, 'short')}</span>
              </li>
            ))}
          </ul>
        )}
      </span>
      {missed.length > 0 && (
        <>
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => act('publishNow')}>
            <Icon name="play" /> Publish now
          </button>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => act('reschedule')}
            title="Each missed post moves to the next time its clock shows its hour again, usually the same time tomorrow."
          >
            Reschedule
          </button>
        </>
      )}
      <button type="button" className="button button-quiet" disabled={busy !== null} onClick={dismiss} aria-label="Dismiss the summary">
        <Icon name="close" />
      </button>
    </div>
  );
}

function detail(summary: WakeSummary): string {
  const missed = summary.counts.missed;
  if (missed > 0) {
    return `${missed === 1 ? 'The missed post was' : 'The missed posts were'} not sent: publish ${missed === 1 ? 'it' : 'them'} now, or move ${missed === 1 ? 'it' : 'them'} to the same time tomorrow.`;
  }
  if (summary.counts.publishing > 0) return 'The late ones are going out now.';
  return '';
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  return characters.length <= 60 ? line || '(no text)' : `${characters.slice(0, 59).join('').trimEnd()}…`;
}
