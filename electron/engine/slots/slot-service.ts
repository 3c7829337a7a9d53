// Posting slots: an account's weekly queue times, kept in SQLite, and which of them are still free. A slot is taken
// when a post (not a draft, not cancelled) is on that account at exactly that instant, however it got there.
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppError } from '../../../shared/errors';
import {
  WEEKDAYS,
  normalizeSlots,
  slotInstants,
  slotMinute,
  slotTime,
  type OpenSlot,
  type PostingSchedule,
  type Weekday,
} from '../../../shared/posting-slots';
import type { Db } from '../db/database';
import { findAccounts } from '../db/repositories/accounts.repository';
import { findSchedules, findTakenTimes, replaceSchedule, type StoredSchedule } from '../db/repositories/slots.repository';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';

/** How far ahead "the next free slot" is looked for. */
export const QUEUE_HORIZON_DAYS = 366;
/** A slot this close to now is not offered: the post would be due before it could be saved and queued. */
export const SLOT_LEAD_MS = 60_000;
/** slots:open answers for at most this long a range. */
export const OPEN_SLOTS_MAX_DAYS = 92;

const DAY_MS = 86_400_000;

/** An account's next free slot: the instant, and the zone its schedule is read in. */
export interface FreeSlot {
  at: number;
  timeZone: string;
}

export interface SlotServiceDeps {
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  events: EngineEventBus;
  now: () => number;
  /** The zone a new schedule takes when none is given: the user's default zone, else this computer's. */
  defaultTimeZone: () => Promise<string>;
}

export class SlotService {
  constructor(private readonly deps: SlotServiceDeps) {}

  async get(accountId: string): Promise<PostingSchedule> {
    await this.requireAccounts([accountId], 'accountId');
    const [stored] = await findSchedules(this.deps.db, [accountId]);
    return stored ? scheduleView(stored) : { accountId, timeZone: await this.deps.defaultTimeZone(), slots: [] };
  }

  /** Every account that has a queue. */
  async list(): Promise<PostingSchedule[]> {
    return (await findSchedules(this.deps.db)).map(scheduleView).filter((schedule) => schedule.slots.length > 0);
  }

  async set(input: ParsedInput<'slots:set'>): Promise<PostingSchedule> {
    await this.requireAccounts([input.accountId], 'accountId');
    const [current] = await findSchedules(this.deps.db, [input.accountId]);
    const timeZone = input.timeZone ?? current?.schedule.time_zone ?? (await this.deps.defaultTimeZone());
    const slots = normalizeSlots(input.slots);
    const now = this.deps.now();
    await this.deps.writes.write(() =>
      replaceSchedule(
        this.deps.sql,
        { account_id: input.accountId, time_zone: timeZone, updated_at: now },
        slots.map((slot) => ({ account_id: input.accountId, weekday: WEEKDAYS.indexOf(slot.day) + 1, minute: slotMinute(slot.time) })),
      ),
    );
    const schedule: PostingSchedule = { accountId: input.accountId, timeZone, slots };
    this.deps.events.emit('slots:changed', { schedule });
    return schedule;
  }

  /** The slots in a range that hold no post yet, for the accounts asked about (all with a queue when none are). */
  async open(input: ParsedInput<'slots:open'>): Promise<OpenSlot[]> {
    const from = Math.max(Date.parse(input.from), this.deps.now() + SLOT_LEAD_MS);
    const to = Date.parse(input.to);
    if (to - Date.parse(input.from) > OPEN_SLOTS_MAX_DAYS * DAY_MS) {
      throw new AppError({ code: 'validation', field: 'to', message: `to: ask for at most ${OPEN_SLOTS_MAX_DAYS} days of slots at once.` });
    }
    if (input.accountIds) await this.requireAccounts(input.accountIds, 'accountIds');
    const schedules = (await findSchedules(this.deps.db, input.accountIds)).map(scheduleView);
    const open: OpenSlot[] = [];
    const taken = await this.takenTimes(
      schedules.map((schedule) => schedule.accountId),
      from,
      to,
    );
    for (const schedule of schedules) {
      for (const at of slotInstants(schedule, from, to)) {
        if (!taken.get(schedule.accountId)?.has(at)) open.push({ accountId: schedule.accountId, at: new Date(at).toISOString() });
      }
    }
    return open.sort((a, b) => a.at.localeCompare(b.at) || a.accountId.localeCompare(b.accountId));
  }

  /**
   * Each account's next free slot after now, ignoring the posts named in `except` (a post being queued again leaves
   * its old place). An account without a queue, or with no free slot in the horizon, is refused, naming it.
   */
  async nextFree(accounts: readonly { id: string; name: string }[], except: readonly string[] = []): Promise<Map<string, FreeSlot>> {
    const from = this.deps.now() + SLOT_LEAD_MS;
    const to = from + QUEUE_HORIZON_DAYS * DAY_MS;
    const schedules = new Map(
      (
        await findSchedules(
          this.deps.db,
          accounts.map((account) => account.id),
        )
      ).map((s) => [s.schedule.account_id, scheduleView(s)]),
    );
    const taken = await this.takenTimes(
      accounts.map((account) => account.id),
      from,
      to,
      except,
    );
    const next = new Map<string, FreeSlot>();
    accounts.forEach((account, index) => {
      const schedule = schedules.get(account.id);
      const field = `targets.${index}.accountId`;
      if (!schedule || schedule.slots.length === 0) {
        throw new AppError({ code: 'conflict', field, message: `"${account.name}" has no posting slots yet; set its weekly times first.` });
      }
      // Walked a week at a time: a busy queue is full for weeks, an empty one answers in the first.
      for (let start = from; start < to; start += 7 * DAY_MS) {
        const free = slotInstants(schedule, start, Math.min(start + 7 * DAY_MS, to)).find((at) => !taken.get(account.id)?.has(at));
        if (free !== undefined) {
          next.set(account.id, { at: free, timeZone: schedule.timeZone });
          return;
        }
      }
      throw new AppError({ code: 'conflict', field, message: `"${account.name}" has no free posting slot in the next ${QUEUE_HORIZON_DAYS} days.` });
    });
    return next;
  }

  private async takenTimes(
    accountIds: readonly string[],
    from: number,
    to: number,
    except: readonly string[] = [],
  ): Promise<Map<string, Set<number>>> {
    const taken = new Map<string, Set<number>>();
    for (const row of await findTakenTimes(this.deps.db, accountIds, from, to, except)) {
      const set = taken.get(row.account_id) ?? new Set<number>();
      set.add(row.scheduled_at);
      taken.set(row.account_id, set);
    }
    return taken;
  }

  private async requireAccounts(accountIds: readonly string[], field: string): Promise<void> {
    const found = new Set((await findAccounts(this.deps.db, accountIds)).map((account) => account.id));
    accountIds.forEach((id, index) => {
      if (found.has(id)) return;
      const path = field === 'accountIds' ? `accountIds.${index}` : field;
      throw new AppError({ code: 'not_found', field: path, message: `${path}: no account with id ${id}.` });
    });
  }
}

function scheduleView({ schedule, slots }: StoredSchedule): PostingSchedule {
  return {
    accountId: schedule.account_id,
    timeZone: schedule.time_zone,
    slots: slots.map((slot) => ({ day: WEEKDAYS[slot.weekday - 1] as Weekday, time: slotTime(slot.minute) })),
  };
}
