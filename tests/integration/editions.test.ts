import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent, invalidateContent, useContentCacheDir } from '../../app/content/content.server';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { quizStatistics } from '../../app/models/analysis.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { createUser } from '../../app/models/user.server';
import { loader as courseLoader } from '../../app/routes/courses.$course._index';
import { loader as transcriptCsv } from '../../app/routes/courses.$course.transcript[.]csv';
import { action as unitAction, loader as unitLoader } from '../../app/routes/courses.$course.units.$unit';
import { loader as analysisLoader } from '../../app/routes/trainer.analysis';
import { action as manageAction } from '../../app/routes/trainer.cohorts.$cohortId_.manage';
import { engines, type TestDb } from '../setup/db';

// Language editions end to end through the route modules (docs/decisions/032-language-editions.md):
// the mini fixture course with its Spanish edition (tests/fixtures/content-es). A Spanish reader
// gets the Spanish unit and quiz, the attempt records es and is scored by the shared key; item
// analysis reads per edition or combined; the transcript CSV carries the edition; a group's
// language decides for trainees who chose none; an incomplete edition is an error at file:line:column.

const dir = mkdtempSync(join(tmpdir(), 'pa-editions-int-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
cpSync('tests/fixtures/content-es', dir, { recursive: true });
process.env.CONTENT_DIR = dir;
useContentCacheDir(join(dir, '.cache'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const course = 'mini';
const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const BASE = 'http://localhost';

describe.each(engines)('language editions on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    invalidateContent();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function signedIn(role: 'trainee' | 'trainer' = 'trainee') {
    const id = await createUser(t.handle.db, {
      email: `${randomUUID()}@example.org`,
      name: `${role} T`,
      passwordHash: 'x',
      role,
    });
    const cookie = (await createSession(id)).split(';')[0];
    return { id, cookie, role };
  }
  const get = (path: string, cookie: string, language?: string) =>
    new Request(`${BASE}${path}`, { headers: { Cookie: cookie, ...(language ? { 'Accept-Language': language } : {}) } });
  const post = (path: string, cookie: string, form: [string, string][], language?: string) =>
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: BASE,
        ...(language ? { 'Accept-Language': language } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  const json = async (p: Promise<unknown>) => (await (p as Promise<Response>)).json();

  /** Opens unit "first" and answers its quiz with the shared key; returns the page data. */
  async function takeQuiz(cookie: string, language?: string) {
    const path = `/courses/${course}/units/first`;
    const params = { course, unit: 'first' };
    const page = await json(unitLoader({ request: get(path, cookie, language), params, context: ctx }));
    const answers: [string, string][] = [
      ['intent', 'quiz'],
      ['drawId', page.quiz.drawId],
    ];
    for (const q of page.quiz.questions as { id: string }[]) answers.push([`q:${q.id}`, q.id === 'mini-one' ? 'b' : 'true']);
    const done = (await unitAction({ request: post(path, cookie, answers, language), params, context: ctx })) as Response;
    expect(done.status).toBe(302);
    return page;
  }

  it('a Spanish reader gets the Spanish unit and quiz; the attempt records es and is scored by the shared key', async () => {
    const ana = await signedIn();
    const page = await takeQuiz(ana.cookie, 'es-MX,es;q=0.9');
    expect(page.unit.title).toBe('La primera unidad');
    expect(page.edition).toEqual({ requested: 'es', untranslated: false, whole: false });
    expect(page.quiz.questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(['Elija la b.', 'Esto es verdad.']);
    const [attempt] = await t.handle.db.selectFrom('quiz_attempts').selectAll().where('user_id', '=', ana.id).execute();
    expect(attempt.locale).toBe('es');
    expect(Number(attempt.percent)).toBe(100);
    expect(attempt.snapshot).toContain('Elija la b.');
    const [draw] = await t.handle.db.selectFrom('quiz_draws').select('locale').where('user_id', '=', ana.id).execute();
    expect(draw.locale).toBe('es');

    // An English reader, same key, same score, recorded as en.
    const ben = await signedIn();
    const enPage = await takeQuiz(ben.cookie, 'en-US');
    expect(enPage.unit.title).toBe('The first unit');
    const [enAttempt] = await t.handle.db.selectFrom('quiz_attempts').selectAll().where('user_id', '=', ben.id).execute();
    expect(enAttempt.locale).toBe('en');
    expect(Number(enAttempt.percent)).toBe(100);
  });

  it('item analysis per edition and combined by question id', async () => {
    const trainer = await signedIn('trainer');
    const cohort = await createCohort(t.handle.db, {
      name: 'G',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      trainerId: trainer.id,
    });
    const ana = await signedIn();
    const ben = await signedIn();
    const cy = await signedIn();
    for (const p of [ana, ben, cy]) await addMember(t.handle.db, cohort.id, p.id);
    await takeQuiz(ana.cookie, 'es');
    await takeQuiz(ben.cookie, 'es');
    await takeQuiz(cy.cookie, 'en');
    const viewer = { id: trainer.id, role: 'trainer' as const };
    const figures = async (edition: string | null) =>
      quizStatistics(t.handle.db, viewer, { courseSlug: course, unitSlug: 'first', which: 'all', edition });
    expect((await figures(null)).test.attempts).toBe(3);
    expect((await figures('es')).test.attempts).toBe(2);
    expect((await figures('en')).test.attempts).toBe(1);
    const combined = await figures(null);
    expect(combined.items.map((i) => i.itemId).sort()).toEqual(['mini-one', 'mini-two']);

    // The page: a language filter, and the questions' text in the edition asked for.
    const page = await json(
      analysisLoader({
        request: get('/trainer/analysis?course=mini&source=quiz:first&edition=es', trainer.cookie),
        params: {},
        context: ctx,
      }),
    );
    expect(page.edition).toBe('es');
    expect(page.editions).toEqual(['en', 'es']);
    expect(page.test.attempts).toBe(2);
    expect(page.items.map((i: { prompt: string }) => i.prompt).sort()).toEqual(['Elija la b.', 'Esto es verdad.']);
    const all = await json(
      analysisLoader({
        request: get('/trainer/analysis?course=mini&source=quiz:first', trainer.cookie),
        params: {},
        context: ctx,
      }),
    );
    expect(all.edition).toBe('');
    expect(all.test.attempts).toBe(3);
  });

  it('the transcript CSV has an edition column on attempt rows', async () => {
    const ana = await signedIn();
    await takeQuiz(ana.cookie, 'es');
    const csv = (await transcriptCsv({
      request: get('/courses/mini/transcript.csv', ana.cookie, 'es'),
      params: { course },
      context: ctx,
    })) as Response;
    const lines = new TextDecoder()
      .decode(new Uint8Array(await csv.arrayBuffer()))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    // Asked in Spanish: the headers are in Spanish too.
    expect(lines[0]).toBe('Sección,Elemento,Fecha (hora del Pacífico),Estado o resultado,Horas,Edición');
    const quizRow = lines.find((l) => l.startsWith('Cuestionario,'));
    expect(quizRow).toMatch(/,es$/);
  });

  it("a group's language: set on the manage page, it decides for trainees who chose none", async () => {
    const trainer = await signedIn('trainer');
    const cohort = await createCohort(t.handle.db, {
      name: 'G',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      trainerId: trainer.id,
    });
    const ana = await signedIn();
    await addMember(t.handle.db, cohort.id, ana.id);
    const before = await json(courseLoader({ request: get('/courses/mini', ana.cookie), params: { course }, context: ctx }));
    expect(before.course.title).toBe('A mini course');

    const path = `/trainer/cohorts/${cohort.id}/manage`;
    const bad = (await manageAction({
      request: post(path, trainer.cookie, [
        ['intent', 'language'],
        ['locale', 'xx'],
      ]),
      params: { cohortId: cohort.id },
      context: ctx,
    })) as Response;
    expect(bad.status).toBe(400);
    const saved = (await manageAction({
      request: post(path, trainer.cookie, [
        ['intent', 'language'],
        ['locale', 'es'],
      ]),
      params: { cohortId: cohort.id },
      context: ctx,
    })) as Response;
    expect(saved.status).toBe(302);
    const row = await t.handle.db.selectFrom('cohorts').select('locale').where('id', '=', cohort.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('es');

    const after = await json(courseLoader({ request: get('/courses/mini', ana.cookie), params: { course }, context: ctx }));
    expect(after.course.title).toBe('Un curso pequeño');
    expect(after.edition.untranslated).toBe(false);
  });

  it("a course with no edition in the reader's language: English, with the note", async () => {
    const ana = await signedIn();
    const esDir = join(dir, 'courses/mini/es');
    const saved = mkdtempSync(join(tmpdir(), 'pa-es-'));
    cpSync(esDir, saved, { recursive: true });
    rmSync(esDir, { recursive: true });
    invalidateContent();
    try {
      const page = await json(
        courseLoader({ request: get('/courses/mini', ana.cookie, 'es'), params: { course }, context: ctx }),
      );
      expect(page.course.title).toBe('A mini course');
      expect(page.edition).toEqual({ requested: 'es', untranslated: true, whole: true });
    } finally {
      cpSync(saved, esDir, { recursive: true });
      rmSync(saved, { recursive: true, force: true });
      invalidateContent();
    }
  });
});

describe('an incomplete edition', () => {
  it('is an error at file:line:column naming the file expected', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'pa-editions-gap-'));
    try {
      cpSync(dir, copy, { recursive: true });
      unlinkSync(join(copy, 'courses/mini/es/units/01-first.quiz.yaml'));
      const content = await buildContent(copy);
      expect(
        content.problems.map((p) => `${p.file.slice(p.file.indexOf('courses/'))}:${p.line}:${p.column} ${p.message}`),
      ).toEqual([
        expect.stringMatching(
          /^courses\/mini\/units\/01-first\.quiz\.yaml:1:1 the es edition has no counterpart of this file: expected .*courses\/mini\/es\/units\/01-first\.quiz\.yaml$/,
        ),
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
