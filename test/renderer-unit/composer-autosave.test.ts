import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autosaveKey, loadAutosave, storeAutosave } from '../../renderer/src/lib/composer-autosave';
import { emptyDraft, type ComposerDraft } from '../../renderer/src/lib/composer-model';

/** The page's localStorage, as a Map. */
function storage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const facts = {
  kind: 'video' as const,
  mimeType: 'video/mp4',
  sizeBytes: 9_000,
  width: 160,
  height: 90,
  durationMs: 1000,
  videoCodec: 'avc',
  audioCodec: 'aac',
  frameRate: 24,
};

describe('composer autosave', () => {
  beforeEach(() => {
    (globalThis as { window?: unknown }).window = { localStorage: storage() };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('keeps the files and links being added, in order, with their alt texts', () => {
    const draft: ComposerDraft = {
      ...emptyDraft({ date: '2030-05-01', time: '09:30' }, 'Europe/Berlin'),
      text: 'Teaser',
      media: [
        { url: 'https://cdn.test/a.jpg', altText: 'A loaf' },
        { mediaId: 'm1', name: 'teaser.mp4', facts, altText: '' },
      ],
    };
    storeAutosave(null, draft, null, 1_000);
    expect(loadAutosave(null)).toEqual({ savedAt: 1_000, basis: null, draft });
  });

  it('restores a draft kept by the version that took links only', () => {
    window.localStorage.setItem(
      autosaveKey('p1'),
      JSON.stringify({
        savedAt: 5,
        basis: '2030-01-01T00:00:00.000Z',
        draft: {
          text: 'Old',
          mediaUrls: ['https://cdn.test/a.jpg'],
          accountIds: [],
          platforms: {},
          when: { date: '2030-05-01', time: '09:30' },
          timeZone: 'Europe/Berlin',
          timeChosen: true,
        },
      }),
    );
    expect(loadAutosave('p1')?.draft.media).toEqual([{ url: 'https://cdn.test/a.jpg', altText: '' }]);
  });
});
