import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// One short row per finalised exam attempt with what item analysis needs, written when the attempt
// is finalised (docs/decisions/021-compact-exam-responses.md). Analysis reads these instead of
// aggregating the attempt items, whose rows carry a full item snapshot each.
// `responses` is JSON, in position order: [position, item id, correct (0|1), chosen option or null]
// for a choice item and [position, item id, attempt item id] for a written one.

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exam_attempt_responses')
    .addColumn('attempt_id', 'text', (c) => c.primaryKey().references('exam_attempts.id').onDelete('cascade'))
    .addColumn('responses', 'text', (c) => c.notNull())
    .execute();

  // Backfill every attempt finalised so far, a batch of attempts at a time.
  let after = '';
  for (;;) {
    const attempts: { id: string }[] = await db
      .selectFrom('exam_attempts')
      .select('id')
      .where('status', '!=', 'in_progress')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!attempts.length) break;
    after = attempts[attempts.length - 1].id;
    const items: {
      id: string;
      attempt_id: string;
      position: number;
      item_id: string;
      kind: string;
      response: string | null;
      correct: number | null;
    }[] = await db
      .selectFrom('exam_attempt_items')
      .select(['id', 'attempt_id', 'position', 'item_id', 'kind', 'response', 'correct'])
      .where(
        'attempt_id',
        'in',
        attempts.map((a) => a.id),
      )
      .orderBy('attempt_id')
      .orderBy('position')
      .execute();
    const byAttempt = new Map<string, unknown[]>(attempts.map((a) => [a.id, []]));
    for (const i of items)
      byAttempt
        .get(i.attempt_id)
        ?.push(
          i.kind === 'written'
            ? [Number(i.position), i.item_id, i.id]
            : [Number(i.position), i.item_id, i.correct === 1 ? 1 : 0, i.response === null ? null : JSON.parse(i.response)],
        );
    const rows = [...byAttempt].map(([attempt_id, responses]) => ({ attempt_id, responses: JSON.stringify(responses) }));
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('exam_attempt_responses')
        .values(rows.slice(i, i + 100))
        .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exam_attempt_responses').execute();
}
