// Removing an account says first which waiting posts would lose this platform; the other platforms of those posts
// still go ahead. Nothing waits for it: one quick confirmation.
import { useState } from 'react';
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import type { AccountRemovalImpact } from '../../../../shared/oauth';
import { Icon } from '../../components/Icon';
import { call } from '../../lib/api';
import { formatInstant } from '../../lib/time';
import { useAction } from '../../lib/use-action';

export function RemoveAccount({ account, zone, onRemoved }: { account: AccountView; zone: string; onRemoved: () => void }) {
  const [impact, setImpact] = useState<AccountRemovalImpact | null>(null);
  const { busy, run } = useAction();

  const ask = () => void run('ask', async () => setImpact(await call('accounts:removalImpact', { id: account.id })));
  const remove = () =>
    void run('remove', async () => {
      await call('accounts:remove', { id: account.id, confirmed: true });
      onRemoved();
    });

  if (impact === null) {
    return (
      <button type="button" className="button button-danger-quiet" disabled={busy !== null} onClick={ask} data-testid="remove-account">
        <Icon name="trash" /> Remove
      </button>
    );
  }
  const label = PLATFORM_LABELS[account.platform];
  return (
    <div
      className="confirm remove-confirm"
      role="group"
      aria-label={`Remove ${account.name}?`}
      data-testid="remove-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setImpact(null);
      }}
    >
      {impact.posts.length === 0 ? (
        <span className="confirm-question">Remove {account.name}? Nothing is waiting to publish to it.</span>
      ) : (
        <div className="confirm-question">
          <p>
            {impact.posts.length} post{impact.posts.length === 1 ? ' waits' : 's wait'} to publish to {account.name}. Removing it means
            {impact.posts.length === 1 ? ' this post is' : ' these posts are'} not published to {label}; their other platforms go ahead:
          </p>
          <ul className="remove-impact" data-testid="remove-impact">
            {impact.posts.map((post) => (
              <li key={post.id}>
                <span className="muted">{post.scheduledAt ? formatInstant(post.scheduledAt, zone, 'short') : 'now'}</span>{' '}
                {post.text.slice(0, 80) || '(no text)'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" className="button button-danger" disabled={busy !== null} onClick={remove} data-testid="remove-confirm-yes" autoFocus>
        Yes, remove
      </button>
      <button type="button" className="button" onClick={() => setImpact(null)}>
        Keep
      </button>
    </div>
  );
}
