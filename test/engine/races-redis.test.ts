// The same races as races.test.ts through the whole engine: a real redis-server and BullMQ worker, a SQLite file and
// the feed platform over HTTP. A hundred posts fall due a few ms apart, and each meets the user's action at its own
// offset around its due time (most within the publish, some well before or after). Whatever the interleaving, what
// is stored is what reached the platform, and an action that answered ok is true.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';

const TRIALS = 100;
/** Posts fall due this far apart, so the worker meets them one after another rather than all at once. */
const SPACING_MS = 15;

let feed: FeedServer;
let dataDir: string;
let engine: Engine;
let accountId: string;

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
  accountId = (await addAccount(engine, 'facebook')).id;
});

afterEach(async () => {
  await engine.stop();
  await feed.close();
  removeDataDir(dataDir);
});

/** A seeded generator, so a failing run can be repeated as it was. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Where the action lands relative to the due time: half within the first 50 ms (where an idle engine claims and
 * publishes), half anywhere in the next 5 s (where a busy machine's engine does).
 */
function offset(next: () => number): number {
  return next() < 0.5 ? -10 + next() * 60 : -200 + next() * 5000;
}

type Answer = 'ok' | 'conflict';

interface Trial {
  marker: string;
  post: PostView;
  answer: Answer;
}

/** Schedules TRIALS posts and runs `action` on each at its offset from its due time; answers once all have settled. */
async function raceAll(seed: number, action: (post: PostView, marker: string) => Promise<unknown>): Promise<Trial[]> {
  const next = random(seed);
  const base = Date.now() + 2500;
  const posts = await Promise.all(
    Array.from({ length: TRIALS }, (_, i) =>
      engine.api.invoke('posts:create', {
        text: `[${seed}.${i}] before`,
        targets: [{ accountId }],
        mode: 'schedule',
        scheduledAt: new Date(base + i * SPACING_MS).toISOString(),
      }),
    ),
  );
  const trials = await Promise.all(
    posts.map(async (post, i): Promise<Trial> => {
      const marker = `[${seed}.${i}]`;
      await sleep(Math.max(0, Date.parse(post.scheduledAt ?? '') + offset(next) - Date.now()));
      try {
        await action(post, marker);
        return { marker, post, answer: 'ok' };
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') return { marker, post, answer: 'conflict' };
        throw error;
      }
    }),
  );
  // One query every 250 ms: polling harder would take the event loop from the worker it waits for.
  const ids = new Set(posts.map((post) => post.id));
  const unsettled = (post: PostView) =>
    ids.has(post.id) && (post.status === 'publishing' || (post.status === 'scheduled' && Date.parse(post.scheduledAt ?? '') < Date.now()));
  await waitFor(
    async () => (await engine.api.invoke('posts:list', {})).filter(unsettled).length,
    (count) => count === 0,
    60_000,
    'every post settled',
    250,
  );
  return trials;
}

/** The stored post and what reached the platform agree; answers both. */
async function agreement({ marker, post }: Trial) {
  const stored = await engine.api.invoke('posts:get', { id: post.id });
  const target = stored.targets[0];
  const sent = feed.posts.filter((sentPost) => sentPost.text.startsWith(marker));
  if (target?.status === 'published') {
    expect(sent, marker).toHaveLength(1);
    expect(sent[0], marker).toMatchObject({ id: target.platformPostId, text: stored.text });
  } else {
    expect(sent, `${marker} is ${target?.status}`).toEqual([]);
  }
  return { stored, status: target?.status, sent };
}

describe(`through Redis and BullMQ: the user's action at the due time (${TRIALS} posts each)`, () => {
  it('cancel: ok means nothing was sent; a refusal means it went out once', async () => {
    const trials = await raceAll(1, (post) => engine.api.invoke('publishing:cancel', { id: post.id }));
    for (const trial of trials) {
      const { status } = await agreement(trial);
      expect(status, trial.marker).toBe(trial.answer === 'ok' ? 'cancelled' : 'published');
    }
    expect(trials.some((trial) => trial.answer === 'ok')).toBe(true);
    expect(trials.some((trial) => trial.answer === 'conflict')).toBe(true);
  });

  it('edit: the text that went out is the text stored, the new one when the edit answered ok', async () => {
    const trials = await raceAll(2, (post, marker) => engine.api.invoke('posts:save', { id: post.id, text: `${marker} after` }));
    for (const trial of trials) {
      const { stored, status } = await agreement(trial);
      expect(status, trial.marker).toBe('published');
      expect(stored.text, trial.marker).toBe(`${trial.marker} ${trial.answer === 'ok' ? 'after' : 'before'}`);
    }
  });

  it('reschedule: ok means nothing was sent and it waits at the new time; a refusal means it went out once', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const trials = await raceAll(3, (post) => engine.api.invoke('publishing:reschedule', { id: post.id, scheduledAt: later }));
    for (const trial of trials) {
      const { stored, status } = await agreement(trial);
      if (trial.answer === 'ok') expect(stored, trial.marker).toMatchObject({ status: 'scheduled', scheduledAt: later });
      else expect(status, trial.marker).toBe('published');
    }
    const waiting = trials.filter((trial) => trial.answer === 'ok').length;
    expect((await engine.api.invoke('queue:stats', {})).counts.delayed).toBe(waiting);
  });
});
