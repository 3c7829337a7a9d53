// Unsaved work found on opening the composer: brought back (the post was not changed since), or offered when the
// post changed elsewhere after it was written, so nothing newer is overwritten without a choice.
import { Icon } from '../../components/Icon';
import { formatInstant } from '../../lib/time';
import { preferences } from '../../lib/preferences';

interface RestoredBannerProps {
  savedAt: number;
  changedSince: boolean;
  onRestore: () => void;
  onDiscard: () => void;
}

export function RestoredBanner({ savedAt, changedSince, onRestore, onDiscard }: RestoredBannerProps) {
  const when = formatInstant(new Date(savedAt), preferences().timeZone);
  return (
    <div className="banner tone-info" role="status" data-testid="restored-draft" data-offered={changedSince ? 'true' : 'false'}>
      <Icon name="compose" />
      <span>
        {changedSince
          ? `You have changes from ${when} that were not saved, and the post has changed since.`
          : `Brought back what you were writing (${when}); it is not saved yet.`}
      </span>
      {changedSince ? (
        <button type="button" className="button" onClick={onRestore}>
          Use my changes
        </button>
      ) : null}
      <button type="button" className="button button-quiet" onClick={onDiscard}>
        Discard {changedSince ? 'them' : 'the changes'}
      </button>
    </div>
  );
}
