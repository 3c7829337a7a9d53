// Length as the platform counts it (X weighs links and emoji; YouTube counts bytes), red once over the limit.
import { PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import { measureText } from '../../../../shared/platform-rules';

export function TextCounter({ platform, text, testId = 'char-counter' }: { platform: Platform; text: string; testId?: string }) {
  const { length, limit, unit } = measureText(platform, text);
  const over = length > limit;
  const near = !over && length > limit * 0.9;
  return (
    <span
      className={`counter${over ? ' is-over' : near ? ' is-near' : ''}`}
      data-testid={testId}
      data-platform={platform}
      data-over={over ? 'true' : 'false'}
      title={`${PLATFORM_LABELS[platform]}: ${length} of ${limit} ${unit}`}
    >
      {length.toLocaleString()}
      <span className="counter-limit">/{limit.toLocaleString()}</span>
      <span className="visually-hidden"> {unit}</span>
    </span>
  );
}
