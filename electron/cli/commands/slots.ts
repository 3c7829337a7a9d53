// `publishing-engine accounts slots …`: an account's weekly posting slots (its queue), which `posts create --queue`
// fills with the next free one.
import { WEEKDAYS, WEEKDAY_LABELS, type OpenSlot, type PostingSchedule, type PostingSlot, type Weekday } from '../../../shared/posting-slots';
import type { ControlClient } from '../../engine/control/control-client';
import type { Command } from '../command';
import { flag, optionalString, strings } from '../option-values';
import { localTime } from '../output/local-time';
import { formatTable } from '../output/table';
import { UsageError } from '../usage-error';

const DAY_GROUPS: Record<string, readonly Weekday[]> = {
  daily: WEEKDAYS,
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
};
/** How many free slots `show` lists, and how far ahead it looks for them. */
const SHOWN_OPEN_SLOTS = 5;
const OPEN_LOOKAHEAD_DAYS = 28;

/**
 * One `--slot` value: days, a space, times. Days are `mon`, `mon-fri`, `mon,wed,fri`, `weekdays`, `weekends` or
 * `daily`; times are 24-hour, comma-separated: `mon-fri 09:00,12:30,17:00`.
 */
export function parseSlotSpec(spec: string): PostingSlot[] {
  const usage = (why: string) => new UsageError(`--slot "${spec}": ${why} Write days then times, e.g. "mon-fri 09:00,12:30".`, 'accounts slots set');
  const [daysPart, timesPart, ...rest] = spec.trim().split(/\s+/);
  if (!daysPart || !timesPart || rest.length > 0) throw usage('expected days and times separated by one space.');
  const days = new Set<Weekday>();
  for (const piece of daysPart.toLowerCase().split(',')) {
    const group = DAY_GROUPS[piece];
    if (group) {
      group.forEach((day) => days.add(day));
      continue;
    }
    const [first, last, extra] = piece.split('-');
    const start = WEEKDAYS.indexOf(first as Weekday);
    const end = last === undefined ? start : WEEKDAYS.indexOf(last as Weekday);
    if (start === -1 || end === -1 || extra !== undefined)
      throw usage(`"${piece}" is not a day (mon … sun), a range (mon-fri) or weekdays, weekends, daily.`);
    // A range may wrap over the weekend: fri-mon.
    for (let index = start; ; index = (index + 1) % 7) {
      days.add(WEEKDAYS[index] as Weekday);
      if (index === end) break;
    }
  }
  const times = timesPart.split(',').map((time) => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(time);
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw usage(`"${time}" is not a 24-hour time such as 09:00.`);
    return `${match[1]?.padStart(2, '0')}:${match[2]}`;
  });
  return [...days].flatMap((day) => times.map((time) => ({ day, time })));
}

function scheduleText(schedule: PostingSchedule, open: readonly OpenSlot[]): string {
  if (schedule.slots.length === 0) return `No posting slots (times read in ${schedule.timeZone}). Set them with "accounts slots set".\n`;
  const rows = WEEKDAYS.flatMap((day) => {
    const times = schedule.slots.filter((slot) => slot.day === day).map((slot) => slot.time);
    return times.length === 0 ? [] : [[WEEKDAY_LABELS[day], times.join(' ')]];
  });
  const next =
    open.length === 0
      ? `No free slot in the next ${OPEN_LOOKAHEAD_DAYS} days.\n`
      : `Next free slots:\n${open.map((slot) => `  ${localTime(slot.at)}\n`).join('')}`;
  return `Posting slots, in ${schedule.timeZone}:\n${formatTable(['DAY', 'TIMES'], rows)}${next}`;
}

async function nextOpen(client: ControlClient, accountId: string): Promise<OpenSlot[]> {
  const from = new Date();
  const to = new Date(from.getTime() + OPEN_LOOKAHEAD_DAYS * 86_400_000);
  const open = await client.invoke('slots:open', { from: from.toISOString(), to: to.toISOString(), accountIds: [accountId] });
  return open.slice(0, SHOWN_OPEN_SLOTS);
}

const slotsShow: Command = {
  words: ['accounts', 'slots', 'show'],
  args: ['ID'],
  synopsis: '',
  summary: "Show an account's weekly posting slots and its next free ones.",
  async run({ args, client, print }) {
    const connection = await client();
    const accountId = args[0] ?? '';
    const schedule = await connection.invoke('slots:get', { accountId });
    const open = schedule.slots.length === 0 ? [] : await nextOpen(connection, accountId);
    print(scheduleText(schedule, open), { ...schedule, nextOpen: open });
  },
};

const slotsSet: Command = {
  words: ['accounts', 'slots', 'set'],
  args: ['ID'],
  synopsis: '--slot "DAYS TIMES" [--slot …] [--zone ZONE] | --clear',
  summary: "Replace an account's weekly posting slots (its queue).",
  options: {
    slot: { type: 'string', multiple: true },
    zone: { type: 'string' },
    clear: { type: 'boolean' },
  },
  optionHelp: [
    [
      '--slot "DAYS TIMES"',
      'e.g. "mon-fri 09:00,12:30,17:00" or "sat,sun 10:00"; days: mon … sun, ranges, weekdays, weekends, daily; repeat for more',
    ],
    ['--zone ZONE', "the IANA zone the times are read in, e.g. Europe/Berlin (default: the account's, else the app's default zone)"],
    ['--clear', 'remove every slot'],
  ],
  async run({ args, values, client, print }) {
    const specs = strings(values, 'slot');
    const clear = flag(values, 'clear');
    if (clear && specs.length > 0) throw new UsageError('--clear and --slot cannot be used together.', 'accounts slots set');
    if (!clear && specs.length === 0) throw new UsageError('give at least one --slot, or --clear to remove them all.', 'accounts slots set');
    const zone = optionalString(values, 'zone');
    const connection = await client();
    const accountId = args[0] ?? '';
    const schedule = await connection.invoke('slots:set', {
      accountId,
      slots: specs.flatMap(parseSlotSpec),
      ...(zone === undefined ? {} : { timeZone: zone }),
    });
    const open = schedule.slots.length === 0 ? [] : await nextOpen(connection, accountId);
    print(
      `${schedule.slots.length === 0 ? 'Removed every posting slot.' : `Set ${schedule.slots.length} posting slots.`}\n${scheduleText(schedule, open)}`,
      {
        ...schedule,
        nextOpen: open,
      },
    );
  },
};

export const slotCommands: readonly Command[] = [slotsShow, slotsSet];
