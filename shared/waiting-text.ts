// How a wait reads, the same in the window, the tray and the terminal: what it waits for, and since when in the
// caller's own clock ("Waiting for the network since 09:00", "Waiting for X (Twitter) since 09:00").
import { PLATFORM_LABELS, type Connectivity, type Platform, type TargetWait } from './domain';

/** "the network", or the platform's name when only it cannot be reached. */
export function waitingFor(platform: Platform, wait: Pick<TargetWait, 'reason'>): string {
  return wait.reason === 'network' ? 'the network' : PLATFORM_LABELS[platform];
}

export function waitingText(platform: Platform, wait: Pick<TargetWait, 'reason'>, since: string): string {
  return `Waiting for ${waitingFor(platform, wait)} since ${since}`;
}

/** The platforms that cannot be reached while others answer, by name: "X (Twitter), LinkedIn". */
export function platformsDownText(connectivity: Pick<Connectivity, 'platformsDown'>): string {
  return connectivity.platformsDown.map((down) => PLATFORM_LABELS[down.platform]).join(', ');
}
