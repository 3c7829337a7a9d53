// The thin bar along a publishing post's chip: how far its uploads have got (their average), while they go up.
import { uploadFraction } from '../../../../shared/upload-progress-text';
import { usePostProgress } from '../../lib/upload-progress-store';

export function ChipProgress({ postId }: { postId: string }) {
  const fractions = usePostProgress(postId)
    .map((entry) => uploadFraction(entry.progress))
    .filter((fraction): fraction is number => fraction !== null);
  if (fractions.length === 0) return null;
  const fraction = fractions.reduce((sum, value) => sum + value, 0) / fractions.length;
  return (
    <span className="chip-progress" data-testid="chip-progress" data-percent={Math.floor(fraction * 100)} aria-hidden="true">
      <span style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
    </span>
  );
}
