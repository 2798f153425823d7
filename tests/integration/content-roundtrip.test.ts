import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  draftTreeId,
  ensureContentStore,
  exportContent,
  importContent,
  mergeTrees,
  publishDraft,
  readTreeFile,
  saveDraft,
} from '../../app/content/store.server';
import { getHeads } from '../../app/models/content-store.server';
import { createUser } from '../../app/models/user.server';
import { engines, freshSqlite, type TestDb } from '../setup/db';

// Git stays the source authors can trust (issue 15 item 4, docs/decisions/030-content-store.md):
// content/ goes into the store and comes back out byte for byte; studio edits are never lost
// to an import, and an export writes exactly what trainees see.

const UNIT = 'courses/mini/units/02-second.mdx';
const FIRST = 'courses/mini/units/01-first.mdx';
const enc = new TextEncoder();

describe.each(engines)('content round trip on $name', ({ fresh }) => {
  let root: string;
  let t: TestDb;
  let authorId: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'pa-roundtrip-'));
    cpSync('tests/fixtures/content', root, { recursive: true });
    t = await fresh();
    authorId = await createUser(t.handle.db, {
      email: 'author@example.org',
      name: 'Alex Author',
      passwordHash: 'x',
      role: 'author',
    });
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(root, { recursive: true, force: true });
  });
  const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
  const edit = (rel: string, from: string, to: string) => writeFileSync(join(root, rel), read(rel).replace(from, to));
  /** A studio save of one file, made on the draft as it is now. */
  async function studioSave(path: string, source: string | null, message = `Edit ${path}`) {
    const db = t.handle.db;
    const result = await saveDraft(db, root, {
      changes: [{ path, bytes: source === null ? null : enc.encode(source) }],
      baseTreeId: await draftTreeId(db),
      authorId,
      message,
    });
    expect(result.status).toBe('saved');
  }
  async function exported(db: TestDb['handle']['db'], dir: string) {
    const result = await exportContent(db, dir);
    if (result.status !== 'exported') throw new Error(result.message);
    return result;
  }
  const draftText = async (path: string) =>
    new TextDecoder().decode((await readTreeFile(t.handle.db, await draftTreeId(t.handle.db), path)) ?? new Uint8Array());

  it('imports the folder as published on the first start of an empty database, once', async () => {
    const db = t.handle.db;
    const first = await ensureContentStore(db, root);
    const heads = await getHeads(db);
    expect(heads).toEqual({ draft: first, published: first, synced: first });
    expect(await ensureContentStore(db, root)).toBe(first);
    expect(await importContent(db, root, { publish: false })).toEqual({ status: 'unchanged', treeId: first });
    expect(await getHeads(db)).toEqual(heads);
  });

  it('refuses an import over studio edits, naming them; --merge keeps both sides; --overwrite takes the folder', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    const studio = (await draftText(UNIT)).replace('You are done.', 'You are done, well done.');
    await studioSave(UNIT, studio);
    // Nothing new on disk: the studio's edit stays, nothing to import.
    expect((await importContent(db, root, { publish: false })).status).toBe('unchanged');
    edit(FIRST, 'It has plain words.', 'It has short plain words.');
    const refused = await importContent(db, root, { publish: false });
    expect(refused).toMatchObject({ status: 'refused', paths: [UNIT] });
    expect(await draftText(UNIT)).toBe(studio);

    const merged = await importContent(db, root, { publish: false, mode: 'merge' });
    expect(merged).toMatchObject({ status: 'imported', changed: [FIRST] });
    expect(await draftText(UNIT)).toBe(studio);
    expect(await draftText(FIRST)).toBe(read(FIRST));
    // The studio's edit is still not on disk: a later plain import must not drop it.
    edit(FIRST, 'It has short plain words.', 'It has short, plain words.');
    expect(await importContent(db, root, { publish: false })).toMatchObject({ status: 'refused', paths: [UNIT] });
    expect(await draftText(UNIT)).toBe(studio);

    // Both sides change one file: refused by name, nothing imported.
    const before = await draftTreeId(db);
    edit(UNIT, 'You are done.', 'You are done on disk.');
    expect(await importContent(db, root, { publish: false, mode: 'merge' })).toMatchObject({ status: 'refused', paths: [UNIT] });
    expect(await draftTreeId(db)).toBe(before);

    const overwritten = await importContent(db, root, { publish: true, mode: 'overwrite' });
    expect(overwritten).toMatchObject({ status: 'imported', published: true });
    expect(await draftText(UNIT)).toBe(read(UNIT));
    const heads = await getHeads(db);
    expect(heads.published).toBe(heads.draft);
    expect(heads.synced).toBe(heads.draft);
  });

  it('an undone studio edit is no edit: the import goes ahead', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    const original = await draftText(UNIT);
    await studioSave(UNIT, original.replace('You are done.', 'Done.'));
    await studioSave(UNIT, original);
    edit(FIRST, 'It has plain words.', 'It has short plain words.');
    expect(await importContent(db, root, { publish: false })).toMatchObject({ status: 'imported', changed: [FIRST] });
  });

  it('refuses to publish a folder with problems, and names them', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    writeFileSync(join(root, 'courses/mini/course.yaml'), 'title: [unclosed\n');
    const result = await importContent(db, root, { publish: true, check: true });
    expect(result.status).toBe('refused');
    if (result.status !== 'refused') return;
    expect(result.problems?.[0]?.file).toMatch(/course\.yaml$/);
    expect(result.problems?.[0]?.line).toBeGreaterThan(0);
  });

  it('exports the published tree byte for byte, removes deleted files, keeps dot files, names the authors', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    writeFileSync(join(root, '.keep-me'), 'local');
    const studio = `${(await draftText(UNIT)).replace('You are done.', 'You are done — ¡bien!')}\r\n`;
    await studioSave(UNIT, studio, 'Warmer ending');
    await studioSave('courses/mini/units/01-first.quiz.yaml', null, 'Drop the first quiz');
    const draft = await draftTreeId(db);
    // Problems a removed quiz could bring are the check's business; this fixture has none.
    expect(await publishDraft(db, root, { draftTreeId: draft, authorId, message: 'Publish' })).toMatchObject({
      status: 'published',
    });
    const result = await exported(db, root);
    expect(result.written).toEqual([UNIT]);
    expect(result.removed).toEqual(['courses/mini/units/01-first.quiz.yaml']);
    expect(result.authors).toEqual([{ name: 'Alex Author', messages: ['Warmer ending', 'Drop the first quiz'] }]);
    expect(readFileSync(join(root, UNIT))).toEqual(Buffer.from(enc.encode(studio)));
    expect(existsSync(join(root, 'courses/mini/units/01-first.quiz.yaml'))).toBe(false);
    expect(read('.keep-me')).toBe('local');
    expect((await getHeads(db)).synced).toBe(draft);
    expect(await importContent(db, root, { publish: true, check: true })).toEqual({ status: 'unchanged', treeId: draft });
  });

  it('after a merge, the export names the studio authors whose edits were merged', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    await studioSave(UNIT, (await draftText(UNIT)).replace('You are done.', 'Finished.'), 'Shorter ending');
    edit(FIRST, 'It has plain words.', 'It has short plain words.');
    const merged = await importContent(db, root, { publish: true, mode: 'merge', message: 'From git' });
    expect(merged).toMatchObject({ status: 'imported', published: true });
    const result = await exported(db, root);
    expect(result.written).toEqual([UNIT]);
    expect(result.authors).toEqual([{ name: 'Alex Author', messages: ['Shorter ending'] }]);
    expect(await importContent(db, root, { publish: false })).toMatchObject({ status: 'unchanged' });
  });

  it('refuses an export that would replace or remove folder changes not imported yet, unless forced', async () => {
    const db = t.handle.db;
    await ensureContentStore(db, root);
    await studioSave(UNIT, (await draftText(UNIT)).replace('You are done.', 'Finished.'), 'Shorter ending');
    expect((await publishDraft(db, root, { draftTreeId: await draftTreeId(db), authorId, message: 'p' })).status).toBe(
      'published',
    );
    edit(UNIT, 'You are done.', 'You are done on disk.');
    writeFileSync(join(root, 'courses/mini/notes.md'), 'new, not imported');
    const refused = await exportContent(db, root);
    expect(refused).toMatchObject({ status: 'refused', paths: ['courses/mini/notes.md', UNIT] });
    expect(read(UNIT)).toContain('You are done on disk.');
    const forced = await exportContent(db, root, { force: true });
    expect(forced).toMatchObject({ status: 'exported', removed: ['courses/mini/notes.md'] });
    expect(read(UNIT)).toContain('Finished.');
  });
});

describe('mergeTrees', () => {
  const f = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));
  it('takes the side that changed a file, keeps agreeing changes, and names files both changed', () => {
    const base = f({ a: '1', b: '1', c: '1', d: '1', e: '1' });
    const ours = f({ a: '2', b: '1', c: '2', d: '2', e: '1' });
    const theirs = f({ a: '1', b: '2', c: '2', d: '3', n: 'new' });
    const { files, conflicts } = mergeTrees(base, ours, theirs);
    expect(conflicts).toEqual(['d']);
    const out = Object.fromEntries([...files].map(([k, v]) => [k, new TextDecoder().decode(v)]));
    expect(out).toEqual({ a: '2', b: '2', c: '2', n: 'new' });
  });
});

describe('npm run content:import and content:export', () => {
  const run = promisify(execFile);
  let root: string;
  let t: TestDb;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'pa-roundtrip-cli-'));
    cpSync('tests/fixtures/content', root, { recursive: true });
    t = await freshSqlite();
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(root, { recursive: true, force: true });
  });
  async function cli(script: string, args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: await t.url(), NODE_ENV: 'development' };
    env.CONTENT_DIR = undefined;
    try {
      const { stdout, stderr } = await run('npx', ['tsx', `scripts/${script}.ts`, ...args], { env, timeout: 120_000 });
      return { code: 0, out: stdout + stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout + x.stderr };
    }
  }

  it('imports, refuses, publishes and exports, with plain output and exit codes', async () => {
    const bad = await cli('content-import', ['--dir', root, '--force']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('Usage: npm run content:import');

    const first = await cli('content-import', ['--dir', root, '--publish', '--message', 'First import']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('Imported');
    expect(first.out).toContain(UNIT);
    expect(first.out).toMatch(/Head published moved: none -> [0-9a-f]{12}/);

    const again = await cli('content-import', ['--dir', root]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('Unchanged');

    // A studio edit (made in the database), then a change on disk: refused, naming the studio's file.
    const db = t.handle.db;
    const authorId = await createUser(db, { email: 'a@example.org', name: 'Alex Author', passwordHash: 'x', role: 'author' });
    const source = readFileSync(join(root, UNIT), 'utf8').replace('You are done.', 'All done.');
    const saved = await saveDraft(db, root, {
      changes: [{ path: UNIT, bytes: enc.encode(source) }],
      baseTreeId: await draftTreeId(db),
      authorId,
      message: 'Plainer ending',
    });
    expect(saved.status).toBe('saved');
    writeFileSync(join(root, FIRST), readIn(root, FIRST).replace('It has plain words.', 'It has short plain words.'));
    const refused = await cli('content-import', ['--dir', root, '--publish']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Refused');
    expect(refused.out).toContain(`  ${UNIT}`);

    const merged = await cli('content-import', ['--dir', root, '--merge', '--publish']);
    expect(merged.code, merged.out).toBe(0);
    expect(merged.out).toContain(FIRST);

    const exported = await cli('content-export', ['--dir', root]);
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toContain(`written  ${UNIT}`);
    expect(exported.out).toContain('Alex Author:\n- Plainer ending');
    expect(readIn(root, UNIT)).toBe(source);

    // A problem on disk: listed as file:line:column, and not published.
    writeFileSync(join(root, 'courses/mini/course.yaml'), 'title: [unclosed\n');
    const problems = await cli('content-import', ['--dir', root, '--publish']);
    expect(problems.code).toBe(1);
    expect(problems.out).toMatch(/course\.yaml:\d+:\d+ /);

    // The folder now holds a change that was not imported: an export would overwrite it.
    const stale = await cli('content-export', ['--dir', root]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('  courses/mini/course.yaml');
    expect(readIn(root, 'courses/mini/course.yaml')).toBe('title: [unclosed\n');
  }, 180_000);
});

const readIn = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
