import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareImage, readCourseImage } from '../../app/content/images.server';
import { loadContentSources, memoryFiles } from '../../app/content/load.server';
import { formatProblem } from '../../app/content/problems';
import { fileHistory, publishDraft, rollbackPublish, saveDraft, treeFiles } from '../../app/content/store.server';
import { checkEdit, readStudioFile, saveEdit, studioTarget } from '../../app/content/studio.server';
import { currentTreeId, readDraftFile, saveChanges } from '../../app/content/studio-changes.server';
import { runUnitOp } from '../../app/content/unit-studio.server';
import { markUnitDone, recordVisit } from '../../app/models/progress.server';
import { createUser } from '../../app/models/user.server';
import { engines, type TestDb } from '../setup/db';

// The studio beyond units and quizzes (ADR 031), on a temporary copy of the fixture course
// imported into the draft on first use: every change goes to the draft tree, not the files.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const ITEMS = 'courses/mini/exam/items/area-one.yaml';

describe.each(engines)('studio files on $name', ({ fresh }) => {
  let root: string;
  let t: TestDb;
  let authorId: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'pa-studio-files-'));
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
  const decoder = new TextDecoder();
  /** The file as the draft holds it now. */
  const read = async (rel: string) => {
    const bytes = await readDraftFile(t.handle.db, root, rel);
    if (!bytes) throw new Error(`not in the draft: ${rel}`);
    return decoder.decode(bytes);
  };
  const exists = async (rel: string) => (await readDraftFile(t.handle.db, root, rel)) !== null;
  /** The draft as the loader reads it. */
  const draftSources = async () => {
    const files = await treeFiles(t.handle.db, await currentTreeId(t.handle.db, root));
    return loadContentSources(root, root, memoryFiles(root, files));
  };
  async function save(rel: string, source: string) {
    const target = await studioTarget(root, rel);
    if (!target) throw new Error(`not editable: ${rel}`);
    return saveEdit(t.handle.db, {
      target,
      source,
      baseHash: (await readStudioFile(t.handle.db, target)).hash,
      authorId,
      editing: true,
    });
  }
  const op = async (o: Parameters<typeof runUnitOp>[2]['op']) =>
    runUnitOp(t.handle.db, root, { course: 'mini', op: o, baseTreeId: await currentTreeId(t.handle.db, root), authorId });

  it.each([
    [
      ITEMS,
      (s: string) => s.replace('prompt: Item one?', 'prompt: Item one, reworded?'),
      (s: string) => s.replace('answer: a\n', 'answer: z\n'),
    ],
    [
      'courses/mini/exam/scenarios.yaml',
      (s: string) => s.replace(/prompt: .*/, 'prompt: A new prompt for the scenario.'),
      (s: string) => s.replace(/criterion: .*/, 'criterion: ""'),
    ],
    [
      'courses/mini/exam/exam.yaml',
      (s: string) => s.replace('passPercent: 50', 'passPercent: 60'),
      (s: string) => s.replace('area-one: 2', 'area-one: 200'),
    ],
    [
      'courses/mini/course.yaml',
      (s: string) => s.replace('A small valid course', 'A small and valid course'),
      (s: string) => s.replace('https://example.org/', 'javascript:alert(1)'),
    ],
  ])('%s saves a valid edit and refuses an invalid one with file:line:column', async (rel, good, bad) => {
    const before = await read(rel);
    const ok = await save(rel, good(before));
    expect(ok.status).toBe('saved');
    expect(await read(rel)).toBe(good(before));
    const refused = await save(rel, bad(await read(rel)));
    expect(refused.status).toBe('invalid');
    if (refused.status !== 'invalid') return;
    const mine = refused.check.problems.filter((p) => p.file.endsWith(rel));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0].line).toBeGreaterThan(1);
    expect(await read(rel)).toBe(good(before));
    expect(await fileHistory(t.handle.db, rel)).toHaveLength(1);
  });

  it('keeps item ids stable: other options or answer under the same id are refused, a new id is fine', async () => {
    const text = await read(ITEMS);
    const changed = text.replace('answer: a\n', 'answer: b\n');
    const refused = await save(ITEMS, changed);
    expect(refused.status).toBe('invalid');
    if (refused.status === 'invalid') {
      const p = refused.check.problems.find((x) => x.message.includes('a1-001'));
      expect(p?.message).toMatch(/give it a new id/);
      expect(p?.line).toBe(3);
    }
    const renamed = changed.replace('id: a1-001', 'id: a1-001-v2');
    expect((await save(ITEMS, renamed)).status).toBe('saved');
    const check = await checkEdit(
      t.handle.db,
      (await studioTarget(root, ITEMS))!,
      (await read(ITEMS)).replace('rationale: A is right.', 'rationale: B is right now.'),
    );
    expect(check.problems).toEqual([]);
    expect(check.itemChanges?.reworded).toEqual([{ id: 'a1-001-v2', what: ['rationale'] }]);
  });

  it('creates a unit from a template that passes the check, moving later units down', async () => {
    const r = await op({ op: 'create', title: 'A new: unit', slug: 'brand-new', order: 2 });
    expect(r).toEqual({ status: 'saved', unit: 'brand-new' });
    expect(await exists('courses/mini/units/02-brand-new.mdx')).toBe(true);
    expect(await exists('courses/mini/units/03-second.mdx')).toBe(true);
    expect(await exists('courses/mini/units/02-second.mdx')).toBe(false);
    expect(await read('courses/mini/units/03-second.mdx')).toMatch(/^order: 3$/m);
    const sources = await draftSources();
    expect(sources.problems.map(formatProblem)).toEqual([]);
    expect(sources.courses[0].units.map((u) => u.meta.slug)).toEqual(['first', 'brand-new', 'second']);
    expect((await op({ op: 'create', title: 'Again', slug: 'brand-new', order: 1 })).status).toBe('refused');
  });

  it('renames a unit: files, exam areas and a redirect; the trainee keeps their progress once it is published', async () => {
    const trainee = await createUser(t.handle.db, { email: 't@example.org', name: 'Tia', passwordHash: 'x', role: 'trainee' });
    await recordVisit(t.handle.db, trainee, 'mini', 'first');
    await markUnitDone(t.handle.db, trainee, 'mini', 'first');
    const progress = () =>
      t.handle.db.selectFrom('unit_progress').select(['unit_slug', 'completed_at']).where('user_id', '=', trainee).execute();
    expect(await op({ op: 'rename', unit: 'first', to: 'getting-started' })).toEqual({
      status: 'saved',
      unit: 'getting-started',
    });
    expect(await exists('courses/mini/units/01-getting-started.mdx')).toBe(true);
    expect(await exists('courses/mini/units/01-getting-started.quiz.yaml')).toBe(true);
    expect(await exists('courses/mini/units/01-first.mdx')).toBe(false);
    expect(await read('courses/mini/exam/exam.yaml')).toContain('units: [getting-started]');
    expect(await read('courses/mini/course.yaml')).toMatch(/^redirects:\n {2}first: getting-started$/m);
    const sources = await draftSources();
    expect(sources.problems.map(formatProblem)).toEqual([]);
    expect(sources.courses[0].course.redirects).toEqual({ first: 'getting-started' });
    // Trainees still see the published course: their records stay until the rename is published.
    expect(await progress()).toEqual([{ unit_slug: 'first', completed_at: expect.any(Number) }]);
    const published = await publishDraft(t.handle.db, root, {
      draftTreeId: await currentTreeId(t.handle.db, root),
      authorId,
      message: 'Rename',
    });
    expect(published.status).toBe('published');
    expect(await progress()).toEqual([{ unit_slug: 'getting-started', completed_at: expect.any(Number) }]);
    // Rolling the publish back moves them back to the old slug.
    if (published.status !== 'published') return;
    expect((await rollbackPublish(t.handle.db, { publishId: published.publishId, authorId, message: 'Undo' })).status).toBe(
      'published',
    );
    expect(await progress()).toEqual([{ unit_slug: 'first', completed_at: expect.any(Number) }]);
    // The draft followed the rollback (no edits of its own since): rename again and publish,
    // then rename back and publish: the records follow each publish.
    expect(await exists('courses/mini/units/01-first.mdx')).toBe(true);
    const publish = async () =>
      (await publishDraft(t.handle.db, root, { draftTreeId: await currentTreeId(t.handle.db, root), authorId, message: 'x' }))
        .status;
    expect((await op({ op: 'rename', unit: 'first', to: 'getting-started' })).status).toBe('saved');
    expect(await publish()).toBe('published');
    expect(await progress()).toEqual([{ unit_slug: 'getting-started', completed_at: expect.any(Number) }]);
    // Renaming back: the old address is a unit again, and the other one redirects.
    expect((await op({ op: 'rename', unit: 'getting-started', to: 'first' })).status).toBe('saved');
    expect((await draftSources()).courses[0].course.redirects).toEqual({ 'getting-started': 'first' });
    expect(await progress()).toEqual([{ unit_slug: 'getting-started', completed_at: expect.any(Number) }]);
    expect(await publish()).toBe('published');
    expect(await progress()).toEqual([{ unit_slug: 'first', completed_at: expect.any(Number) }]);
  });

  it('reorders: moving a unit down swaps it with the next in one change', async () => {
    expect((await op({ op: 'move', unit: 'first', direction: 'down' })).status).toBe('saved');
    const sources = await draftSources();
    expect(sources.problems).toEqual([]);
    expect(sources.courses[0].units.map((u) => [u.meta.order, u.meta.slug])).toEqual([
      [1, 'second'],
      [2, 'first'],
    ]);
    expect((await op({ op: 'move', unit: 'first', direction: 'down' })).status).toBe('refused');
  });

  it('retires a unit only when no exam area names it; a retired unit stops counting', async () => {
    const refused = await op({ op: 'retire', unit: 'first', retired: true });
    expect(refused.status).toBe('invalid');
    if (refused.status === 'invalid')
      expect(refused.problems[0]).toMatchObject({ file: expect.stringMatching(/exam\.yaml$/), line: 7 });
    expect((await op({ op: 'retire', unit: 'second', retired: true })).status).toBe('saved');
    expect(await read('courses/mini/units/02-second.mdx')).toMatch(/^retired: true$/m);
    const { buildContent } = await import('../../app/content/content.server');
    const files = await treeFiles(t.handle.db, await currentTreeId(t.handle.db, root));
    const content = await buildContent(root, { files: memoryFiles(root, files) });
    expect(content.courses[0].units.map((u) => u.meta.slug)).toEqual(['first']);
    expect(content.courses[0].retiredUnits.map((u) => u.meta.slug)).toEqual(['second']);
    expect((await op({ op: 'retire', unit: 'second', retired: false })).status).toBe('saved');
    expect(await read('courses/mini/units/02-second.mdx')).not.toMatch(/retired/);
  });

  it('refuses a change on a tree that changed since it was opened', async () => {
    const base = await currentTreeId(t.handle.db, root);
    const other = await saveDraft(t.handle.db, root, {
      changes: [
        {
          path: 'courses/mini/units/02-second.mdx',
          bytes: new TextEncoder().encode(`${await read('courses/mini/units/02-second.mdx')}\nMore.\n`),
        },
      ],
      baseTreeId: base,
      authorId,
      message: 'Another author',
    });
    expect(other.status).toBe('saved');
    const r = await runUnitOp(t.handle.db, root, {
      course: 'mini',
      op: { op: 'move', unit: 'first', direction: 'down' },
      baseTreeId: base,
      authorId,
    });
    expect(r.status).toBe('conflict');
    expect(await read('courses/mini/units/02-second.mdx')).toMatch(/More\.\n$/);
    expect(await exists('courses/mini/units/01-second.mdx')).toBe(false);
  });

  it('images: type by magic bytes, size limit, SVG refused; alt text and existence checked', async () => {
    expect(prepareImage('mini', 'fake.png', new TextEncoder().encode('<html>not an image</html>')).ok).toBe(false);
    expect(prepareImage('mini', 'logo.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')).ok).toBe(
      false,
    );
    const big = new Uint8Array(1_000_001);
    big.set(PNG);
    expect(prepareImage('mini', 'big.png', big)).toMatchObject({ ok: false, message: expect.stringMatching(/limit is 1 MB/) });
    const img = prepareImage('mini', '../../Etc/My Photo!.PNG', PNG);
    expect(img.ok).toBe(true);
    if (!img.ok) return;
    expect(img.name).toMatch(/^my-photo-[0-9a-f]{10}\.png$/);
    expect(img.change.path).toBe(`courses/mini/images/${img.name}`);
    const saved = await saveChanges(t.handle.db, root, {
      changes: [img.change],
      baseTreeId: await currentTreeId(t.handle.db, root),
      authorId,
      message: 'image',
    });
    expect(saved.status).toBe('saved');
    // Not published yet: served from the draft (author previews), and never a path outside the course.
    expect(await readCourseImage(t.handle.db, 'mini', img.name)).toEqual(PNG);
    expect(await readCourseImage(t.handle.db, 'mini', '../course.yaml')).toBeNull();

    const unit = 'courses/mini/units/02-second.mdx';
    const withAlt = `${await read(unit)}\n![A calm room with two chairs](/courses/mini/images/${img.name})\n`;
    expect((await save(unit, withAlt)).status).toBe('saved');
    const noAlt = `${await read(unit)}\n![](/courses/mini/images/${img.name})\n`;
    const r = await save(unit, noAlt);
    expect(r.status).toBe('invalid');
    const line = noAlt.split('\n').findIndex((l) => l.startsWith('![]')) + 1;
    if (r.status === 'invalid')
      expect(r.check.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toContainEqual(
        expect.stringMatching(new RegExp(`^${line}:1 this image has no alt text`)),
      );
    const missing = await save(unit, `${await read(unit)}\n![A chart](/courses/mini/images/nope.png)\n`);
    expect(missing.status).toBe('invalid');
  });

  it('refuses hostile paths: traversal, absolute paths, files outside the course kinds', async () => {
    for (const rel of [
      'courses/mini/../../etc/course.yaml',
      '/etc/passwd',
      'courses/mini/exam/items/../../../x.yaml',
      'competencies.yaml',
      'courses/mini/images/x.png',
    ])
      expect(await studioTarget(root, rel)).toBeNull();
    const r = await saveChanges(t.handle.db, root, {
      changes: [{ path: '../outside.mdx', bytes: new Uint8Array([1]) }],
      baseTreeId: await currentTreeId(t.handle.db, root),
      authorId,
      message: 'x',
    });
    expect(r.status).toBe('invalid');
    expect((await op({ op: 'rename', unit: 'first', to: '../x' })).status).not.toBe('saved');
  });
});
