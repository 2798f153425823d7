import { type Kysely, SqliteAdapter } from 'kysely';
import type { Database } from './schema';

/** A small piece of write work: typically one guarded UPDATE, whose result the caller needs. */
export type CommitWork<T> = (db: Kysely<Database>) => Promise<T>;

interface Pending {
  work: CommitWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Committer = <T>(work: CommitWork<T>) => Promise<T>;
const committers = new WeakMap<Kysely<Database>, Committer>();

/**
 * Runs `work` as a durable write, sharing one commit with other work queued at the same moment
 * (docs/decisions/009-group-commit.md).
 *
 * On SQLite every commit is an fsync (synchronous=FULL) that blocks the whole process, so a
 * burst of exam answers spent more time waiting on the disk than working. Work queued during
 * one turn of the event loop now runs in one transaction, in the order it was queued, and each
 * caller's promise settles only after that transaction has committed: an answer is reported
 * saved only once it is on disk, as before. If the shared transaction fails, each piece of work
 * is retried on its own, so one bad write never sinks the others.
 *
 * PostgreSQL commits without blocking the process, so there the work simply runs.
 */
export function groupCommit<T>(db: Kysely<Database>, work: CommitWork<T>): Promise<T> {
  let commit = committers.get(db);
  if (!commit) {
    commit = db.getExecutor().adapter instanceof SqliteAdapter ? batching(db) : (w) => w(db);
    committers.set(db, commit);
  }
  return commit(work);
}

function batching(db: Kysely<Database>): Committer {
  let queue: Pending[] = [];
  let scheduled = false;

  async function runAlone(p: Pending) {
    try {
      p.resolve(await p.work(db));
    } catch (e) {
      p.reject(e);
    }
  }

  async function flush() {
    const batch = queue;
    queue = [];
    scheduled = false;
    if (batch.length === 1) return runAlone(batch[0]);
    let results: unknown[];
    try {
      results = await db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const p of batch) out.push(await p.work(trx));
        return out;
      });
    } catch {
      for (const p of batch) await runAlone(p);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  return <T>(work: CommitWork<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
