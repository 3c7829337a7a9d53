// A publish's upload as a bar and a line of words: "Uploading 2 of 3 · 4.2 MB of 12 MB (35 %)", then an
// indeterminate bar while the platform processes or posts. One target's (the post's page) or a post's (the queue).
import type { UploadProgress as Progress } from '../../../shared/media-item';
import { uploadFraction, uploadProgressText, uploadsSummary } from '../../../shared/upload-progress-text';
import type { TargetProgress } from '../lib/upload-progress-store';

export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  return (
    <div
      className={`progress-bar${fraction === null ? ' is-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <div className="progress-bar-fill" style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }} />
    </div>
  );
}

export function UploadProgress({ progress }: { progress: Progress }) {
  const text = uploadProgressText(progress);
  return (
    <div className="upload-progress" data-testid="upload-progress" data-phase={progress.phase}>
      <span className="upload-progress-text">{text}</span>
      <ProgressBar fraction={uploadFraction(progress)} label={text} />
    </div>
  );
}

/** A post's publishing targets together: one target reads as itself, several as one summary over their average. */
export function PostUploadProgress({ entries }: { entries: readonly TargetProgress[] }) {
  const [only] = entries;
  if (!only) return null;
  if (entries.length === 1) return <UploadProgress progress={only.progress} />;
  const progress = entries.map((entry) => entry.progress);
  const fractions = progress.map(uploadFraction);
  const known = fractions.filter((fraction): fraction is number => fraction !== null);
  const text = uploadsSummary(progress) ?? 'Publishing';
  return (
    <div className="upload-progress" data-testid="upload-progress" data-phase={known.length > 0 ? 'uploading' : 'processing'}>
      <span className="upload-progress-text">{text}</span>
      <ProgressBar fraction={known.length > 0 ? known.reduce((sum, fraction) => sum + fraction, 0) / known.length : null} label={text} />
    </div>
  );
}
