// Demo data for a fresh database: one account per role and a demo cohort holding the trainee.
// Refuses to run with NODE_ENV=production unless SEED_DEMO=1 is set explicitly.
import { DEFAULT_DATABASE_URL, openDatabase, pendingMigrations } from '../db/connect';
import { seedDemo } from './seed-demo';

const production = process.env.NODE_ENV === 'production';
if (production && !['1', 'true', 'yes'].includes(String(process.env.SEED_DEMO ?? '').toLowerCase())) {
  console.log('Not creating demo accounts: NODE_ENV is production. Set SEED_DEMO=1 to create them anyway.');
  process.exit(0);
}
const { db } = openDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
try {
  const pending = await pendingMigrations(db);
  if (pending.length) throw new Error(`Run npm run db:migrate first (pending: ${pending.join(', ')}).`);
  const created = await seedDemo(db);
  console.log(created ? 'Created the demo accounts and cohort.' : 'Demo accounts already exist; nothing to do.');
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
