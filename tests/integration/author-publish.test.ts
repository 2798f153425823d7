import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getContent, invalidateContent } from '../../app/content/content.server';
import { unpublishedChangeCount } from '../../app/content/publish.server';
import {
  commitTree,
  draftTreeId,
  ensureContentStore,
  publishedTreeId,
  readTreeFile,
  saveDraft,
  treeFiles,
} from '../../app/content/store.server';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { moveHead } from '../../app/models/content-store.server';
import { createUser } from '../../app/models/user.server';
import { action, loader } from '../../app/routes/author.publish';
import { engines, type TestDb } from '../setup/db';

// The publish page's loader and action called as Remix calls them, on a temporary copy of the
// fixture course (CONTENT_DIR), on every engine.

const dir = mkdtempSync(join(tmpdir(), 'pa-publish-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
process.env.CONTENT_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNIT = 'courses/mini/units/02-second.mdx';
const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const enc = new TextEncoder();
const dec = new TextDecoder();

for (const engine of engines) {
  describe(`the publish page (${engine.name})`, () => {
    let t: TestDb;
    let author: { id: string; cookie: string };
    let trainee: { id: string; cookie: string };

    async function person(email: string, role: 'author' | 'trainee') {
      const id = await createUser(t.handle.db, {
        email,
        name: role === 'author' ? 'Alex Author' : 'Tia',
        passwordHash: 'x',
        role,
      });
      return { id, cookie: (await createSession(id)).split(';')[0] };
    }
    beforeEach(async () => {
      t = await engine.fresh();
      useDatabase(t.handle);
      invalidateContent();
      await ensureContentStore(t.handle.db, dir);
      author = await person('author@example.org', 'author');
      trainee = await person('tia@example.org', 'trainee');
    });
    afterEach(async () => {
      invalidateContent();
      await t.cleanup();
    });

    const load = async (cookie = author.cookie) => {
      const r = (await loader({
        request: new Request('http://localhost/author/publish', { headers: { cookie } }),
        params: {},
        context: ctx,
      })) as Response;
      return r.json();
    };
    const post = async (fields: Record<string, string>, cookie = author.cookie) => {
      try {
        return (await action({
          request: new Request('http://localhost/author/publish', {
            method: 'POST',
            headers: { cookie },
            body: new URLSearchParams(fields),
          }),
          params: {},
          context: ctx,
        })) as Response;
      } catch (e) {
        if (e instanceof Response) return e;
        throw e;
      }
    };
    async function edit(path: string, change: (s: string) => string) {
      const db = t.handle.db;
      const base = await draftTreeId(db);
      const before = dec.decode((await readTreeFile(db, base, path)) ?? new Uint8Array());
      const r = await saveDraft(db, dir, {
        changes: [{ path, bytes: enc.encode(change(before)) }],
        baseTreeId: base,
        authorId: author.id,
        message: 'test edit',
      });
      expect(r.status).toBe('saved');
    }
    async function servedText(slug = 'second') {
      const content = await getContent();
      const unit = content.courses.find((c) => c.course.slug === 'mini')?.units.find((u) => u.meta.slug === slug);
      return unit?.compiled?.segments.map((s) => (s.kind === 'html' ? s.html : '')).join('') ?? '';
    }
    const audit = () => t.handle.db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).orderBy('at').execute();

    it('shows no changes at first, then a saved edit with its diff; publishing serves it at once and is recorded', async () => {
      expect(await servedText()).toContain('You are done.');
      let page = await load();
      expect(page.changes).toEqual([]);
      await edit(UNIT, (s) => s.replace('You are done.', 'You have finished.'));
      page = await load();
      expect(page.changes).toMatchObject([{ path: UNIT, status: 'changed' }]);
      expect(page.changes[0].diff).toContain('+You have finished. Mark this unit done.');
      expect(await unpublishedChangeCount(t.handle.db)).toBe(1);
      expect(await servedText()).toContain('You are done.');

      const r = await post({ intent: 'publish', message: 'Unit 2: a warmer ending', draftTreeId: page.draftTreeId });
      expect(r.status).toBe(302);
      expect(r.headers.get('Location')).toBe('/author/publish?done=published');
      expect(await publishedTreeId(t.handle.db)).toBe(page.draftTreeId);
      expect(await servedText()).toContain('You have finished.');
      expect(await unpublishedChangeCount(t.handle.db)).toBe(0);

      page = await load();
      expect(page.changes).toEqual([]);
      expect(page.history[0]).toMatchObject({ author: 'Alex Author', message: 'Unit 2: a warmer ending', canRollBack: true });
      expect(await audit()).toMatchObject([{ action: 'content-published', actor_id: author.id }]);
    });

    it('refuses to publish a draft with a problem, and lists it as file:line:column with an edit link', async () => {
      const db = t.handle.db;
      // A draft that has a problem (saveDraft refuses new problems; an import does not check).
      const base = await draftTreeId(db);
      const files = await treeFiles(db, base);
      files.set(UNIT, enc.encode(dec.decode(files.get(UNIT)).replace('## The end', '## The end\n\n<Broken')));
      const broken = await commitTree(db, { parentId: base, files, authorId: null, message: 'broken', kind: 'import' });
      expect(await moveHead(db, 'draft', base, broken)).toBe(true);

      const r = await post({ intent: 'publish', message: 'Try it', draftTreeId: broken });
      expect(r.status).toBe(400);
      const body = await r.json();
      expect(body.message).toBe('author.publish.invalid');
      expect(body.values.message).toBe('Try it');
      expect(body.problems.length).toBeGreaterThan(0);
      expect(body.problems[0].text).toMatch(/02-second\.mdx:\d+:\d+ /);
      expect(body.problems[0].edit).toBe('/author/courses/mini/units/second/edit');
      expect(await publishedTreeId(db)).toBe(base);
      expect(await audit()).toEqual([]);
    });

    it('calls a stale draft id a conflict and keeps the typed message', async () => {
      await edit(UNIT, (s) => s.replace('You are done.', 'First edit.'));
      const stale = (await load()).draftTreeId;
      await edit(UNIT, (s) => s.replace('First edit.', 'Second edit.'));
      const published = await publishedTreeId(t.handle.db);
      const r = await post({ intent: 'publish', message: 'Publishing the first edit', draftTreeId: stale });
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({
        message: 'author.publish.conflict',
        values: { message: 'Publishing the first edit' },
      });
      expect(await publishedTreeId(t.handle.db)).toBe(published);
    });

    it('reverts one file to the published bytes, and records it', async () => {
      const db = t.handle.db;
      const published = (await publishedTreeId(db)) as string;
      const original = await readTreeFile(db, published, UNIT);
      await edit(UNIT, (s) => s.replace('You are done.', 'Changed my mind.'));
      const page = await load();
      // Another author saves a different file meanwhile: no conflict for this one.
      await edit('courses/mini/units/01-first.mdx', (s) => `${s}\nAnother paragraph.\n`);
      const r = await post({ intent: 'revert', path: UNIT, baseTreeId: page.draftTreeId });
      expect(r.status).toBe(302);
      expect(
        Buffer.compare(Buffer.from((await readTreeFile(db, await draftTreeId(db), UNIT)) ?? []), Buffer.from(original ?? [])),
      ).toBe(0);
      expect((await load()).changes.map((c: { path: string }) => c.path)).toEqual(['courses/mini/units/01-first.mdx']);
      // The same file edited since the page was opened is a conflict.
      const opened = (await load()).draftTreeId;
      await edit('courses/mini/units/01-first.mdx', (s) => `${s}\nYet another.\n`);
      const stale = await post({ intent: 'revert', path: 'courses/mini/units/01-first.mdx', baseTreeId: opened });
      expect(stale.status).toBe(409);
      expect(await audit()).toMatchObject([{ action: 'content-reverted', detail: expect.stringContaining(UNIT) }]);
    });

    it('rolls back the latest publish: trainees see the previous version, and it is recorded; an older publish cannot be', async () => {
      await edit(UNIT, (s) => s.replace('You are done.', 'Version two.'));
      let page = await load();
      expect((await post({ intent: 'publish', message: 'Version two', draftTreeId: page.draftTreeId })).status).toBe(302);
      const first = (await load()).history[0].id;
      await edit(UNIT, (s) => s.replace('Version two.', 'Version three.'));
      page = await load();
      expect((await post({ intent: 'publish', message: 'Version three', draftTreeId: page.draftTreeId })).status).toBe(302);
      expect(await servedText()).toContain('Version three.');

      page = await load();
      expect(page.history.map((h: { message: string }) => h.message)).toEqual([
        'Version three',
        'Version two',
        'Imported from content/ at first start',
      ]);
      expect(page.history.map((h: { canRollBack: boolean }) => h.canRollBack)).toEqual([true, false, false]);
      const older = await post({ intent: 'rollback', publishId: first });
      expect(older.status).toBe(409);
      expect((await older.json()).message).toBe('author.publish.rollbackNotLatest');

      const r = await post({ intent: 'rollback', publishId: page.history[0].id });
      expect(r.status).toBe(302);
      expect(r.headers.get('Location')).toBe('/author/publish?done=rolledBack');
      expect(await servedText()).toContain('Version two.');
      page = await load();
      expect(page.history[0].message).toBe('Rolled back: Version three');
      expect((await audit()).map((a) => a.action)).toEqual(['content-published', 'content-published', 'content-rolled-back']);
    });

    it('answers a trainee 403 on the loader and the action', async () => {
      await expect(
        loader({
          request: new Request('http://localhost/author/publish', { headers: { cookie: trainee.cookie } }),
          params: {},
          context: ctx,
        }),
      ).rejects.toMatchObject({ status: 403 });
      const r = await post({ intent: 'publish', message: 'Sneaky', draftTreeId: (await load()).draftTreeId }, trainee.cookie);
      expect(r.status).toBe(403);
      expect(await audit()).toEqual([]);
    });

    it('answers hand-made bad input with a 4xx in plain words, never a 5xx', async () => {
      await edit(UNIT, (s) => s.replace('You are done.', 'Edited.'));
      const page = await load();
      const cases: [Record<string, string>, number, string][] = [
        [{ intent: 'delete-everything' }, 400, 'author.publish.unknownIntent'],
        [{}, 400, 'author.publish.unknownIntent'],
        [{ intent: 'publish', message: 'Fine message' }, 400, 'author.studio.staleForm'],
        [{ intent: 'publish', message: 'Fine message', draftTreeId: '../../etc/passwd' }, 400, 'author.studio.staleForm'],
        [{ intent: 'publish', message: 'Fine message', draftTreeId: 'a'.repeat(24) }, 409, 'author.publish.conflict'],
        [{ intent: 'publish', message: 'no', draftTreeId: page.draftTreeId }, 400, 'author.publish.fixMessage'],
        [{ intent: 'publish', message: 'x'.repeat(501), draftTreeId: page.draftTreeId }, 400, 'author.publish.fixMessage'],
        [{ intent: 'revert', path: 'courses/mini/nope.mdx', baseTreeId: page.draftTreeId }, 400, 'author.publish.noSuchChange'],
        [{ intent: 'revert', path: '../outside.mdx', baseTreeId: page.draftTreeId }, 400, 'author.publish.noSuchChange'],
        [{ intent: 'revert', path: UNIT, baseTreeId: 'b'.repeat(24) }, 400, 'author.studio.staleForm'],
        [{ intent: 'rollback', publishId: 'no-such-publish' }, 404, 'author.publish.rollbackUnknown'],
        [{ intent: 'rollback' }, 400, 'author.publish.badRequest'],
      ];
      for (const [fields, status, message] of cases) {
        const r = await post(fields);
        expect(r.status, JSON.stringify(fields)).toBe(status);
        expect((await r.json()).message, JSON.stringify(fields)).toBe(message);
      }
      const short = await (await post({ intent: 'publish', message: 'no', draftTreeId: page.draftTreeId })).json();
      expect(short.errors.message).toBe('author.publish.messageRequired');
      // Not a form at all.
      const json = await action({
        request: new Request('http://localhost/author/publish', {
          method: 'POST',
          headers: { cookie: author.cookie, 'Content-Type': 'application/json' },
          body: '{}',
        }),
        params: {},
        context: ctx,
      }).catch((e) => e as Response);
      expect((json as Response).status).toBe(415);
      expect(await publishedTreeId(t.handle.db)).not.toBe(page.draftTreeId);
    });
  });
}
