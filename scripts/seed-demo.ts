import type { Kysely } from 'kysely';
import { hashPassword } from '../app/infra/password.server';
import { addMember, createCohort } from '../app/models/cohort.server';
import { createUser, findUserByEmail } from '../app/models/user.server';
import type { Database, Role } from '../db/schema';
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
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
  if (await findUserByEmail(db, DEMO_USERS[0].email)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
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
  });
  return true;
}
