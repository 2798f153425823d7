import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteOf } from './connect';
import type { Database } from './schema';

/** A single write statement built with Kysely (an update, insert or delete query builder). */
export interface WriteQuery {
  compile(): CompiledQuery;
}

interface Pending {
  query: CompiledQuery;
  resolve(result: { changes: number }): void;
  reject(error: unknown): void;
}

/** As db/connect.ts sets for every connection. */
const BUSY_TIMEOUT_MS = 5000;
/** How long a batch keeps retrying without blocking before it waits in SQLite's busy handler. */
const BUSY_PATIENCE_MS = 2000;

type Committer = (query: CompiledQuery) => Promise<{ changes: number }>;
const committers = new WeakMap<Kysely<Database>, Committer>();

/**
 * Runs one write statement durably, sharing a commit with the other writes queued at the same
 * moment (docs/decisions/009-exam-saves-under-load.md). Resolves with the number of rows it
 * changed.
 *
 * On SQLite every commit is an fsync (synchronous=FULL) that blocks the whole process, so a
 * burst of exam answers spent more time waiting on the disk than working. Writes queued during
 * one turn of the event loop now run in one transaction, in the order they were queued, without
 * yielding in between (so the write lock is held for as short a time as possible, which matters
 * when several server processes share the file). Each caller hears back only after the commit:
 * an answer is reported saved only once it is on disk, as before. If the shared transaction
 * fails, each write is retried on its own, so one bad write never sinks the others.
 *
 * PostgreSQL commits without blocking the process, so there each write simply runs.
 */
export function groupCommit(db: Kysely<Database>, query: WriteQuery): Promise<{ changes: number }> {
  let commit = committers.get(db);
  if (!commit) {
    const sqlite = sqliteOf(db);
    commit = sqlite ? batching(db, sqlite) : async (q) => ({ changes: Number((await db.executeQuery(q)).numAffectedRows ?? 0) });
    committers.set(db, commit);
  }
  return commit(query.compile());
}

function batching(db: Kysely<Database>, sqlite: NonNullable<ReturnType<typeof sqliteOf>>): Committer {
  let queue: Pending[] = [];
  let scheduled = false;
  let waitingSince = 0;
  const run = (q: CompiledQuery) => ({ changes: sqlite.prepare(q.sql).run(...q.parameters).changes });
  const all = sqlite.raw.transaction((batch: Pending[]) => batch.map((p) => run(p.query)));

  /**
   * Takes the write lock without waiting for it: another server process holding it would
   * otherwise put this whole process to sleep inside SQLite's busy handler. Undefined means
   * "busy, try again shortly" (the event loop keeps serving meanwhile).
   */
  function tryBatch(batch: Pending[]): { changes: number }[] | undefined {
    sqlite.raw.pragma('busy_timeout = 0');
    try {
      return all.immediate(batch);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY' && Date.now() - waitingSince < BUSY_PATIENCE_MS) return undefined;
      throw e;
    } finally {
      sqlite.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  async function flush() {
    const batch = queue;
    queue = [];
    scheduled = false;
    // Holding Kysely's connection keeps its own queries (and transactions) out of the way.
    await db.connection().execute(async () => {
      let results: { changes: number }[] | undefined;
      try {
        results = tryBatch(batch);
      } catch {
        // One write failed and rolled the batch back (or the lock never came): run each alone.
        for (const p of batch) {
          try {
            p.resolve(run(p.query));
          } catch (e) {
            p.reject(e);
          }
        }
        waitingSince = 0;
        return;
      }
      if (!results) {
        // Busy: put the batch back in front of anything queued since, and retry in a moment.
        queue = batch.concat(queue);
        if (!scheduled) {
          scheduled = true;
          setTimeout(start, 1);
        }
        return;
      }
      waitingSince = 0;
      for (const [i, p] of batch.entries()) p.resolve(results[i]);
    });
  }

  function start() {
    if (!waitingSince) waitingSince = Date.now();
    const batch = queue;
    flush().catch((e) => {
      for (const p of batch) p.reject(e);
    });
  }

  return (query) =>
    new Promise((resolve, reject) => {
      queue.push({ query, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(start);
      }
    });
}
