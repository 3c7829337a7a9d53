// The post's media: files from this computer (chosen or dropped, imported into the media library) and public links,
// in the order they are posted. Each entry shows what the chosen platforms say about it, takes alt text when it is
// an image, and moves by drag or by keyboard (Alt+Arrow on its handle, announced to screen readers).
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Platform, TargetOptions } from '../../../../shared/domain';
import type { RuleViolation } from '../../../../shared/platform-rules';
import { FieldError } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { draftFileOf, draftMediaKey, type DraftMedia } from '../../lib/composer-model';
import { importFiles } from '../../lib/media-files';
import { toAppError } from '../../lib/result';
import { MediaEntry, mediaName } from './MediaEntry';

/** What the file picker offers: every type some platform publishes; the rules say which platform takes which. */
const ACCEPTED = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime,video/webm,video/x-matroska,application/pdf,.pptx,.docx';
/** The drag of an entry inside the list, told apart from files dragged in from the desktop. */
const ENTRY_DRAG_TYPE = 'application/x-publishing-engine-media';
const MAX_MEDIA = 35;

interface MediaFieldProps {
  media: readonly DraftMedia[];
  platforms: readonly Platform[];
  optionsOf: (platform: Platform) => TargetOptions;
  checks: Partial<Record<Platform, RuleViolation[]>>;
  error: string | undefined;
  onChange: (media: DraftMedia[]) => void;
}

function linkProblem(value: string, media: readonly DraftMedia[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full link, starting with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only http and https links can be published.';
  if (media.some((entry) => 'url' in entry && entry.url === value)) return 'This link is already added.';
  return null;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function MediaField({ media, platforms, optionsOf, checks, error, onChange }: MediaFieldProps) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState<number>(0);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [fileOver, setFileOver] = useState(false);
  const [dragged, setDragged] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterMove = useRef<string | null>(null);
  // The latest list, for an import that finishes after the user changed it meanwhile.
  const latest = useRef(media);
  latest.current = media;

  useEffect(() => {
    const key = focusAfterMove.current;
    if (key === null) return;
    focusAfterMove.current = null;
    handles.current.get(key)?.focus();
  }, [media]);

  const addLink = (): void => {
    const link = value.trim();
    if (link === '') return;
    const found = linkProblem(link, media) ?? (media.length >= MAX_MEDIA ? `A post holds at most ${MAX_MEDIA} media items.` : null);
    setProblem(found);
    if (found) return;
    onChange([...media, { url: link, altText: '' }]);
    setValue('');
  };

  const addFiles = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    setImportProblem(null);
    if (latest.current.length + files.length > MAX_MEDIA) {
      setImportProblem(`A post holds at most ${MAX_MEDIA} media items; this would make ${latest.current.length + files.length}.`);
      return;
    }
    setImporting(files.length);
    try {
      const items = await importFiles(files);
      const present = new Set(latest.current.map(draftMediaKey));
      const added = items.map(draftFileOf).filter((entry) => !present.has(draftMediaKey(entry)));
      const repeated = items.filter((item) => present.has(`file:${item.id}`)).map((item) => item.name);
      if (repeated.length > 0) setImportProblem(`Already in this post: ${repeated.join(', ')}.`);
      if (added.length > 0) {
        onChange([...latest.current, ...added]);
        setAnnouncement(`Added ${added.map((entry) => entry.name).join(', ')}.`);
      }
    } catch (failure) {
      setImportProblem(toAppError(failure).message);
    } finally {
      setImporting(0);
    }
  };

  const move = (from: number, to: number): void => {
    if (from === to || to < 0 || to >= media.length) return;
    const next = [...media];
    const [entry] = next.splice(from, 1);
    if (entry === undefined) return;
    next.splice(to, 0, entry);
    focusAfterMove.current = draftMediaKey(entry);
    onChange(next);
    setAnnouncement(`${mediaName(entry)} moved to position ${to + 1} of ${media.length}.`);
  };

  const remove = (index: number): void => {
    const entry = media[index];
    if (entry === undefined) return;
    onChange(media.filter((_, at) => at !== index));
    setAnnouncement(`${mediaName(entry)} removed.`);
  };

  const describeEntry = (index: number, altText: string): void => onChange(media.map((entry, at) => (at === index ? { ...entry, altText } : entry)));

  return (
    <section
      className={`card media-card${fileOver ? ' is-file-over' : ''}`}
      aria-labelledby="media-heading"
      data-testid="media-card"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setFileOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFileOver(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setFileOver(false);
        void addFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <h2 className="card-title" id="media-heading">
        Media
        {media.length > 0 ? (
          <span className="card-title-note">
            {media.length} item{media.length === 1 ? '' : 's'}
          </span>
        ) : null}
      </h2>
      <div className="media-drop" data-testid="media-drop">
        <Icon name="plus" />
        <span>Drop photos, videos or documents here, or</span>
        <button type="button" className="button" onClick={() => picker.current?.click()} disabled={importing > 0}>
          Choose files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPTED}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="media-file-input"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // The same file can be chosen again after a removal.
            event.target.value = '';
            void addFiles(files);
          }}
        />
      </div>
      {importing > 0 ? (
        <p className="hint media-importing" role="status">
          <span className="spinner" aria-hidden="true" /> Adding {importing} file{importing === 1 ? '' : 's'}…
        </p>
      ) : null}
      {importProblem ? (
        <p className="field-error" role="alert" data-testid="media-import-problem">
          {importProblem}
        </p>
      ) : null}
      <div className="media-add">
        <label className="visually-hidden" htmlFor="media-url">
          Media link
        </label>
        <input
          id="media-url"
          type="url"
          inputMode="url"
          placeholder="or a public link: https://… .jpg, .png, .mp4"
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'media-url-problem' : 'media-hint'}
          onChange={(event) => {
            setValue(event.target.value);
            setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addLink();
            }
          }}
        />
        <button type="button" className="button" onClick={addLink}>
          <Icon name="plus" /> Add link
        </button>
      </div>
      {problem ? (
        <p className="field-error" id="media-url-problem" role="alert">
          {problem}
        </p>
      ) : (
        <p className="hint" id="media-hint">
          Files are copied into the app’s media library. Links must be public: the platforms download them when publishing.
        </p>
      )}
      {media.length > 0 ? (
        <ul className="media-list" data-testid="media-list" aria-label="Media, in posting order">
          {media.map((entry, index) => {
            const key = draftMediaKey(entry);
            return (
              <MediaEntry
                key={key}
                entry={entry}
                index={index}
                count={media.length}
                platforms={platforms}
                optionsOf={optionsOf}
                checks={checks}
                dragging={dragged === index}
                dropBefore={dropAt === index && dragged !== null && dragged !== index}
                handleRef={(element) => {
                  if (element) handles.current.set(key, element);
                  else handles.current.delete(key);
                }}
                onMove={(to) => move(index, to)}
                onRemove={() => remove(index)}
                onAltText={(altText) => describeEntry(index, altText)}
                onDragStart={(event) => {
                  event.dataTransfer.setData(ENTRY_DRAG_TYPE, String(index));
                  event.dataTransfer.effectAllowed = 'move';
                  setDragged(index);
                }}
                onDragOver={(event) => {
                  if (dragged === null || !Array.from(event.dataTransfer.types).includes(ENTRY_DRAG_TYPE)) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  setDropAt(index);
                }}
                onDrop={(event) => {
                  if (dragged === null || !Array.from(event.dataTransfer.types).includes(ENTRY_DRAG_TYPE)) return;
                  event.preventDefault();
                  event.stopPropagation();
                  move(dragged, index);
                  setDragged(null);
                  setDropAt(null);
                }}
                onDragEnd={() => {
                  setDragged(null);
                  setDropAt(null);
                }}
              />
            );
          })}
        </ul>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="media-announcement">
        {announcement}
      </p>
      <FieldError id="media-error" field="media" message={error} />
    </section>
  );
}
