import { DEFAULT_DATABASE_URL, migrateToLatest, openDatabase } from './connect';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const { db } = openDatabase(url);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
