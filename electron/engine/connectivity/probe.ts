// One reachability probe: a HEAD request to a platform's origin. Any HTTP answer from the platform counts, a 404 or a
// 405 too; no connection, or a captive portal answering in its place, does not.
import { PLATFORM_LABELS, type Platform } from '../../../shared/domain';
import { HttpClient } from '../publishers/base/http-client';

/** Resolves with undefined when `origin` answers, else with why it could not be reached. */
export async function probeOrigin(platform: Platform, origin: string, timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
  const client = new HttpClient({ label: PLATFORM_LABELS[platform], timeoutMs, apiAnswers: true });
  try {
    await client.request({ method: 'HEAD', url: `${origin}/`, signal });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
