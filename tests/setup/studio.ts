import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../../app/models/user.server';
import type { TestDb } from './db';

/** A temporary copy of the fixture course, for tests that change content (the real files are never touched). */
export function fixtureCourseCopy(prefix = 'pa-course-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync('tests/fixtures/content', root, { recursive: true });
  return root;
}

/** The studio's test setup: a fresh database with one author, Alex Author, and a copy of the fixture course. */
export async function studioFixture(
  fresh: () => Promise<TestDb>,
  prefix?: string,
): Promise<{ root: string; t: TestDb; authorId: string; cleanup: () => Promise<void> }> {
  const root = fixtureCourseCopy(prefix);
  const t = await fresh();
  const authorId = await createUser(t.handle.db, {
    email: 'author@example.org',
    name: 'Alex Author',
    passwordHash: 'x',
    role: 'author',
  });
  return {
    root,
    t,
    authorId,
    cleanup: async () => {
      await t.cleanup();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
