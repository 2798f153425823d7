import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../../app/infra/db.server';
import { canary, writeHostileUnits } from '../fixtures/hostile-units';
import { freshSqlite, type TestDb } from '../setup/db';

// Outside production, a file saved in content/ shows on the next request without a restart: it
// is imported into the content store and published (docs/decisions/030-content-store.md); the
// content is only rebuilt when a file changed.
const dir = mkdtempSync(join(tmpdir(), 'pa-reload-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
process.env.CONTENT_DIR = dir;
let t: TestDb;
beforeAll(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
});
afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('getContent outside production', () => {
  it('reuses the loaded content until a file changes, then reloads it', async () => {
    const { getContent } = await import('../../app/content/content.server');
    const first = await getContent();
    expect(await getContent()).toBe(first);
    const file = join(dir, 'courses/mini/units/02-second.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('You are done.', 'You are finished now.'));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = await getContent();
    expect(second).not.toBe(first);
    expect(second.version).not.toBe(first.version);
    const html = second.courses[0].units[1].compiled?.segments.map((s) => (s.kind === 'html' ? s.html : '')).join('');
    expect(html).toContain('You are finished now.');
  });

  it('refuses every hostile unit that arrives in the files, and runs none of them', async () => {
    const { getContent } = await import('../../app/content/content.server');
    const trap = canary();
    try {
      const written = writeHostileUnits(dir, trap.path);
      const later = new Date(Date.now() + 10_000);
      for (const { rel } of written) utimesSync(join(dir, rel), later, later);
      const content = await getContent();
      const problems = content.problems.map(
        (p) => `${p.file.slice(p.file.indexOf('courses/'))}:${p.line}:${p.column} ${p.message}`,
      );
      for (const { unit, rel } of written)
        expect(problems, unit.name).toContainEqual(expect.stringMatching(new RegExp(`^${rel}:${unit.at} `)));
      for (const u of content.courses[0].units.filter((x) => x.meta.slug.startsWith('hostile-'))) expect(u.compiled).toBeNull();
      expect(content.courses[0].units.map((u) => u.meta.slug).slice(0, 2)).toEqual(['first', 'second']);
      expect(trap.fired()).toBe(false);
    } finally {
      trap.reset();
    }
  });
});
