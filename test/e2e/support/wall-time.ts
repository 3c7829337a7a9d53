// Instants as the composer's date and time fields show them in a zone.

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
}

export function wallTime(instant: number, zone: string): WallTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The first whole minute at least `leadMs` from now: the composer picks times to the minute. */
export function nextWholeMinute(leadMs: number, now = Date.now()): number {
  return Math.ceil((now + leadMs) / 60_000) * 60_000;
}

/** The instant a wall time names in a zone (away from DST changes, which happen at night). */
export function zonedInstant(wall: WallTime, zone: string): number {
  const asUtc = Date.parse(`${wall.date}T${wall.time}:00Z`);
  const shown = wallTime(asUtc, zone);
  return asUtc - (Date.parse(`${shown.date}T${shown.time}:00Z`) - asUtc);
}

/** The day `days` after today in a zone, as YYYY-MM-DD. */
export function dayFromToday(days: number, zone: string, now = Date.now()): string {
  return wallTime(now + days * 86_400_000, zone).date;
}
