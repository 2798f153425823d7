import type { Kysely } from 'kysely';
import { hashPassword } from '../app/infra/password.server';
import { addMember, createCohort } from '../app/models/cohort.server';
import { createUser, findUserByEmail } from '../app/models/user.server';
import type { Database, Role } from '../db/schema';
import { seedProgram } from './seed-program';
import { seedTrainingRecordDemo } from './seed-training-record';

export const DEMO_PASSWORD = 'peer-academy-demo';
export const DEMO_JOIN_CODE = 'DEMO2026';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'trainee@example.org', name: 'Taylor Trainee', role: 'trainee' },
  { email: 'trainer@example.org', name: 'Jordan Trainer', role: 'trainer' },
  { email: 'author@example.org', name: 'Avery Author', role: 'author' },
  { email: 'admin@example.org', name: 'Alex Admin', role: 'admin' },
];

/** Creates the demo users and cohort once; returns false when they already exist. */
export async function seedDemo(db: Kysely<Database>, options: { program?: boolean } = {}): Promise<boolean> {
  if (await findUserByEmail(db, DEMO_USERS[0].email)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const made = await db.transaction().execute(async (trx) => {
    const ids: Record<string, string> = {};
    for (const u of DEMO_USERS) ids[u.role] = await createUser(trx, { ...u, passwordHash });
    const { id } = await createCohort(trx, {
      name: 'Demo cohort',
      startsOn: '2026-09-01',
      endsOn: '2026-12-15',
      trainerId: ids.trainer,
      joinCode: DEMO_JOIN_CODE,
    });
    await addMember(trx, id, ids.trainee);
    await seedTrainingRecordDemo(trx, { cohortId: id, trainerId: ids.trainer, traineeId: ids.trainee });
    const coTrainerId = await seedGroupsDemo(trx, { trainerId: ids.trainer, cohortId: id, passwordHash });
    return { demoCohortId: id, trainerId: ids.trainer, coTrainerId };
  });
  // The larger program (scripts/seed-program.ts); the e2e server turns it off (SEED_PROGRAM=0)
  // because its specs assert on the demo cohort's exact contents.
  if (options.program ?? process.env.SEED_PROGRAM !== '0') await seedProgram(db, { ...made, passwordHash });
  return true;
}

/**
 * Groups and rosters demo (issue #16 item 7): a co-trainer of the demo cohort, who sees and
 * grades it (log in as co-trainer@example.org), and an archived past group with the demo
 * trainee in it (listed under "Archived groups" on /trainer).
 */
export async function seedGroupsDemo(
  trx: Kysely<Database>,
  input: { trainerId: string; cohortId: string; passwordHash: string },
) {
  const co = await createUser(trx, {
    email: 'co-trainer@example.org',
    name: 'Casey Co-trainer',
    passwordHash: input.passwordHash,
    role: 'trainer',
  });
  await trx
    .insertInto('cohort_trainers')
    .values({ cohort_id: input.cohortId, user_id: co, role: 'co', added_at: Date.now() })
    .execute();
  const past = await createCohort(trx, {
    name: 'Spring 2026 (past group)',
    startsOn: '2026-02-01',
    endsOn: '2026-05-31',
    trainerId: input.trainerId,
    joinCode: 'PAST2026',
  });
  await trx
    .updateTable('cohorts')
    .set({ archived_at: Date.UTC(2026, 5, 15) })
    .where('id', '=', past.id)
    .execute();
  return co;
}
