import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskTree, fileHistory, saveDraft } from '../../app/content/store.server';
import {
  ABSENT_HASH,
  checkEdit,
  editLinkFor,
  findStudioTarget,
  hashSource,
  readStudioFile,
  type StudioTarget,
  saveEdit,
  studioTarget,
} from '../../app/content/studio.server';
import { currentTreeId, readDraftFile } from '../../app/content/studio-changes.server';
import { createUser } from '../../app/models/user.server';
import { canary, HOSTILE_UNITS } from '../fixtures/hostile-units';
import { freshSqlite, type TestDb } from '../setup/db';

// The studio's save action on a temporary copy of the fixture course, imported into the draft
// on first use: saves go to the draft tree in the database, never to the files.

let root: string;
let t: TestDb;
let authorId: string;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pa-studio-test-'));
  cpSync('tests/fixtures/content', root, { recursive: true });
  t = await freshSqlite();
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

const UNIT = 'courses/mini/units/02-second.mdx';
const QUIZ = 'courses/mini/units/01-first.quiz.yaml';
const decoder = new TextDecoder();
/** The file as the draft holds it now. */
const read = async (rel: string) => {
  const bytes = await readDraftFile(t.handle.db, root, rel);
  if (!bytes) throw new Error(`not in the draft: ${rel}`);
  return decoder.decode(bytes);
};
/** A hash of every file under the temporary content folder. */
const diskPrint = async () => {
  const h = createHash('sha256');
  for (const [path, bytes] of await diskTree(root)) h.update(path).update('\0').update(bytes).update('\0');
  return h.digest('hex');
};

async function target(rel: string): Promise<StudioTarget> {
  const tg = await studioTarget(root, rel);
  if (!tg) throw new Error(`not editable: ${rel}`);
  return tg;
}

async function save(rel: string, source: string, baseHash?: string, editing = true) {
  const tg = await target(rel);
  return saveEdit(t.handle.db, {
    target: tg,
    source,
    baseHash: baseHash ?? (await readStudioFile(t.handle.db, tg)).hash,
    authorId,
    editing,
  });
}

describe('finding editable files', () => {
  it('finds a unit and its quiz by the unit slug, and nothing else', async () => {
    expect((await findStudioTarget(t.handle.db, root, 'mini', 'first', 'unit'))?.rel).toBe('courses/mini/units/01-first.mdx');
    expect((await findStudioTarget(t.handle.db, root, 'mini', 'first', 'quiz'))?.rel).toBe(QUIZ);
    expect((await findStudioTarget(t.handle.db, root, 'mini', 'second', 'quiz'))?.rel).toBe(
      'courses/mini/units/02-second.quiz.yaml',
    );
    expect(await findStudioTarget(t.handle.db, root, 'mini', 'nope', 'unit')).toBeNull();
    expect(await findStudioTarget(t.handle.db, root, 'other', 'first', 'unit')).toBeNull();
  });
  it('refuses `..`, absolute paths and backslashes, and a save never writes the content folder', async () => {
    for (const rel of [
      '../x/courses/mini/units/01-first.mdx',
      'courses/mini/../mini/units/01-first.mdx',
      '/courses/mini/units/01-first.mdx',
      join(root, UNIT),
      'courses\\mini\\units\\01-first.mdx',
      'courses/mini/units\\01-first.mdx',
    ])
      expect(await studioTarget(root, rel), rel).toBeNull();
    for (const path of ['../outside.mdx', '/tmp/outside.mdx', 'courses\\mini\\units\\03-x.mdx', 'courses/mini/./units/x.mdx']) {
      const r = await saveDraft(t.handle.db, root, {
        changes: [{ path, bytes: new Uint8Array([1]) }],
        baseTreeId: await currentTreeId(t.handle.db, root),
        authorId,
        message: 'x',
      });
      expect(r.status, path).toBe('invalid');
    }
    const before = await diskPrint();
    const source = (await read(UNIT)).replace('You are done.', 'Saved to the draft only.');
    expect((await save(UNIT, source)).status).toBe('saved');
    expect(await read(UNIT)).toBe(source);
    expect(await diskPrint()).toBe(before);
  });
  it('links a problem to the editor of its file', () => {
    expect(editLinkFor(root, join(root, QUIZ))).toBe('/author/courses/mini/units/first/edit?file=quiz');
    expect(editLinkFor(root, join(root, 'courses/mini/course.yaml'))).toBe('/author/courses/mini/files/course.yaml');
    expect(editLinkFor(root, join(root, 'competencies.yaml'))).toBeNull();
  });
});

describe('saving an edit', () => {
  it('saves a valid edit to the draft, records it in the file history with a diff, and reports the new hash', async () => {
    const before = await read(UNIT);
    const after = before.replace('You are done.', 'You have finished the course.');
    const result = await save(UNIT, after.replace(/\n/g, '\r\n'));
    expect(result).toMatchObject({ status: 'saved', hash: hashSource(after) });
    expect(await read(UNIT)).toBe(after);
    const history = await fileHistory(t.handle.db, UNIT);
    expect(history).toHaveLength(1);
    const [rev] = history;
    expect(rev).toMatchObject({
      authorName: 'Alex Author',
      beforeHash: hashSource(before),
      afterHash: hashSource(after),
      message: `Edited ${UNIT}`,
    });
    if (result.status === 'saved') expect(rev.treeId).toBe(result.revisionId);
    expect(rev.diff).toContain('-You are done. Mark this unit done.');
    expect(rev.diff).toContain('+You have finished the course. Mark this unit done.');
  });

  it('records nothing when the text is unchanged', async () => {
    const tree = await currentTreeId(t.handle.db, root);
    expect(await save(UNIT, await read(UNIT))).toMatchObject({ status: 'saved', revisionId: null });
    expect(await fileHistory(t.handle.db, UNIT)).toEqual([]);
    expect(await currentTreeId(t.handle.db, root)).toBe(tree);
  });

  it('refuses a save against a file that changed since it was opened, and overwrites nothing', async () => {
    const opened = await readStudioFile(t.handle.db, await target(UNIT));
    const other = await saveDraft(t.handle.db, root, {
      changes: [{ path: UNIT, bytes: new TextEncoder().encode(`${opened.source}\nAnother author's paragraph.\n`) }],
      baseTreeId: opened.treeId,
      authorId,
      message: 'Another author',
    });
    expect(other.status).toBe('saved');
    const result = await save(UNIT, opened.source.replace('You are done.', 'Mine.'), opened.hash);
    expect(result.status).toBe('conflict');
    if (result.status !== 'conflict') return;
    expect(result.message).toMatch(/changed since you opened it/);
    expect(result.diff).toContain("-Another author's paragraph.");
    expect(result.diff).toContain('+Mine. Mark this unit done.');
    expect(await read(UNIT)).toContain("Another author's paragraph.");
    expect((await fileHistory(t.handle.db, UNIT)).map((r) => r.message)).toEqual(['Another author']);
  });

  it('refuses invalid MDX with the problem at its line and column', async () => {
    const before = await read(UNIT);
    const result = await save(UNIT, before.replace('You are done.', 'You are <Callout type="tip"> done.'));
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.check.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/02-second\.mdx$/),
        line: 14,
        message: expect.stringMatching(/never closed/),
      }),
    ]);
    expect(await read(UNIT)).toBe(before);
    expect(await fileHistory(t.handle.db, UNIT)).toEqual([]);
  });

  it('refuses an edit that breaks the course elsewhere: a frontmatter slug the file name does not match', async () => {
    const result = await save(UNIT, (await read(UNIT)).replace('slug: second', 'slug: last'));
    expect(result.status).toBe('invalid');
    if (result.status === 'invalid')
      expect(result.check.problems.map((p) => p.message)).toContain('slug "last" does not match the file name "second"');
  });

  it('refuses a new quiz whose question id is already used in another unit', async () => {
    const quiz = [
      'passPercent: 50',
      'questions:',
      '  - id: mini-one',
      '    type: truefalse',
      '    prompt: Again?',
      '    answer: true',
      '    rationale: Yes.',
      '',
    ].join('\n');
    const rel = 'courses/mini/units/02-second.quiz.yaml';
    const result = await save(rel, quiz, ABSENT_HASH);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.check.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      expect.stringMatching(/^3:\d+ duplicate question id "mini-one"/),
    ]);
    const ok = await save(rel, quiz.replace('mini-one', 'mini-three'), ABSENT_HASH);
    expect(ok.status).toBe('saved');
    expect(await read(rel)).toContain('mini-three');
  });

  it('refuses every save when editing is turned off', async () => {
    const before = await read(UNIT);
    const result = await save(UNIT, `${before}\nMore.\n`, undefined, false);
    expect(result).toMatchObject({ status: 'disabled', message: expect.stringMatching(/CONTENT_EDITING/) });
    expect(await read(UNIT)).toBe(before);
  });

  it('refuses every hostile source, with editing on or off: nothing written, no revision, nothing run', async () => {
    const trap = canary();
    try {
      const before = await read(UNIT);
      for (const unit of HOSTILE_UNITS) {
        const source = unit.source({ canary: trap.path, slug: 'second', order: 2 });
        const on = await save(UNIT, source);
        expect(on.status, unit.name).toBe('invalid');
        if (on.status === 'invalid')
          expect(on.check.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toContainEqual(
            expect.stringMatching(new RegExp(`^${unit.at} `)),
          );
        expect((await save(UNIT, source, undefined, false)).status, unit.name).toBe('disabled');
      }
      expect(await read(UNIT)).toBe(before);
      expect(await fileHistory(t.handle.db, UNIT)).toEqual([]);
      expect(trap.fired()).toBe(false);
    } finally {
      trap.reset();
    }
  });

  it('two saves from the same opened version: exactly one is written, the other refused', async () => {
    const opened = await readStudioFile(t.handle.db, await target(UNIT));
    const [a, b] = await Promise.all([
      save(UNIT, `${opened.source}\nFirst.\n`, opened.hash),
      save(UNIT, `${opened.source}\nSecond.\n`, opened.hash),
    ]);
    // Which one wins depends on scheduling; that only one does, and nothing is lost silently, does not.
    expect([a.status, b.status].sort()).toEqual(['conflict', 'saved']);
    const winner = a.status === 'saved' ? 'First.' : 'Second.';
    const loser = a.status === 'saved' ? 'Second.' : 'First.';
    expect(await read(UNIT)).toContain(winner);
    expect(await read(UNIT)).not.toContain(loser);
    expect(await fileHistory(t.handle.db, UNIT)).toHaveLength(1);
  });
});

describe('checking a quiz edit', () => {
  it('lists added, removed and reworded question ids against the saved file', async () => {
    const source = (await read(QUIZ)).replace('prompt: Pick b.', 'prompt: Choose b.').replace('id: mini-two', 'id: mini-two-v2');
    const check = await checkEdit(t.handle.db, await target(QUIZ), source);
    expect(check.problems).toEqual([]);
    expect(check.changes).toEqual({
      added: ['mini-two-v2'],
      removed: ['mini-two'],
      reworded: [{ id: 'mini-one', what: ['prompt'] }],
      passPercent: null,
    });
    expect(check.quiz?.questions[0]).toMatchObject({ id: 'mini-one', answer: ['b'], rationale: 'Because b was asked for.' });
  });
  it('shows the quiz-quality warnings content:check gives, without blocking the save', async () => {
    const source = (await read(QUIZ)).replace('text: This one', 'text: This one is the long and careful answer');
    const check = await checkEdit(t.handle.db, await target(QUIZ), source);
    expect(check.problems).toEqual([]);
    expect(check.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      expect.stringContaining('3:3 quiz quality: the correct option is the longest one in 1 of 1 single-choice questions'),
    ]);
    expect((await save(QUIZ, source)).status).toBe('saved');
  });
  it('previews a unit as the trainee sees it', async () => {
    const check = await checkEdit(
      t.handle.db,
      await target('courses/mini/units/01-first.mdx'),
      await read('courses/mini/units/01-first.mdx'),
    );
    expect(check.problems).toEqual([]);
    expect(check.unit?.title).toBe('The first unit');
    expect(check.unit?.segments.map((s) => s.kind)).toEqual(['html', 'reflection']);
  });
  it('reports an MDX problem even while the frontmatter is broken, at the file’s own line', async () => {
    const source = (await read(UNIT)).replace('minutes: 5', 'minutes: five').replace('You are done.', '<Video />');
    const check = await checkEdit(t.handle.db, await target(UNIT), source);
    expect(check.problems.map((p) => `${p.line}:${p.column} ${p.message.slice(0, 20)}`)).toEqual([
      '6:10 minutes: Invalid inp',
      '14:1 unknown component <V',
    ]);
  });
  it('refuses a unit that reads above grade 8, as content:check does', async () => {
    const source = `${await read(UNIT)}\nComprehensive interdisciplinary collaboration necessitates organizational accountability and continuous institutional evaluation of administrative documentation requirements.\n`;
    const check = await checkEdit(t.handle.db, await target(UNIT), source);
    expect(check.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      expect.stringMatching(/^11:1 reading grade [\d.]+ is above 8: split the longest sentences/),
    ]);
    expect(check.unit).toBeNull();
    expect((await save(UNIT, source)).status).toBe('invalid');
  });
});
