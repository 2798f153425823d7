import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_grading_token';
import * as m0003 from './0003_throttle_locks';
import * as m0004 from './0004_quiz_integrity';
import * as m0005 from './0005_time_on_task';
import * as m0006 from './0006_mail';
import * as m0007 from './0007_legal_name';
import * as m0008 from './0008_compact_responses';
import * as m0009 from './0009_training_record';
import * as m0010 from './0010_certificates';
import * as m0011 from './0011_profile_notifications';
import * as m0012 from './0012_groups_admin';
import * as m0013 from './0013_practice';
import * as m0014 from './0014_locale';
import * as m0017 from './0017_attempt_edition';
import * as m0018 from './0018_content_store';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the bundled
 * server can tell at start-up whether the database is behind.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_grading_token': m0002,
  '0003_throttle_locks': m0003,
  '0004_quiz_integrity': m0004,
  '0005_time_on_task': m0005,
  '0006_mail': m0006,
  '0007_legal_name': m0007,
  '0008_compact_responses': m0008,
  '0009_training_record': m0009,
  '0010_certificates': m0010,
  '0011_profile_notifications': m0011,
  '0012_groups_admin': m0012,
  '0013_practice': m0013,
  '0014_locale': m0014,
  '0017_attempt_edition': m0017,
  '0018_content_store': m0018,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
