// One entry of the post's media in the composer: its thumbnail, what it is, what each chosen platform says about
// it (the same rules the engine checks), its alt text, and the controls to move or remove it.
import type { DragEvent, KeyboardEvent, Ref } from 'react';
import { PLATFORM_LABELS, type Platform, type TargetOptions } from '../../../../shared/domain';
import { formatBytes, formatDuration } from '../../../../shared/media-item';
import type { RuleViolation } from '../../../../shared/platform-rules';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { draftMediaKind, isDraftFile, type DraftMedia } from '../../lib/composer-model';
import { mediaFormatName } from '../../lib/media-facts-text';
import { MediaThumb } from './MediaThumb';

/** X's limit, the shortest of the platforms that take alt text. */
export const ALT_TEXT_LIMIT = 1000;

/** Whether the platform's publisher sends an image's alt text (Instagram takes none for stories). */
function takesAltText(platform: Platform, options: TargetOptions): boolean {
  if (platform === 'instagram') return options.instagramKind !== 'story';
  return platform === 'twitter' || platform === 'facebook' || platform === 'linkedin';
}

function describe(entry: DraftMedia): string {
  if (!isDraftFile(entry)) return 'Public link';
  const { mimeType, sizeBytes, width, height, durationMs, frameRate } = entry.facts;
  const parts = [mediaFormatName(mimeType)];
  if (width !== null && height !== null) parts.push(`${width} × ${height}`);
  if (durationMs !== null) parts.push(formatDuration(durationMs));
  if (frameRate !== null) parts.push(`${Number(frameRate.toFixed(2))} fps`);
  parts.push(formatBytes(sizeBytes));
  return parts.join(' · ');
}

export function mediaName(entry: DraftMedia): string {
  return isDraftFile(entry) ? entry.name : entry.url;
}

interface MediaEntryProps {
  entry: DraftMedia;
  index: number;
  count: number;
  platforms: readonly Platform[];
  optionsOf: (platform: Platform) => TargetOptions;
  checks: Partial<Record<Platform, RuleViolation[]>>;
  dragging: boolean;
  dropBefore: boolean;
  handleRef: Ref<HTMLButtonElement>;
  onMove: (to: number) => void;
  onRemove: () => void;
  onAltText: (altText: string) => void;
  onDragStart: (event: DragEvent<HTMLLIElement>) => void;
  onDragOver: (event: DragEvent<HTMLLIElement>) => void;
  onDrop: (event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}

export function MediaEntry(props: MediaEntryProps) {
  const { entry, index, count, platforms, checks } = props;
  const name = mediaName(entry);
  const kind = draftMediaKind(entry);
  const problems = platforms.flatMap((platform) => (checks[platform] ?? []).filter((violation) => violation.field === `media.${index}`));
  const fine = platforms.filter((platform) => !problems.some((violation) => violation.platform === platform));
  const altPlatforms = platforms.filter((platform) => takesAltText(platform, props.optionsOf(platform)));
  const altId = `media-alt-${index}`;

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (!event.altKey) return;
    const by = event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : 0;
    if (by === 0) return;
    event.preventDefault();
    const to = index + by;
    if (to >= 0 && to < count) props.onMove(to);
  };

  return (
    <li
      className={`media-item${props.dragging ? ' is-dragging' : ''}${props.dropBefore ? ' is-drop-target' : ''}${problems.length > 0 ? ' has-problems' : ''}`}
      data-testid="media-item"
      data-kind={kind}
      draggable
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
    >
      <div className="media-preview">
        <MediaThumb entry={entry} />
        <span className="media-position" aria-hidden="true">
          {index + 1}
        </span>
      </div>
      <div className="media-meta">
        <span className="media-url" title={name} data-testid="media-name">
          {name}
        </span>
        <span className="media-facts">{describe(entry)}</span>
        {platforms.length > 0 ? (
          <ul className="media-checks" aria-label={`What the platforms say about ${name}`}>
            {problems.map((violation, at) => (
              <li key={`${violation.platform}-${at}`} className="media-check is-problem" data-testid="media-check" data-platform={violation.platform}>
                <PlatformIcon platform={violation.platform} size={14} decorative />
                <span>
                  <span className="visually-hidden">{PLATFORM_LABELS[violation.platform]}: </span>
                  {violation.message}
                </span>
              </li>
            ))}
            {fine.length > 0 ? (
              <li className="media-check is-fine" data-testid="media-check" data-platform={fine.join(' ')}>
                <Icon name="check" size={14} />
                <span>Fits {fine.map((platform) => PLATFORM_LABELS[platform]).join(', ')}</span>
              </li>
            ) : null}
          </ul>
        ) : null}
        {kind === 'image' ? (
          <div className="media-alt">
            <label htmlFor={altId}>Alt text</label>
            <textarea
              id={altId}
              rows={2}
              maxLength={ALT_TEXT_LIMIT}
              value={entry.altText}
              placeholder="Describe the image for people who cannot see it"
              aria-describedby={`${altId}-hint`}
              onChange={(event) => props.onAltText(event.target.value)}
            />
            <span className="hint" id={`${altId}-hint`}>
              {altPlatforms.length > 0
                ? `Sent to ${altPlatforms.map((platform) => PLATFORM_LABELS[platform]).join(', ')}.`
                : 'X, Facebook, LinkedIn and Instagram posts (not stories) carry it.'}{' '}
              {entry.altText.length > ALT_TEXT_LIMIT * 0.9 ? `${entry.altText.length} of ${ALT_TEXT_LIMIT} characters.` : ''}
            </span>
          </div>
        ) : null}
        <div className="media-actions">
          <button
            type="button"
            ref={props.handleRef}
            className="icon-button media-handle"
            aria-label={`${name}, ${index + 1} of ${count}. Alt+Arrow keys move it`}
            title="Drag, or Alt+Arrow keys, to reorder"
            onKeyDown={onHandleKey}
          >
            <Icon name="list" size={16} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${name} earlier`}
            disabled={index === 0}
            onClick={() => props.onMove(index - 1)}
          >
            <Icon name="arrowLeft" size={16} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${name} later`}
            disabled={index === count - 1}
            onClick={() => props.onMove(index + 1)}
          >
            <Icon name="arrowRight" size={16} />
          </button>
          <button type="button" className="icon-button" aria-label={`Remove ${name}`} onClick={props.onRemove}>
            <Icon name="trash" size={16} />
          </button>
        </div>
      </div>
    </li>
  );
}
