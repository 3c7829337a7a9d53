// The settings a platform needs beyond text and media: YouTube's title and privacy, Instagram's kind, X's thread …
import type { Platform, TargetOptions } from '../../../../shared/domain';
import { YOUTUBE_TITLE_LIMIT } from '../../../../shared/platform-rules';
import { FieldError } from '../../components/FieldError';
import { ChoiceField } from './ChoiceField';
import { ThreadEditor } from './ThreadEditor';

interface PlatformOptionsProps {
  platform: Platform;
  options: TargetOptions;
  errorFor: (field: string) => string | undefined;
  onChange: (options: TargetOptions) => void;
}

type Privacy = NonNullable<TargetOptions['privacy']>;
type InstagramKind = NonNullable<TargetOptions['instagramKind']>;

const YOUTUBE_PRIVACY: [Privacy, string][] = [
  ['public', 'Public'],
  ['unlisted', 'Unlisted'],
  ['private', 'Private'],
];
const TIKTOK_PRIVACY: [Privacy, string][] = [
  ['public', 'Everyone'],
  ['followers', 'Followers'],
  ['friends', 'Friends'],
  ['private', 'Only me'],
];
const INSTAGRAM_KINDS: [InstagramKind, string][] = [
  ['feed', 'Feed post'],
  ['reel', 'Reel'],
  ['story', 'Story'],
];

export function PlatformOptions({ platform, options, errorFor, onChange }: PlatformOptionsProps) {
  const set = (change: Partial<TargetOptions>): void => onChange({ ...options, ...change });
  const id = (name: string): string => `${platform}-${name}`;
  const invalid = (field: string) => {
    const error = errorFor(field);
    return error ? { 'aria-invalid': true, 'aria-describedby': `${id(field)}-error` } : {};
  };
  const fieldError = (field: string) => <FieldError id={`${id(field)}-error`} field={`${platform}:${field}`} message={errorFor(field)} />;
  const checkbox = (option: 'madeForKids' | 'disableComments', label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={options[option] ?? false} onChange={(event) => set({ [option]: event.target.checked })} />
      {label}
    </label>
  );

  switch (platform) {
    case 'twitter':
      return <ThreadEditor replies={options.thread ?? []} errorFor={errorFor} onChange={(thread) => set({ thread })} />;
    case 'youtube':
      return (
        <div className="options-grid">
          <div className="field field-wide">
            <div className="field-row">
              <label htmlFor={id('title')}>Video title</label>
              <span className="counter">
                {[...(options.title ?? '')].length}
                <span className="counter-limit">/{YOUTUBE_TITLE_LIMIT}</span>
              </span>
            </div>
            <input
              id={id('title')}
              type="text"
              required
              value={options.title ?? ''}
              {...invalid('options.title')}
              onChange={(event) => set({ title: event.target.value })}
            />
            {fieldError('options.title')}
          </div>
          <ChoiceField
            id={id('privacy')}
            label="Visibility"
            value={options.privacy ?? 'public'}
            choices={YOUTUBE_PRIVACY}
            onChange={(privacy) => set({ privacy })}
          />
          {checkbox('madeForKids', 'Made for kids')}
        </div>
      );
    case 'tiktok':
      return (
        <div className="options-grid">
          <div className="field field-wide">
            <label htmlFor={id('title')}>Title (optional)</label>
            <input
              id={id('title')}
              type="text"
              value={options.title ?? ''}
              {...invalid('options.title')}
              onChange={(event) => set({ title: event.target.value })}
            />
            {fieldError('options.title')}
          </div>
          <ChoiceField
            id={id('privacy')}
            label="Who can watch"
            value={options.privacy ?? 'public'}
            choices={TIKTOK_PRIVACY}
            onChange={(privacy) => set({ privacy })}
          />
          {checkbox('disableComments', 'Turn off comments')}
        </div>
      );
    case 'instagram':
      return (
        <div className="options-grid">
          <ChoiceField
            id={id('kind')}
            label="Post as"
            value={options.instagramKind ?? 'feed'}
            choices={INSTAGRAM_KINDS}
            onChange={(instagramKind) => set({ instagramKind })}
          />
        </div>
      );
    case 'facebook':
    case 'linkedin':
      return (
        <div className="options-grid">
          <div className="field field-wide">
            <label htmlFor={id('link')}>Link to attach (optional)</label>
            <input
              id={id('link')}
              type="url"
              placeholder="https://"
              value={options.link ?? ''}
              {...invalid('options.link')}
              onChange={(event) => set({ link: event.target.value })}
            />
            {fieldError('options.link')}
          </div>
        </div>
      );
  }
}
