// The engine side of the upload-memory scenario: a started engine (SQLite, Redis, worker) in this process, and four
// 500 MB library videos going up at once through the real publishers to fakes in the parent process. Prints the
// process's peak resident memory (VmHWM) as one JSON line.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaFacts } from '../../shared/media-item';
import { createEngine } from '../../electron/engine/engine';
import type { PublishMedia, Publisher, PublishOptions } from '../../electron/engine/publishers/publisher';
import { LinkedInPublisher } from '../../electron/engine/publishers/linkedin/linkedin-publisher';
import { TiktokPublisher } from '../../electron/engine/publishers/tiktok/tiktok-publisher';
import { TwitterPublisher } from '../../electron/engine/publishers/twitter/twitter-publisher';
import { YoutubePublisher } from '../../electron/engine/publishers/youtube/youtube-publisher';

export interface UploadMemoryJob {
  video: { path: string; size: number };
  twitter: { origin: string; token: string };
  linkedin: { origin: string; token: string; member: string };
  tiktok: { origin: string; token: string };
  youtube: { origin: string; token: string };
}

function kib(field: string): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as UploadMemoryJob;
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-bench-upload-'));
  const engine = createEngine({ dataDir, env: { PATH: process.env.PATH, HOME: process.env.HOME }, appRoot: process.cwd() });
  await engine.start();
  const baseline = kib('VmRSS');
  const facts: MediaFacts = {
    kind: 'video',
    mimeType: 'video/mp4',
    sizeBytes: job.video.size,
    width: 1080,
    height: 1920,
    durationMs: 60_000,
    videoCodec: 'avc',
    audioCodec: 'aac',
    frameRate: 30,
  };
  const media: PublishMedia[] = [{ source: 'file', path: job.video.path, name: 'film.mp4', facts }];
  const fast = { env: {}, pollIntervalMs: 20, postingLimit: { capacity: 10, refillEveryMs: 1 } };
  const uploads: [Publisher, string, PublishOptions][] = [
    [new TwitterPublisher({ ...fast, apiOrigin: job.twitter.origin }), job.twitter.token, { media }],
    [
      new LinkedInPublisher({ ...fast, apiOrigin: job.linkedin.origin }),
      job.linkedin.token,
      {
        media,
        account: { id: 'li', platform: 'linkedin', name: 'Bench', externalId: job.linkedin.member, tokenExpiresAt: null, loginKind: null },
      },
    ],
    [new TiktokPublisher({ ...fast, apiOrigin: job.tiktok.origin }), job.tiktok.token, { media }],
    [new YoutubePublisher({ ...fast, apiOrigin: job.youtube.origin }), job.youtube.token, { media, settings: { title: 'Bench film' } }],
  ];
  const started = performance.now();
  await Promise.all(uploads.map(([publisher, token, options]) => publisher.publish(token, 'Bench film', [], options)));
  const seconds = (performance.now() - started) / 1000;
  const peak = kib('VmHWM');
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ baselineKib: baseline, peakKib: peak, seconds })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
