// Bulk row writers for the dataset generator: better-sqlite3 prepared statements in one
// transaction, or PostgreSQL multi-row inserts (one `unnest` per column, thousands of rows a
// statement). The app's own query code is not used here: this only has to be fast and correct.
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from '../db/schema';

// Column types are documentation here (and checked against db/schema.ts): the engines take them from the table.
type PgType = 'text' | 'int4' | 'int8' | 'float8';

/** Column types of the tables the generator writes, in insert order (parents before children). */
const TABLES = {
  users: {
    id: 'text',
    email: 'text',
    name: 'text',
    password_hash: 'text',
    role: 'text',
    time_multiplier: 'float8',
    no_time_limit: 'int4',
    created_at: 'int8',
    email_verified_at: 'int8',
    legal_name: 'text',
    legal_name_confirmed_at: 'int8',
    deactivated_at: 'int8',
    locale: 'text',
  },
  cohorts: {
    id: 'text',
    name: 'text',
    starts_on: 'text',
    ends_on: 'text',
    join_code: 'text',
    trainer_id: 'text',
    created_at: 'int8',
    archived_at: 'int8',
    join_code_expires_at: 'int8',
    join_requires_approval: 'int4',
    locale: 'text',
  },
  cohort_trainers: { cohort_id: 'text', user_id: 'text', role: 'text', added_at: 'int8' },
  cohort_members: { cohort_id: 'text', user_id: 'text', joined_at: 'int8' },
  sessions: { id: 'text', user_id: 'text', created_at: 'int8', last_seen_at: 'int8', expires_at: 'int8' },
  unit_progress: {
    user_id: 'text',
    course_slug: 'text',
    unit_slug: 'text',
    completed_at: 'int8',
    completed_by: 'text',
    best_percent: 'float8',
    last_visited_at: 'int8',
  },
  quiz_attempts: {
    id: 'text',
    user_id: 'text',
    course_slug: 'text',
    unit_slug: 'text',
    content_tree_id: 'text',
    content_version: 'text',
    snapshot: 'text',
    responses: 'text',
    correct: 'int4',
    total: 'int4',
    percent: 'float8',
    passed: 'int4',
    submitted_at: 'int8',
    submission_key: 'text',
    locale: 'text',
  },
  exam_attempts: {
    id: 'text',
    user_id: 'text',
    course_slug: 'text',
    form_id: 'text',
    status: 'text',
    seed: 'text',
    content_tree_id: 'text',
    pass_percent: 'float8',
    content_version: 'text',
    started_at: 'int8',
    deadline_at: 'int8',
    submitted_at: 'int8',
    submitted_by: 'text',
    objective_correct: 'int4',
    objective_total: 'int4',
    written_points: 'float8',
    written_max: 'float8',
    final_percent: 'float8',
    passed: 'int4',
    released_at: 'int8',
    released_by: 'text',
    grading_token: 'text',
    locale: 'text',
  },
  exam_attempt_items: {
    id: 'text',
    attempt_id: 'text',
    position: 'int4',
    item_id: 'text',
    kind: 'text',
    area: 'text',
    snapshot: 'text',
    response: 'text',
    flagged: 'int4',
    saved_at: 'int8',
    correct: 'int4',
  },
  grades: {
    id: 'text',
    attempt_item_id: 'text',
    grader_id: 'text',
    status: 'text',
    levels: 'text',
    comments: 'text',
    overall_comment: 'text',
    points: 'float8',
    max_points: 'float8',
    updated_at: 'int8',
  },
  exam_attempt_responses: { attempt_id: 'text', responses: 'text' },
} as const satisfies { [T in keyof Database]?: { [C in keyof Database[T]]-?: PgType } };

export type Table = keyof typeof TABLES;
/** A row with every column of the table given (null where the column allows it). */
export type Row<T extends Table> = Record<keyof (typeof TABLES)[T], unknown>;

export interface Sink {
  add<T extends Table>(table: T, row: Row<T>): Promise<void> | undefined;
  /** Writes everything still buffered and commits. */
  finish(): Promise<void>;
  /** Rows written so far, per table. */
  counts: Partial<Record<Table, number>>;
}

const ORDER = Object.keys(TABLES) as Table[];
const columns = (t: Table) => Object.keys(TABLES[t]);

/** SQLite: synchronous prepared inserts inside one transaction. */
export function sqliteSink(sqlite: SQLite.Database): Sink {
  const statements = new Map<Table, SQLite.Statement>();
  const counts: Sink['counts'] = {};
  sqlite.exec('begin');
  return {
    counts,
    add(table, row) {
      let st = statements.get(table);
      if (!st) {
        const cols = columns(table);
        st = sqlite.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
        statements.set(table, st);
      }
      const r = row as Record<string, unknown>;
      st.run(columns(table).map((c) => r[c]));
      counts[table] = (counts[table] ?? 0) + 1;
      return undefined;
    },
    async finish() {
      sqlite.exec('commit');
    },
  };
}

/**
 * PostgreSQL: rows buffered per table and written as one JSON parameter per batch
 * (`json_populate_recordset`), which is much cheaper to encode than thousands of bound values.
 */
export function postgresSink(client: pg.Client, batchRows = 2000): Sink {
  const buffers = new Map<Table, unknown[]>(ORDER.map((t) => [t, []]));
  const counts: Sink['counts'] = {};
  // Batches are chained rather than awaited one by one, so the database inserts one batch while
  // the next is generated; at most a few are let pile up.
  let chain: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const flushOne = (t: Table) => {
    const rows = buffers.get(t) as unknown[];
    if (!rows.length) return;
    buffers.set(t, []);
    const cols = columns(t).join(', ');
    const json = JSON.stringify(rows);
    queued++;
    chain = chain
      .then(() =>
        client.query(`insert into ${t} (${cols}) select ${cols} from json_populate_recordset(null::${t}, $1::json)`, [json]),
      )
      .finally(() => queued--);
    // Handled here so a failure waits for the next await instead of crashing the process.
    chain.catch(() => undefined);
    counts[t] = (counts[t] ?? 0) + rows.length;
  };
  // Parents first, so foreign keys hold whichever buffer fills up.
  const flushUpTo = async (t: Table) => {
    for (const u of ORDER.slice(0, ORDER.indexOf(t) + 1)) flushOne(u);
    if (queued > 3) await chain;
  };
  return {
    counts,
    add(table, row) {
      const rows = buffers.get(table) as unknown[];
      rows.push(row);
      return rows.length >= batchRows ? flushUpTo(table) : undefined;
    },
    async finish() {
      await flushUpTo(ORDER[ORDER.length - 1]);
      await chain;
    },
  };
}

export async function postgresClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Generated data needs no durability: a crash just means running the benchmark again.
  await client.query('set synchronous_commit = off');
  return client;
}
