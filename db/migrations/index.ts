import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0004 from './0004_quiz_integrity';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the bundled
 * server can tell at start-up whether the database is behind.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0004_quiz_integrity': m0004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
