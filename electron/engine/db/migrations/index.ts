// Migrations are imported statically: the main process is bundled, so there is no folder to scan at run time.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial-schema';
import * as m0002 from './0002-idempotency-keys';
import * as m0004 from './0004-oauth-accounts';
import * as m0005 from './0005-media-library';
import * as m0005b from './0005-2-storage-objects';
import * as m0006 from './0006-waiting-targets';
import * as m0007 from './0007-posting-slots';
import * as m0008 from './0008-status-time-index';
import * as m0007b from './0007-2-wake-reports';
import * as m0007c from './0007-3-target-came-due';
import * as m0007d from './0007-4-shown-at-index';

export const migrations: Record<string, Migration> = {
  '0001-initial-schema': m0001,
  '0002-idempotency-keys': m0002,
  '0004-oauth-accounts': m0004,
  '0005-media-library': m0005,
  '0005-2-storage-objects': m0005b,
  '0006-waiting-targets': m0006,
  '0007-posting-slots': m0007,
  '0008-status-time-index': m0008,
  '0007-2-wake-reports': m0007b,
  '0007-3-target-came-due': m0007c,
  '0007-4-shown-at-index': m0007d,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
