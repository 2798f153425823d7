import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin, QueryId } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getContent, invalidateContent, refreshContent, withContentPin } from '../../app/content/content.server';
import {
  commitTree,
  currentDraft,
  publishDraft,
  publishedTreeId,
  rollbackPublish,
  saveDraft,
  type TreeFiles,
  treeFiles,
  unitMoves,
} from '../../app/content/store.server';
import { useDatabase } from '../../app/infra/db.server';
import { getHead, getTree, moveHead } from '../../app/models/content-store.server';
import { createUser } from '../../app/models/user.server';
import { type DbHandle, openDatabase } from '../../db/connect';
import { engines, type TestDb } from '../setup/db';

// The content store's own rules (docs/decisions/030-content-store.md), on a temporary copy of
// the fixture course that an empty database imports on first use. The folder is never written.

const dir = mkdtempSync(join(tmpdir(), 'pa-store-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
process.env.CONTENT_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNIT = 'courses/mini/units/02-second.mdx';
const FIRST = 'courses/mini/units/01-first.mdx';
const COURSE = 'courses/mini/course.yaml';
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : '');
const fixture = (rel: string) => readFileSync(join('tests/fixtures/content', rel), 'utf8');

describe('unitMoves', () => {
  const tree = (entries: Record<string, string>): TreeFiles => new Map(Object.entries(entries).map(([p, s]) => [p, enc(s)]));
  const course = fixture(COURSE);
  const before = tree({ [COURSE]: course, [FIRST]: 'x', [UNIT]: 'y' });
  const renamed = tree({
    [COURSE]: `${course}redirects:\n  first: intro\n`,
    'courses/mini/units/01-intro.mdx': 'x',
    [UNIT]: 'y',
  });
  it('a rename adds a redirect from a unit that is gone to one that exists: its records move', () => {
    expect(unitMoves(before, renamed)).toEqual([{ course: 'mini', from: 'first', to: 'intro' }]);
  });
  it('rolling the rename back removes the redirect: the records move back', () => {
    expect(unitMoves(renamed, before)).toEqual([{ course: 'mini', from: 'intro', to: 'first' }]);
  });
  it('renaming a published rename back moves the records back once', () => {
    const back = tree({ [COURSE]: `${course}redirects:\n  intro: first\n`, [FIRST]: 'x', [UNIT]: 'y' });
    expect(unitMoves(renamed, back)).toEqual([{ course: 'mini', from: 'intro', to: 'first' }]);
  });
  it('a redirect from an address that was never a unit, or one already there, moves nothing', () => {
    const unrelated = tree({ [COURSE]: `${course}redirects:\n  old-page: second\n`, [FIRST]: 'x', [UNIT]: 'y' });
    expect(unitMoves(before, unrelated)).toEqual([]);
    expect(unitMoves(unrelated, before)).toEqual([]);
    expect(unitMoves(renamed, renamed)).toEqual([]);
    // A redirect to a unit that does not exist after the change is no rename either.
    const dangling = tree({ [COURSE]: `${course}redirects:\n  first: nowhere\n`, [UNIT]: 'y' });
    expect(unitMoves(before, dangling)).toEqual([]);
  });
});

describe.each(engines)('the content store on $name', ({ fresh }) => {
  let t: TestDb;
  let other: DbHandle | undefined;
  let authorId: string;
  beforeEach(async () => {
    t = await fresh();
    authorId = await createUser(t.handle.db, {
      email: 'author@example.org',
      name: 'Alex Author',
      passwordHash: 'x',
      role: 'author',
    });
  });
  afterEach(async () => {
    await other?.db.destroy();
    other = undefined;
    invalidateContent();
    await t.cleanup();
  });

  const db = () => t.handle.db;
  const draft = () => currentDraft(db(), dir);
  const draftText = async (path: string) => dec((await draft()).files.get(path));
  const save = (path: string, text: string | null, baseTreeId: string, message = 'edit', on = db()) =>
    saveDraft(on, dir, { changes: [{ path, bytes: text === null ? null : enc(text) }], baseTreeId, authorId, message });
  const treeCount = async () =>
    Number(
      (
        await db()
          .selectFrom('content_trees')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** A second handle on the same database: another instance. */
  const otherInstance = async () => {
    other = openDatabase(await t.url());
    return other.db;
  };

  describe('saving to the draft', () => {
    it('a stale base is no conflict when another file changed; it is one, with a diff, when the same file did', async () => {
      const base = await draft();
      const second = dec(base.files.get(UNIT));
      const first = dec(base.files.get(FIRST));
      const a = await save(UNIT, second.replace('You are done.', 'Alice was here.'), base.treeId, 'Alice');
      expect(a.status).toBe('saved');
      // Bob opened the same draft and edits another file: both edits are kept.
      const b = await save(FIRST, `${first}\nBob's line.\n`, base.treeId, 'Bob');
      expect(b.status).toBe('saved');
      expect(await draftText(UNIT)).toContain('Alice was here.');
      expect(await draftText(FIRST)).toContain("Bob's line.");
      // Carol opened the same draft and edits Alice's file: refused, Alice's text stays.
      const head = (await draft()).treeId;
      const c = await save(UNIT, second.replace('You are done.', 'Carol was here.'), base.treeId, 'Carol');
      expect(c.status).toBe('conflict');
      if (c.status !== 'conflict') return;
      expect(c.currentTreeId).toBe(head);
      expect(c.diff).toContain('-Alice was here.');
      expect(c.diff).toContain('+Carol was here.');
      expect((await draft()).treeId).toBe(head);
      expect(await draftText(UNIT)).toContain('Alice was here.');
    });

    it('a compare-and-swap lost to another instance is tried again on its draft, or is a conflict: never an overwrite', async () => {
      const base = await draft();
      const second = dec(base.files.get(UNIT));
      const first = dec(base.files.get(FIRST));
      const otherDb = await otherInstance();
      // The other instance saves right after this save stored its tree, before it moves the head.
      const interleave = (change: [string, string]): KyselyPlugin => {
        const inserts = new WeakSet<QueryId>();
        let fired = false;
        return {
          transformQuery(args) {
            const node = args.node;
            if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'content_trees')
              inserts.add(args.queryId);
            return node;
          },
          async transformResult(args) {
            if (!fired && inserts.has(args.queryId)) {
              fired = true;
              const files = new Map(base.files).set(change[0], enc(change[1]));
              const id = await commitTree(otherDb, { parentId: base.treeId, files, authorId, message: 'Other', kind: 'edit' });
              expect(await moveHead(otherDb, 'draft', base.treeId, id)).toBe(true);
            }
            return args.result;
          },
        };
      };
      const before = await treeCount();
      // Another file: the save is tried again on top of the other instance's draft.
      const racing = db().withPlugin(interleave([FIRST, `${first}\nOther instance.\n`]));
      const r = await save(UNIT, second.replace('You are done.', 'Mine.'), base.treeId, 'Mine', racing);
      expect(r.status).toBe('saved');
      // The tree that lost, the other instance's, and the retried one.
      expect(await treeCount()).toBe(before + 3);
      expect(await draftText(FIRST)).toContain('Other instance.');
      expect(await draftText(UNIT)).toContain('Mine.');
      if (r.status === 'saved') expect((await getTree(db(), r.treeId))?.parentId).not.toBe(base.treeId);

      // The same file: a conflict, and the other instance's text stays.
      const now = await draft();
      const racing2 = db().withPlugin(interleave([UNIT, `${dec(now.files.get(UNIT))}\nOther instance again.\n`]));
      // interleave() commits on `base`: rebase it on the current draft for this round.
      base.treeId = now.treeId;
      base.files = now.files;
      const r2 = await save(UNIT, `${dec(now.files.get(UNIT))}\nMine again.\n`, now.treeId, 'Mine again', racing2);
      expect(r2.status).toBe('conflict');
      if (r2.status === 'conflict') expect(r2.diff).toContain('+Mine again.');
      expect(await draftText(UNIT)).toContain('Other instance again.');
      expect(await draftText(UNIT)).not.toContain('Mine again.');
    });

    it('two instances saving the same file from the same draft: one is saved, the other refused', async () => {
      const base = await draft();
      const otherDb = await otherInstance();
      const second = dec(base.files.get(UNIT));
      const [a, b] = await Promise.all([
        save(UNIT, `${second}\nFrom A.\n`, base.treeId, 'A'),
        save(UNIT, `${second}\nFrom B.\n`, base.treeId, 'B', otherDb),
      ]);
      expect([a.status, b.status].sort()).toEqual(['conflict', 'saved']);
      const text = await draftText(UNIT);
      expect(text.includes('From A.') !== text.includes('From B.')).toBe(true);
    });

    it('a save that brings a new problem is refused and the head stays', async () => {
      const base = await draft();
      const r = await save(UNIT, dec(base.files.get(UNIT)).replace('slug: second', 'slug: last'), base.treeId);
      expect(r.status).toBe('invalid');
      if (r.status === 'invalid')
        expect(r.problems.map((p) => p.message)).toContain('slug "last" does not match the file name "second"');
      expect(await getHead(db(), 'draft')).toBe(base.treeId);
    });

    it('saving identical bytes stores no tree', async () => {
      const base = await draft();
      const before = await treeCount();
      const r = await save(UNIT, dec(base.files.get(UNIT)), base.treeId);
      expect(r).toEqual({ status: 'saved', treeId: base.treeId });
      expect(await treeCount()).toBe(before);
      expect(await getHead(db(), 'draft')).toBe(base.treeId);
    });
  });

  describe('publishing', () => {
    it('refuses a draft with a problem, a stale draft id, and does nothing when the draft is published', async () => {
      const base = await draft();
      expect(await publishedTreeId(db())).toBe(base.treeId);
      expect(await publishDraft(db(), dir, { draftTreeId: base.treeId, authorId, message: 'x' })).toMatchObject({
        status: 'nothing',
      });
      // A broken draft, as another instance (or an old version) might have stored it.
      const broken = new Map(base.files).set(UNIT, enc(dec(base.files.get(UNIT)).replace('minutes: 5', 'minutes: five')));
      const brokenId = await commitTree(db(), { parentId: base.treeId, files: broken, authorId, message: 'b', kind: 'edit' });
      expect(await moveHead(db(), 'draft', base.treeId, brokenId)).toBe(true);
      const r = await publishDraft(db(), dir, { draftTreeId: brokenId, authorId, message: 'broken' });
      expect(r.status).toBe('invalid');
      if (r.status === 'invalid') expect(r.problems.map((p) => p.file)).toContainEqual(expect.stringMatching(/02-second\.mdx$/));
      expect(await publishedTreeId(db())).toBe(base.treeId);
      // Fixed; a publish of the draft as it was before the fix is refused.
      const fixed = await save(UNIT, dec(base.files.get(UNIT)).replace('You are done.', 'Fixed.'), brokenId);
      expect(fixed.status).toBe('saved');
      expect((await publishDraft(db(), dir, { draftTreeId: brokenId, authorId, message: 'stale' })).status).toBe('conflict');
      expect(await publishedTreeId(db())).toBe(base.treeId);
      if (fixed.status !== 'saved') return;
      expect((await publishDraft(db(), dir, { draftTreeId: fixed.treeId, authorId, message: 'ok' })).status).toBe('published');
      expect(await publishedTreeId(db())).toBe(fixed.treeId);
    });

    it('rolls back only the latest publish; a published tree never changes after later saves', async () => {
      const base = await draft();
      const original = dec(base.files.get(UNIT));
      const one = await save(UNIT, original.replace('You are done.', 'Version one.'), base.treeId);
      if (one.status !== 'saved') throw new Error(one.status);
      const p1 = await publishDraft(db(), dir, { draftTreeId: one.treeId, authorId, message: 'one' });
      if (p1.status !== 'published') throw new Error(p1.status);
      const published = new Map(await treeFiles(db(), p1.treeId));
      const manifest = (await getTree(db(), p1.treeId))?.manifest;
      // More saves than the tree cache keeps, so the published tree is read again from the database.
      let head = one.treeId;
      for (let i = 0; i < 6; i++) {
        const r = await save(UNIT, original.replace('You are done.', `Later ${i}.`), head);
        if (r.status !== 'saved') throw new Error(r.status);
        head = r.treeId;
      }
      expect((await getTree(db(), p1.treeId))?.manifest).toEqual(manifest);
      expect(dec((await treeFiles(db(), p1.treeId)).get(UNIT))).toContain('Version one.');
      expect(await treeFiles(db(), p1.treeId)).toEqual(published);

      const p2 = await publishDraft(db(), dir, { draftTreeId: head, authorId, message: 'two' });
      if (p2.status !== 'published') throw new Error(p2.status);
      const old = await rollbackPublish(db(), { publishId: p1.publishId, authorId, message: 'undo one' });
      expect(old.status).toBe('conflict');
      expect(await publishedTreeId(db())).toBe(p2.treeId);
      const back = await rollbackPublish(db(), { publishId: p2.publishId, authorId, message: 'undo two' });
      expect(back.status).toBe('published');
      if (back.status !== 'published') return;
      expect(await publishedTreeId(db())).toBe(back.treeId);
      expect(await treeFiles(db(), back.treeId)).toEqual(published);
      // The draft had no edits of its own since: it follows the rollback.
      expect(await getHead(db(), 'draft')).toBe(back.treeId);
      expect((await rollbackPublish(db(), { publishId: p2.publishId, authorId, message: 'again' })).status).toBe('conflict');
    });
  });

  describe('serving content', () => {
    const unitHtml = async () => {
      const content = await getContent();
      const unit = content.courses[0].units.find((u) => u.meta.slug === 'second');
      return unit?.compiled?.segments.map((s) => (s.kind === 'html' ? s.html : '')).join('') ?? '';
    };

    it('trainees get the published tree, not the draft, and the new tree once it is published', async () => {
      useDatabase(t.handle);
      invalidateContent();
      expect(await unitHtml()).toContain('You are done.');
      const base = await draft();
      const r = await save(UNIT, dec(base.files.get(UNIT)).replace('You are done.', 'Only in the draft.'), base.treeId);
      if (r.status !== 'saved') throw new Error(r.status);
      invalidateContent();
      expect(await unitHtml()).toContain('You are done.');
      expect(await unitHtml()).not.toContain('Only in the draft.');
      expect((await getContent()).treeId).toBe(base.treeId);
      expect((await publishDraft(db(), dir, { draftTreeId: r.treeId, authorId, message: 'publish' })).status).toBe('published');
      await refreshContent();
      expect(await unitHtml()).toContain('Only in the draft.');
      expect((await getContent()).treeId).toBe(r.treeId);
    });

    it('a pinned call keeps one snapshot even when a publish and a refresh happen inside it', async () => {
      useDatabase(t.handle);
      invalidateContent();
      const base = await draft();
      const r = await save(UNIT, dec(base.files.get(UNIT)).replace('You are done.', 'Published mid-request.'), base.treeId);
      if (r.status !== 'saved') throw new Error(r.status);
      await withContentPin(async () => {
        const first = await getContent();
        expect(first.treeId).toBe(base.treeId);
        expect((await publishDraft(db(), dir, { draftTreeId: r.treeId, authorId, message: 'p' })).status).toBe('published');
        await refreshContent();
        expect(await getContent()).toBe(first);
        expect(await unitHtml()).not.toContain('Published mid-request.');
      });
      expect((await getContent()).treeId).toBe(r.treeId);
      expect(await unitHtml()).toContain('Published mid-request.');
    });
  });
});
