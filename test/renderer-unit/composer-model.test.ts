import { describe, expect, it } from 'vitest';
import { schemas } from '../../shared/contract';
import {
  buildTargets,
  checkDraft,
  checkSchedule,
  cleanOptions,
  countViolations,
  draftFromPost,
  effectiveText,
  emptyDraft,
  saveInput,
  selectedPlatforms,
  type ComposerDraft,
} from '../../renderer/src/lib/composer-model';
import { wallTimeToInstant } from '../../renderer/src/lib/time';
import { account, post, target } from './fixtures';

const accounts = [
  account('x1', 'twitter', 'Brand X'),
  account('yt', 'youtube', 'Channel'),
  account('fb', 'facebook', 'Page'),
  account('x2', 'twitter', 'Alt X'),
];
const when = { date: '2030-05-01', time: '09:30' };

function draft(changes: Partial<ComposerDraft> = {}): ComposerDraft {
  return { ...emptyDraft(when, 'Europe/Berlin'), ...changes };
}

describe('selected platforms and targets', () => {
  it('lists the platforms of chosen accounts once, in platform order', () => {
    expect(selectedPlatforms(draft({ accountIds: ['yt', 'x1', 'x2', 'gone'] }), accounts)).toEqual(['twitter', 'youtube']);
  });

  it('sends one target per account with the platform override and only that platform’s options', () => {
    const d = draft({
      text: 'Shared',
      accountIds: ['x1', 'yt', 'fb', 'x2'],
      platforms: {
        twitter: { override: 'Short for X', options: { thread: ['Second'], title: 'ignored' } },
        youtube: { override: null, options: { title: '  My video ', privacy: 'unlisted', madeForKids: false, link: 'https://x.test' } },
        facebook: { override: null, options: { link: '  ' } },
      },
    });
    expect(buildTargets(d, accounts)).toEqual([
      { accountId: 'x1', text: 'Short for X', options: { thread: ['Second'] } },
      { accountId: 'yt', options: { title: 'My video', privacy: 'unlisted', madeForKids: false } },
      { accountId: 'fb' },
      { accountId: 'x2', text: 'Short for X', options: { thread: ['Second'] } },
    ]);
  });

  it('cleans options to nothing when none apply', () => {
    expect(cleanOptions('linkedin', { title: 'x', thread: [] })).toBeUndefined();
    expect(cleanOptions('twitter', { thread: [] })).toBeUndefined();
    expect(cleanOptions('instagram', { instagramKind: 'reel' })).toEqual({ instagramKind: 'reel' });
  });

  it('uses the shared text unless the platform overrides it', () => {
    const d = draft({ text: 'Shared', platforms: { twitter: { override: 'Own', options: {} } } });
    expect(effectiveText(d, 'twitter')).toBe('Own');
    expect(effectiveText(d, 'facebook')).toBe('Shared');
  });
});

const jpeg = {
  kind: 'image' as const,
  mimeType: 'image/jpeg',
  sizeBytes: 1353,
  width: 64,
  height: 48,
  durationMs: null,
  videoCodec: null,
  audioCodec: null,
  frameRate: null,
};

describe('checkDraft', () => {
  it('flags a text over X’s limit only for X', () => {
    const checks = checkDraft(draft({ text: 'a'.repeat(300), accountIds: ['x1', 'fb'] }), accounts);
    expect(checks.twitter?.map((v) => v.rule)).toEqual(['text-too-long']);
    expect(checks.facebook).toEqual([]);
    expect(countViolations(checks)).toBe(1);
  });

  it('clears X once the X override is short enough', () => {
    const d = draft({ text: 'a'.repeat(300), accountIds: ['x1'], platforms: { twitter: { override: 'short', options: {} } } });
    expect(countViolations(checkDraft(d, accounts))).toBe(0);
  });

  it('asks for a YouTube title and a single video', () => {
    const rules = checkDraft(draft({ text: 'desc', accountIds: ['yt'] }), accounts).youtube?.map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['media-required', 'title-required']));
    const ok = draft({
      text: 'desc',
      media: [{ url: 'https://cdn.test/clip.mp4', altText: '' }],
      accountIds: ['yt'],
      platforms: { youtube: { override: null, options: { title: 'Clip', privacy: 'public', madeForKids: false } } },
    });
    expect(checkDraft(ok, accounts).youtube).toEqual([]);
  });

  it('names each file that breaks a platform’s rule by its place, as the engine does', () => {
    const long = {
      ...jpeg,
      kind: 'video' as const,
      mimeType: 'video/mp4',
      width: 1920,
      height: 1080,
      durationMs: 192_000,
      frameRate: 30,
      videoCodec: 'avc',
    };
    const d = draft({
      accountIds: ['x1', 'fb'],
      media: [{ mediaId: 'm2', name: 'launch.mp4', facts: long, altText: '' }],
    });
    const checks = checkDraft(d, accounts);
    expect(checks.twitter).toEqual([
      { platform: 'twitter', rule: 'media-duration', field: 'media.0', message: 'launch.mp4 is 3 min 12 s; X videos allow 0.5 s to 2 min 20 s.' },
    ]);
    expect(checks.facebook).toEqual([]);
  });

  it('says before scheduling that Instagram needs media storage for a photo from this computer, and only then', () => {
    const ig = [account('ig', 'instagram', 'Bakery')];
    const photo = draft({ accountIds: ['ig'], media: [{ mediaId: 'm1', name: 'loaf.jpg', facts: jpeg, altText: '' }] });
    const refusal = checkDraft(photo, ig, { storageConfigured: false }).instagram?.find((violation) => violation.rule === 'media-storage');
    expect(refusal).toMatchObject({
      field: 'media.0',
      message: expect.stringMatching(/^loaf\.jpg: .*no media storage is set up.*Settings → Media storage/),
    });
    expect(checkDraft(photo, ig, { storageConfigured: true }).instagram?.map((violation) => violation.rule)).not.toContain('media-storage');
    expect(checkDraft(photo, ig).instagram?.map((violation) => violation.rule)).not.toContain('media-storage');
    const link = draft({ accountIds: ['ig'], media: [{ url: 'https://cdn.test/loaf.jpg', altText: '' }] });
    expect(checkDraft(link, ig, { storageConfigured: false }).instagram).toEqual([]);
  });

  it('checks only the selected platforms', () => {
    expect(checkDraft(draft({ text: 'a'.repeat(300) }), accounts)).toEqual({});
  });
});

describe('checkSchedule', () => {
  const now = new Date('2030-05-01T06:00:00Z');
  it('accepts a future time and names the instant in the zone', () => {
    const check = checkSchedule(when, 'Europe/Berlin', now);
    expect(check.problem).toBeNull();
    expect(check.instant?.iso).toBe('2030-05-01T09:30:00.000+02:00');
  });

  it('explains a past time, a missing time and a bad zone', () => {
    expect(checkSchedule({ date: '2030-05-01', time: '07:00' }, 'Europe/Berlin', now).problem).toMatch(/already passed/);
    expect(checkSchedule({ date: '2030-05-01', time: '' }, 'Europe/Berlin', now).problem).toMatch(/date and a time/);
    expect(checkSchedule(when, 'Atlantis/Capital', now).problem).toMatch(/time zone/);
  });

  it('refuses a time the clocks skip, with the message the engine and the CLI give', () => {
    expect(checkSchedule({ date: '2030-03-31', time: '02:15' }, 'Europe/Berlin', now)).toEqual({
      instant: null,
      problem: '2030-03-31 02:15 does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00. Choose 01:59 or 03:00.',
    });
  });
});

describe('requests', () => {
  const d = draft({ text: 'Hello', media: [{ url: 'https://cdn.test/a.jpg', altText: '' }], accountIds: ['x1', 'fb'] });
  const instant = wallTimeToInstant(when, 'Europe/Berlin');

  const key = '6c1f4a8e-0d6b-4b1e-9f53-2f1f3d0c9a77';

  it('builds one save that creates and schedules, with the idempotency key, and the contract accepts it', () => {
    const input = saveInput(null, d, accounts, 'schedule', instant, key);
    expect(input).toMatchObject({ mode: 'schedule', scheduledAt: '2030-05-01T09:30:00.000+02:00', timeZone: 'Europe/Berlin', idempotencyKey: key });
    expect(input).not.toHaveProperty('id');
    expect(schemas.postSave.safeParse(input).success).toBe(true);
  });

  it('sends no time to publish now, and with a draft the picked time only', () => {
    expect(saveInput(null, d, accounts, 'now', instant, key).scheduledAt).toBeUndefined();
    expect(schemas.postSave.safeParse(saveInput(null, d, accounts, 'now', instant, key)).success).toBe(true);
    expect(saveInput(null, { ...d, timeChosen: true }, accounts, 'draft', instant, key).scheduledAt).toBe(instant!.iso);
    // The default time was never picked: the draft waits without one rather than at an invented hour.
    expect(saveInput(null, { ...d, timeChosen: false }, accounts, 'draft', instant, key).scheduledAt).toBeNull();
    expect(saveInput(null, { ...d, timeChosen: true }, accounts, 'draft', null, key).scheduledAt).toBeNull();
  });

  it('saves a draft with no account, which the contract accepts, but not a post to schedule', () => {
    const none = { ...d, accountIds: [] };
    expect(schemas.postSave.safeParse(saveInput(null, none, accounts, 'draft', instant, key)).success).toBe(true);
    expect(schemas.postSave.safeParse(saveInput(null, none, accounts, 'schedule', instant, key)).success).toBe(false);
  });

  it('keeps a post’s files and links in their order, each with its alt text, when saved from the composer', () => {
    const stored = post('p1', {
      mediaUrls: ['https://cdn.test/a.jpg'],
      media: [
        { mediaId: null, url: 'https://cdn.test/a.jpg', name: 'https://cdn.test/a.jpg', altText: null, facts: null },
        { mediaId: 'm1', url: null, name: 'loaf.jpg', altText: 'A loaf', facts: jpeg },
      ],
    });
    const restored = draftFromPost(stored, when);
    expect(restored.media).toEqual([
      { url: 'https://cdn.test/a.jpg', altText: '' },
      { mediaId: 'm1', name: 'loaf.jpg', facts: jpeg, altText: 'A loaf' },
    ]);
    const edited = { ...restored, accountIds: ['x1'] };
    const input = saveInput('p1', edited, accounts, 'schedule', instant, key);
    expect(input.media).toEqual([{ url: 'https://cdn.test/a.jpg' }, { mediaId: 'm1', altText: 'A loaf' }]);
    expect(input).not.toHaveProperty('mediaUrls');
    expect(schemas.postSave.safeParse(input).success).toBe(true);
    expect(checkDraft(edited, accounts).twitter).toEqual([]);
  });

  it('sends alt text trimmed, and none when it is only blanks', () => {
    const described = draft({
      media: [
        { mediaId: 'm1', name: 'loaf.jpg', facts: jpeg, altText: '  A loaf on a board ' },
        { url: 'https://cdn.test/b.jpg', altText: '   ' },
      ],
    });
    expect(saveInput(null, described, accounts, 'draft', instant, key).media).toEqual([
      { mediaId: 'm1', altText: 'A loaf on a board' },
      { url: 'https://cdn.test/b.jpg' },
    ]);
  });

  it('builds one save that changes a post by its id (no key: a change is safe to send again)', () => {
    const input = saveInput('p1', d, accounts, 'schedule', instant, key);
    expect(input).toMatchObject({ id: 'p1', text: 'Hello', mode: 'schedule', scheduledAt: instant!.iso });
    expect(input).not.toHaveProperty('idempotencyKey');
    expect(schemas.postSave.safeParse(input).success).toBe(true);
  });
});

describe('draftFromPost', () => {
  it('restores text, media, accounts, per-platform settings and the wall time in the post’s zone', () => {
    const p = post('p1', {
      text: 'Hello',
      mediaUrls: ['https://cdn.test/v.mp4'],
      media: [{ mediaId: null, url: 'https://cdn.test/v.mp4', name: 'https://cdn.test/v.mp4', altText: null, facts: null }],
      scheduledAt: '2030-05-01T07:30:00.000Z',
      timeZone: 'Europe/Berlin',
      targets: [
        target('t1', 'p1', 'twitter', { accountId: 'x1', textOverride: 'Own', options: { thread: ['2'] } }),
        target('t2', 'p1', 'twitter', { accountId: 'x2', textOverride: 'Own', options: { thread: ['2'] } }),
        target('t3', 'p1', 'youtube', { accountId: 'yt', options: { title: 'T' } }),
        target('t4', 'p1', 'facebook', { accountId: null }),
      ],
    });
    const restored = draftFromPost(p, { date: '2000-01-01', time: '00:00' });
    expect(restored.media).toEqual([{ url: 'https://cdn.test/v.mp4', altText: '' }]);
    expect(restored.accountIds).toEqual(['x1', 'x2', 'yt']);
    expect(restored.when).toEqual({ date: '2030-05-01', time: '09:30' });
    expect(restored.timeZone).toBe('Europe/Berlin');
    expect(restored.platforms.twitter).toEqual({ override: 'Own', options: { thread: ['2'] } });
    expect(restored.platforms.youtube).toEqual({ override: null, options: { title: 'T', privacy: 'public', madeForKids: false } });
  });

  it('keeps the fallback time for a draft without one', () => {
    const fallback = { date: '2030-01-01', time: '10:00' };
    expect(draftFromPost(post('d', { status: 'draft', scheduledAt: null }), fallback).when).toEqual(fallback);
  });
});
