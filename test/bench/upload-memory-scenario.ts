// Engine memory while 4 × 500 MB videos upload at once (X, LinkedIn, TikTok and YouTube fakes, each in its
// platform's chunk size): the engine runs in a child process so the fakes, which keep what they receive, are not
// counted. The videos are sparse files made here and removed after.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { startTiktokFake } from '../fakes/tiktok/tiktok-fake';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { startYoutubeFake } from '../fakes/youtube/youtube-fake';
import { makeLargeVideo } from '../media/large-video';
import { round } from './stats';
import type { UploadMemoryJob } from './upload-memory-child';

const VIDEO_BYTES = 500 * 1000 * 1000;

export async function uploadMemory(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'pe-bench-video-'));
  const twitter = await FakeTwitter.start({ processingChecks: 1 });
  const linkedin = await FakeLinkedIn.start();
  const tiktok = await startTiktokFake();
  const youtube = await startYoutubeFake();
  try {
    const path = makeLargeVideo(join(dir, 'film.mp4'), VIDEO_BYTES, 'sparse');
    const member = linkedin.addMember();
    const job: UploadMemoryJob = {
      video: { path, size: VIDEO_BYTES },
      twitter: { origin: twitter.origin, token: twitter.addUser('bench').accessToken },
      linkedin: { origin: linkedin.origin, token: member.accessToken, member: member.member },
      tiktok: { origin: tiktok.origin, token: tiktok.grant().accessToken },
      youtube: { origin: youtube.origin, token: youtube.grant().accessToken },
    };
    // The fakes answer from this process while the child uploads, so this process must not block on it.
    const child = await runChild(job);
    return {
      upload_4x500mb_peak_rss_mb: round(child.peakKib / 1024),
      upload_4x500mb_engine_baseline_rss_mb: round(child.baselineKib / 1024),
      upload_4x500mb_seconds: round(child.seconds),
    };
  } finally {
    await Promise.all([twitter.close(), linkedin.close(), tiktok.close(), youtube.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(job: UploadMemoryJob): Promise<{ baselineKib: number; peakKib: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'upload-memory-child.ts'), JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the engine process exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as { baselineKib: number; peakKib: number; seconds: number });
    });
  });
}
