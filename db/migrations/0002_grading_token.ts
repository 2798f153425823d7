import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Anonymous grading (ADR 015): every attempt gets a random grading token, unrelated to any id,
// that names the attempt in the grading URL and the candidate label. Existing attempts are
// backfilled here. The column stays nullable in the table because SQLite cannot add a NOT NULL
// column without a default; the app always writes it, and the unique index keeps tokens apart.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function token(): string {
  return Array.from(randomBytes(10), (b) => ALPHABET[b & 31]).join('');
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('exam_attempts').addColumn('grading_token', 'text').execute();
  const rows = await db.selectFrom('exam_attempts').select('id').execute();
  for (const r of rows) await db.updateTable('exam_attempts').set({ grading_token: token() }).where('id', '=', r.id).execute();
  await db.schema.createIndex('exam_attempts_grading_token').unique().on('exam_attempts').column('grading_token').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('exam_attempts_grading_token').execute();
  await db.schema.alterTable('exam_attempts').dropColumn('grading_token').execute();
}
