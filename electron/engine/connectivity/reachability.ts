// What the engine knows about reaching each platform. A request that reached nothing marks its platform down; while
// something waits for it, the platform's host is probed — soon at first, then less and less often, never more than
// about a minute apart — and at once when the system says the network may be back (an online event, a wake from
// sleep, "Check now"). When a platform answers again, what waits for it goes. Nothing ticks while nothing waits: the
// one timer is armed only for the next probe a waiting platform needs.
//
// Offline or one platform down: when the platforms that answered are none (every platform in use failed, or the
// system says there is no network), the engine is offline and its targets wait for the network; when others answer,
// only that platform is down and only its targets wait for it. The other platforms in use are probed alongside, so
// the difference stays true while the wait lasts.
import type { Connectivity, Platform, WaitReason } from '../../../shared/domain';
import type { Logger } from '../logger';
import type { UnreachableError } from '../publishers/errors';
import type { ConnectivityTracker } from '../publishing/context';

export interface ConnectivitySettings {
  /** The first probe of a platform that went down, after this long … */
  firstCheckMs: number;
  /** … each next one twice as long after the last, up to this. */
  maxCheckMs: number;
  /** A probe without an answer within this long has failed. */
  probeTimeoutMs: number;
}

export const DEFAULT_CONNECTIVITY_SETTINGS: ConnectivitySettings = {
  firstCheckMs: 2_000,
  maxCheckMs: 60_000,
  probeTimeoutMs: 10_000,
};

export interface ReachabilityHost {
  now(): number;
  settings: ConnectivitySettings;
  /** The system's word on the network (Electron's net.isOnline()); absent under Node. */
  systemOnline: (() => boolean) | undefined;
  /** The platforms with accounts, and where each answers: evidence of whether the network works at all. */
  platformsInUse(): Promise<{ platform: Platform; origin: string | undefined }[]>;
  /** The platforms something waits for, and since when. */
  waitingPlatforms(): Promise<{ platform: Platform; since: number }[]>;
  /** Resolves with undefined when `origin` answers, else with why not. */
  probe(platform: Platform, origin: string, signal: AbortSignal): Promise<string | undefined>;
  /** The platform answers again: what waits for it goes. */
  onReachable(platform: Platform): Promise<void>;
  /** Offline began or ended, or a platform went down alone or came back. */
  onChange(): void;
  log: Logger;
}

interface Down {
  since: number;
  /** What failed last, in the user's words. */
  cause: string;
  /** Where to probe: the origin the last failed request went to (the API, an upload host, a media server). */
  origin: string | undefined;
  failedChecks: number;
  nextCheckAt: number;
}

export class Reachability implements ConnectivityTracker {
  private readonly down = new Map<Platform, Down>();
  /** Platforms that answered, and when they last did. */
  private readonly answeredAt = new Map<Platform, number>();
  private systemOfflineSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private roundAgain = false;
  private references: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private lastShape = '';

  constructor(private readonly host: ReachabilityHost) {}

  async unreachable(platform: Platform, error: UnreachableError): Promise<WaitReason> {
    const now = this.host.now();
    const known = this.down.get(platform);
    if (known) {
      known.cause = error.message;
      known.origin = error.origin;
    } else {
      this.host.log.warn(`${platform} cannot be reached: ${error.message}`);
      this.down.set(platform, {
        since: now,
        cause: error.message,
        origin: error.origin,
        failedChecks: 0,
        nextCheckAt: now + this.host.settings.firstCheckMs,
      });
      this.answeredAt.delete(platform);
    }
    // Whether this is the network or the platform alone depends on whether the others answer.
    if (!this.freshAnswer(now)) await this.checkReferences();
    this.arm();
    this.noticeChange();
    return this.waitReason();
  }

  answered(platform: Platform): void {
    this.answeredAt.set(platform, this.host.now());
    if (!this.down.delete(platform)) return;
    this.host.log.info(`${platform} answers again.`);
    this.host.onReachable(platform).catch((error: unknown) => this.host.log.warn(`Waking what waits for ${platform} failed.`, error));
    this.arm();
    this.noticeChange();
  }

  isReachable(platform: Platform): boolean {
    return !this.down.has(platform);
  }

  /** Why what waits, waits: the network when nothing answers, else its own platform. */
  waitReason(): WaitReason {
    return this.isOffline(this.host.now()) ? 'network' : 'platform';
  }

  view(): Connectivity {
    const now = this.host.now();
    const offline = this.isOffline(now);
    const downs = [...this.down.entries()];
    const nextCheckAt = downs.length === 0 ? undefined : Math.min(...downs.map(([, down]) => down.nextCheckAt));
    const starts = [...downs.map(([, down]) => down.since), ...(this.systemOfflineSince === undefined ? [] : [this.systemOfflineSince])];
    return {
      state: offline ? 'offline' : 'online',
      offlineSince: offline && starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : null,
      systemOffline: this.systemOffline(now),
      platformsDown: offline ? [] : downs.map(([platform, down]) => ({ platform, since: new Date(down.since).toISOString(), cause: down.cause })),
      nextCheckAt: nextCheckAt === undefined ? null : new Date(Math.max(nextCheckAt, now)).toISOString(),
    };
  }

  /** The network may have changed (the system said so, the computer woke, the user asked): probe now, from the start. */
  async check(): Promise<void> {
    this.systemOffline(this.host.now());
    await this.runRound(true);
    this.noticeChange();
  }

  /** At start: whatever still waits (from before a restart) is probed at once. */
  start(): void {
    void this.runRound(true);
  }

  async dispose(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round?.catch(() => undefined);
  }

  private isOffline(now: number): boolean {
    return this.systemOffline(now) || (this.down.size > 0 && !this.freshAnswer(now));
  }

  /** Asks the system, and remembers since when it says offline. */
  private systemOffline(now: number): boolean {
    const offline = this.host.systemOnline?.() === false;
    if (!offline) this.systemOfflineSince = undefined;
    else this.systemOfflineSince ??= now;
    return offline;
  }

  /** Some platform answered recently enough to say the network itself works. */
  private freshAnswer(now: number): boolean {
    const horizon = 2 * this.host.settings.maxCheckMs;
    return [...this.answeredAt.values()].some((at) => now - at <= horizon);
  }

  /** Probes the platforms in use that nothing waits for: do they answer? One such look at a time. */
  private checkReferences(): Promise<void> {
    this.references ??= (async () => {
      const inUse = await this.host.platformsInUse();
      await Promise.all(
        inUse
          .filter(({ platform, origin }) => origin !== undefined && !this.down.has(platform))
          .map(async ({ platform, origin }) => {
            const failure = await this.host.probe(platform, origin as string, this.stopping.signal);
            if (failure === undefined) this.answeredAt.set(platform, this.host.now());
            else this.answeredAt.delete(platform);
          }),
      );
    })().finally(() => {
      this.references = undefined;
    });
    return this.references;
  }

  /** One round of probes: the waiting platforms that are due (all of them when `now`), and the others in use. */
  private runRound(all: boolean): Promise<void> {
    if (this.round) {
      if (all) this.roundAgain = true;
      return this.round;
    }
    this.round = this.probeRound(all)
      .catch((error: unknown) => this.host.log.warn('Checking whether the platforms can be reached failed.', error))
      .finally(() => {
        this.round = undefined;
        if (this.roundAgain && !this.stopping.signal.aborted) {
          this.roundAgain = false;
          void this.runRound(true);
        } else {
          this.arm();
        }
      });
    return this.round;
  }

  private async probeRound(all: boolean): Promise<void> {
    const { settings } = this.host;
    const waiting = await this.host.waitingPlatforms();
    const waitingFor = new Set(waiting.map((entry) => entry.platform));
    // A platform nothing waits for any more is not watched.
    for (const platform of this.down.keys()) if (!waitingFor.has(platform)) this.down.delete(platform);
    const inUse = new Map((await this.host.platformsInUse()).map(({ platform, origin }) => [platform, origin]));
    const now = this.host.now();
    const due = waiting.filter(({ platform }) => all || (this.down.get(platform)?.nextCheckAt ?? now) <= now);
    if (due.length === 0) return;
    const checks = due.map(async ({ platform, since }) => {
      const down = this.down.get(platform);
      const origin = down?.origin ?? inUse.get(platform);
      // Nowhere to probe (a platform without a known origin): its targets are simply tried again.
      const failure = origin === undefined ? undefined : await this.host.probe(platform, origin, this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      const checkedAt = this.host.now();
      if (failure === undefined) {
        this.answered(platform);
        // Waiting although not known down (from before a restart): what waits goes now.
        if (!down) await this.host.onReachable(platform);
        return;
      }
      const failedChecks = all ? 0 : (down?.failedChecks ?? 0) + 1;
      const delay = Math.min(settings.firstCheckMs * 2 ** failedChecks, settings.maxCheckMs);
      this.down.set(platform, {
        since: down?.since ?? Math.min(since, checkedAt),
        cause: failure,
        origin,
        failedChecks,
        nextCheckAt: checkedAt + delay,
      });
      this.answeredAt.delete(platform);
    });
    await Promise.all([...checks, this.checkReferences()]);
    this.noticeChange();
  }

  /** The one timer: the next probe a waiting platform needs; none while nothing waits. */
  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopping.signal.aborted || this.down.size === 0 || this.round) return;
    const next = Math.min(...[...this.down.values()].map((down) => down.nextCheckAt));
    this.timer = setTimeout(() => void this.runRound(false), Math.max(0, next - this.host.now()));
    this.timer.unref();
  }

  /** Tells the host when offline began or ended, or the set of platforms down changed. */
  private noticeChange(): void {
    const now = this.host.now();
    const shape = JSON.stringify({ offline: this.isOffline(now), down: [...this.down.keys()].sort() });
    if (shape === this.lastShape) return;
    const wasOffline = this.lastShape.includes('"offline":true');
    this.lastShape = shape;
    const offline = this.isOffline(now);
    if (offline !== wasOffline) {
      if (offline) this.host.log.warn('Offline: no platform can be reached; what is due waits for the network.');
      else this.host.log.info('Online again.');
    }
    this.host.onChange();
  }
}
