// A status as a coloured pill; the tone picks the colour pair from the theme.
import type { Tone } from '../lib/status';

export function StatusBadge({ label, tone, title }: { label: string; tone: Tone; title?: string }) {
  return (
    <span className={`badge tone-${tone}`} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
