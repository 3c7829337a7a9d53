// The user's settings, kept in SQLite with the rest of the store.
import type { ParsedInput } from '../../../shared/contract/channels';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain';
import type { Db } from '../db/database';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import { readState, writeState } from '../db/repositories/engine-state.repository';

const KEY = 'settings';

export class SettingsService {
  private cached: Settings | undefined;
  private changes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly sql: SyncSql,
    private readonly writes: WriteBatcher,
  ) {}

  async get(): Promise<Settings> {
    this.cached ??= { ...DEFAULT_SETTINGS, ...(await readState<Partial<Settings>>(this.db, KEY)) };
    return this.cached;
  }

  /** Each change applies to the one before it: two at once (a manager changing two fields quickly) both stay. */
  set(patch: ParsedInput<'settings:set'>): Promise<Settings> {
    const applied = this.changes.then(() => this.apply(patch));
    this.changes = applied.catch(() => undefined);
    return applied;
  }

  private async apply(patch: ParsedInput<'settings:set'>): Promise<Settings> {
    const next: Settings = { ...(await this.get()) };
    for (const [key, value] of Object.entries(patch) as [keyof Settings, never][]) {
      if (value !== undefined) next[key] = value;
    }
    await this.writes.write(() => writeState(this.sql, KEY, next));
    this.cached = next;
    return next;
  }
}
