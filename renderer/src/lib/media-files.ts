// Files the user picks or drops, into the media library: through the preload in the desktop app (their paths), or
// uploaded by the browser bridge. Also where the composer shows a library file from: the File just picked (an
// object URL, which the page's CSP allows as blob:), else the address the engine serves it at, else nowhere.
import { useEffect, useMemo, useState } from 'react';
import { AppError } from '../../../shared/errors';
import type { MediaItemView } from '../../../shared/media-item';
import { isDraftFile, type DraftMedia } from './composer-model';
import { unwrapResult } from './result';

/** Object URLs of files picked on this page, by media item id: they point at the file on disk, not a copy. */
const picked = new Map<string, string>();

/** Imports the files in order; each item's preview is the file itself until the page is left. */
export async function importFiles(files: readonly File[]): Promise<MediaItemView[]> {
  const api = (window as Partial<Window>).api;
  if (!api) throw new AppError({ code: 'engine_unavailable', message: 'The publishing engine is not connected. Restart the app.' });
  let items: MediaItemView[];
  try {
    items = unwrapResult(await api.importFiles(files));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'engine_unavailable', message: 'The publishing engine did not answer. Try again in a moment.' });
  }
  items.forEach((item, index) => {
    const file = files[index];
    if (file && !picked.has(item.id)) picked.set(item.id, URL.createObjectURL(file));
  });
  return items;
}

/** What the engine answered for an item's address, asked once per page. */
const served = new Map<string, Promise<string | null>>();

function servedUrl(id: string): Promise<string | null> {
  let url = served.get(id);
  if (url === undefined) {
    const preview = (window as Partial<Window>).api?.mediaPreviewUrl;
    url = preview ? preview(id).catch(() => null) : Promise.resolve(null);
    // A failed ask is asked again by the next thumbnail.
    void url.then((answer) => {
      if (answer === null) served.delete(id);
    });
    served.set(id, url);
  }
  return url;
}

/** Where <img> or <video> can load each entry from (a link is its own address); null while unknown or where none is served. */
export function useMediaPreviewSources(media: readonly DraftMedia[]): (string | null)[] {
  const [known, setKnown] = useState<ReadonlyMap<string, string | null>>(new Map());
  const ids = media.flatMap((entry) => (isDraftFile(entry) && !picked.has(entry.mediaId) ? [entry.mediaId] : []));
  const wanted = ids.filter((id) => !known.has(id)).join('\n');
  useEffect(() => {
    if (wanted === '') return;
    let current = true;
    const asked = wanted.split('\n');
    void Promise.all(asked.map(servedUrl)).then((urls) => {
      if (!current) return;
      setKnown((before) => new Map([...before, ...asked.map((id, index) => [id, urls[index] ?? null] as const)]));
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return useMemo(
    () => media.map((entry) => (isDraftFile(entry) ? (picked.get(entry.mediaId) ?? known.get(entry.mediaId) ?? null) : entry.url)),
    [media, known],
  );
}

/** Where <img> or <video> can load a library item from; null while unknown or where none is served. */
export function useMediaSource(id: string): string | null {
  const [answer, setAnswer] = useState<{ id: string; url: string | null } | null>(null);
  const local = picked.get(id) ?? null;
  useEffect(() => {
    if (local !== null) return;
    let current = true;
    void servedUrl(id).then((url) => {
      if (current) setAnswer({ id, url });
    });
    return () => {
      current = false;
    };
  }, [id, local]);
  return local ?? (answer?.id === id ? answer.url : null);
}
