import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../app/models/user.server';
import { openDatabase, sqlitePath } from '../../db/connect';
import { groupCommit } from '../../db/group-commit';
import { engines, type TestDb } from '../setup/db';

describe.each(engines)('group commit on $name', ({ name, fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const rename = (id: string, to: string) => groupCommit(db(), db().updateTable('users').set({ name: to }).where('id', '=', id));

  it('gives each caller its own result, in order, and keeps every write', async () => {
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, i) => createUser(db(), { email: `u${i}@example.org`, name: 'before', passwordHash: 'x' })),
    );
    // All queued in one turn of the event loop: on SQLite they share one transaction.
    const results = await Promise.all([...ids.map((id, i) => rename(id, `after ${i}`)), rename('no-such-user', 'x')]);
    expect(results.slice(0, 40).map((r) => Number(r.changes))).toEqual(ids.map(() => 1));
    expect(results[40].changes).toBe(0);
    const rows = await db().selectFrom('users').select(['id', 'name']).execute();
    const names = new Map(rows.map((r) => [r.id, r.name]));
    expect(ids.map((id) => names.get(id))).toEqual(ids.map((_, i) => `after ${i}`));
    // Two writes to one row in one batch: the later one wins, as it would one by one. (On
    // PostgreSQL concurrent writes have no order; the autosave never sends them concurrently.)
    const [a, b] = await Promise.all([rename(ids[0], 'first'), rename(ids[0], 'second')]);
    expect([a.changes, b.changes]).toEqual([1, 1]);
    if (name === 'sqlite')
      expect((await db().selectFrom('users').select('name').where('id', '=', ids[0]).executeTakeFirst())?.name).toBe('second');
  });

  it('lets one failing write fail alone, and the others still land', async () => {
    const a = await createUser(db(), { email: 'a@example.org', name: 'A', passwordHash: 'x' });
    const b = await createUser(db(), { email: 'b@example.org', name: 'B', passwordHash: 'x' });
    // The email is taken: a unique constraint error.
    const clash = groupCommit(db(), db().updateTable('users').set({ email: 'a@example.org' }).where('id', '=', b));
    const [ok1, bad, ok2] = await Promise.allSettled([rename(a, 'A2'), clash, rename(b, 'B2')]);
    expect(ok1.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(ok2.status).toBe('fulfilled');
    const rows = await db().selectFrom('users').select(['id', 'name', 'email']).orderBy('email').execute();
    expect(rows.map((r) => [r.email, r.name])).toEqual([
      ['a@example.org', 'A2'],
      ['b@example.org', 'B2'],
    ]);
  });

  it.runIf(name === 'sqlite')('reports a write only once another connection can read it (committed)', async () => {
    const id = await createUser(db(), { email: 'c@example.org', name: 'C', passwordHash: 'x' });
    const file = (t.handle.sqlite as { name: string } | undefined)?.name ?? '';
    const other = openDatabase(`file:${sqlitePath(file)}`);
    try {
      await Promise.all([rename(id, 'C2'), rename(id, 'C3')]);
      expect((await other.db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name).toBe('C3');
    } finally {
      await other.db.destroy();
    }
  });

  it.runIf(name === 'sqlite')("waits for another process's write lock without blocking this one", async () => {
    const id = await createUser(db(), { email: 'd@example.org', name: 'D', passwordHash: 'x' });
    const file = (t.handle.sqlite as { name: string } | undefined)?.name ?? '';
    const other = openDatabase(`file:${sqlitePath(file)}`);
    try {
      other.sqlite?.exec('begin immediate');
      let done = false;
      const saving = rename(id, 'D2').then((r) => {
        done = true;
        return r;
      });
      // Timers still fire while the save waits: the process is not asleep in SQLite.
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 50));
      expect(Date.now() - started).toBeLessThan(1000);
      expect(done).toBe(false);
      other.sqlite?.exec('commit');
      expect((await saving).changes).toBe(1);
      expect((await db().selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name).toBe('D2');
    } finally {
      await other.db.destroy();
    }
  });
});
