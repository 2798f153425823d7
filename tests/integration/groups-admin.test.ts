import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getContent } from '../../app/content/content.server';
import { useDatabase } from '../../app/infra/db.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { hashPassword } from '../../app/infra/password.server';
import { createSession, getSessionUser } from '../../app/infra/session.server';
import { recordAudit } from '../../app/models/audit.server';
import {
  addMember,
  canViewTrainee,
  createCohort,
  findCohortByCode,
  listCohortsFor,
  listMembers,
  taughtCohortIds,
} from '../../app/models/cohort.server';
import { getAttemptItems, saveExamResponse, startExamAttempt, submitExamAttempt } from '../../app/models/exam.server';
import { findGradableAttempt } from '../../app/models/grading.server';
import { attemptSignup } from '../../app/models/login.server';
import { deliverDue } from '../../app/models/outbox.server';
import { containsPattern, createUser, searchUsers } from '../../app/models/user.server';
import { action as accountAction, loader as accountLoader } from '../../app/routes/account';
import { action as adminAction } from '../../app/routes/admin._index';
import { loader as auditCsvLoader } from '../../app/routes/admin.audit[.]csv';
import { action as adminUserAction } from '../../app/routes/admin.users.$userId';
import { action as inviteAction } from '../../app/routes/invite._index';
import { loader as inviteLinkLoader } from '../../app/routes/invite.$token';
import { action as loginAction } from '../../app/routes/login';
import { action as importAction } from '../../app/routes/trainer.cohorts.$cohortId_.import';
import { action as manageAction, loader as manageLoader } from '../../app/routes/trainer.cohorts.$cohortId_.manage';
import { loader as queueLoader } from '../../app/routes/trainer.grading._index';
import { loader as gradeLoader } from '../../app/routes/trainer.grading.$token';
import * as m0012 from '../../db/migrations/0012_groups_admin';
import { engines, type TestDb } from '../setup/db';
import { inEnglish } from '../setup/messages';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

// Groups, rosters and admin (issue #16 items 7-8), through the routes as Remix calls them,
// with hand-made requests from people who should not get through.

const PW = 'a long enough password for tests';
let cheapHash: string;
beforeAll(async () => {
  cheapHash = await hashPassword(PW, 2 ** 10);
});

describe.each(engines)('groups and admin on $name', ({ fresh }) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    smtp = await startTestSmtp();
  });
  afterEach(async () => {
    await smtp.close();
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const ctx = { clientAddress: '127.0.0.1', requestId: 't', nonce: '' };
  const user = (email: string, role: 'trainee' | 'trainer' | 'admin' = 'trainee', name = email.split('@')[0]) =>
    createUser(db(), { email, name, passwordHash: cheapHash, role });
  const cookieFor = async (id: string) => (await createSession(id)).split(';')[0];
  const post = (path: string, fields: Record<string, string>, cookie: string) =>
    new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie } });
  const get = (path: string, cookie = '') => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
  async function outcome(p: Promise<unknown> | unknown): Promise<Response> {
    try {
      return (await p) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  }
  const manage = (cohortId: string, fields: Record<string, string>, cookie: string) =>
    outcome(
      manageAction({ request: post(`/trainer/cohorts/${cohortId}/manage`, fields, cookie), params: { cohortId }, context: ctx }),
    );
  const importCsv = (cohortId: string, intent: 'preview' | 'import', csv: string, cookie: string, query = '') =>
    outcome(
      importAction({
        request: post(`/trainer/cohorts/${cohortId}/import${query}`, { intent, csv }, cookie),
        params: { cohortId },
        context: ctx,
      }),
    );
  const join = (code: string, cookie: string) =>
    outcome(accountAction({ request: post('/account', { intent: 'join', joinCode: code }, cookie), params: {}, context: ctx }));
  const send = () => deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');

  async function group() {
    const owner = await user('owner@example.org', 'trainer', 'Olive Owner');
    const stranger = await user('stranger@example.org', 'trainer', 'Sam Stranger');
    const trainee = await user('kai@example.org', 'trainee', 'Kai Trainee');
    const cohort = await createCohort(db(), { name: 'Spring', startsOn: '2026-03-01', endsOn: '2026-06-30', trainerId: owner });
    await addMember(db(), cohort.id, trainee);
    return { owner, stranger, trainee, cohort, ownerCookie: await cookieFor(owner), strangerCookie: await cookieFor(stranger) };
  }
  const cohortRow = (id: string) => db().selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a trainer who does not teach a group cannot see, change, archive, regenerate, approve, remove or import into it', async () => {
    const g = await group();
    const requester = await user('req@example.org');
    await db()
      .insertInto('cohort_join_requests')
      .values({ cohort_id: g.cohort.id, user_id: requester, requested_at: 1 })
      .execute();
    const before = await cohortRow(g.cohort.id);
    expect(
      (
        await outcome(
          manageLoader({
            request: get(`/trainer/cohorts/${g.cohort.id}/manage`, g.strangerCookie),
            params: { cohortId: g.cohort.id },
            context: ctx,
          }),
        )
      ).status,
    ).toBe(404);
    const attempts: Record<string, string>[] = [
      { intent: 'details', name: 'Mine now', startsOn: '2026-01-01', endsOn: '2026-02-01' },
      { intent: 'archive' },
      { intent: 'new-code' },
      { intent: 'join-rules', expiresOn: '2020-01-01', requiresApproval: 'on' },
      { intent: 'approve', userId: requester },
      { intent: 'decline', userId: requester },
      { intent: 'remove', userId: g.trainee },
      { intent: 'add-trainer', trainerEmail: 'stranger@example.org' },
    ];
    for (const fields of attempts) expect((await manage(g.cohort.id, fields, g.strangerCookie)).status, fields.intent).toBe(404);
    expect((await importCsv(g.cohort.id, 'import', 'Ann,ann@example.org', g.strangerCookie)).status).toBe(404);
    expect(await cohortRow(g.cohort.id)).toEqual(before);
    expect((await listMembers(db(), g.cohort.id)).map((m) => m.id)).toEqual([g.trainee]);
    expect(await db().selectFrom('cohort_join_requests').selectAll().execute()).toHaveLength(1);
    expect(await db().selectFrom('cohort_trainers').select('user_id').execute()).toEqual([{ user_id: g.owner }]);
    expect(await db().selectFrom('users').select('id').where('email', '=', 'ann@example.org').execute()).toEqual([]);
    // A trainee (no trainer role) is refused outright.
    const traineeCookie = await cookieFor(g.trainee);
    expect((await manage(g.cohort.id, { intent: 'archive' }, traineeCookie)).status).toBe(403);
  });

  it('the owner renames, dates, archives and unarchives; archived groups leave the dashboard and refuse their code', async () => {
    const g = await group();
    const owner = { id: g.owner, email: 'owner@example.org', name: 'Olive Owner', role: 'trainer' as const };
    const bad = await manage(
      g.cohort.id,
      { intent: 'details', name: '', startsOn: '2026-05-01', endsOn: '2026-04-01' },
      g.ownerCookie,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({ name: 'trainer.home.error.name' });
    expect(
      (
        await manage(
          g.cohort.id,
          { intent: 'details', name: 'Spring 2026', startsOn: '2026-03-02', endsOn: '2026-07-01' },
          g.ownerCookie,
        )
      ).status,
    ).toBe(302);
    expect(await cohortRow(g.cohort.id)).toMatchObject({ name: 'Spring 2026', starts_on: '2026-03-02', ends_on: '2026-07-01' });
    expect((await manage(g.cohort.id, { intent: 'archive' }, g.ownerCookie)).headers.get('Location')).toMatch(/done=archived/);
    expect(await listCohortsFor(db(), owner)).toEqual([]);
    expect((await listCohortsFor(db(), owner, { archived: true })).map((c) => c.id)).toEqual([g.cohort.id]);
    expect((await findCohortByCode(db(), g.cohort.joinCode))?.usable).toBe(false);
    // Records and scope stay with an archived group.
    expect(await canViewTrainee(db(), owner, g.trainee)).toBe(true);
    await manage(g.cohort.id, { intent: 'unarchive' }, g.ownerCookie);
    expect((await listCohortsFor(db(), owner)).map((c) => c.id)).toEqual([g.cohort.id]);
  });

  it('a new join code stops the old one; an expired code is refused; approval makes a request the trainer decides', async () => {
    const g = await group();
    const newcomer = await user('new@example.org', 'trainee', 'Nia New');
    const cookie = await cookieFor(newcomer);
    const old = g.cohort.joinCode;
    expect((await manage(g.cohort.id, { intent: 'new-code' }, g.ownerCookie)).status).toBe(302);
    const fresh = (await cohortRow(g.cohort.id)).join_code;
    expect(fresh).not.toBe(old);
    expect(await findCohortByCode(db(), old)).toBeUndefined();
    const refused = await join(old, cookie);
    expect(refused.status).toBe(400);
    expect(inEnglish((await refused.json()).errors.joinCode)).toMatch(/could not find a group/);

    // Expired yesterday (any date in the past).
    expect((await manage(g.cohort.id, { intent: 'join-rules', expiresOn: '2020-01-31' }, g.ownerCookie)).status).toBe(302);
    expect((await cohortRow(g.cohort.id)).join_code_expires_at).toBe(Date.UTC(2020, 1, 1, 8));
    const expired = await join(fresh, cookie);
    expect(expired.status).toBe(400);
    expect(inEnglish((await expired.json()).errors.joinCode)).toBe(
      'This join code no longer works. Ask your trainer for a new one.',
    );
    expect(await listMembers(db(), g.cohort.id)).toHaveLength(1);

    // No expiry, approval required: the newcomer waits.
    await manage(g.cohort.id, { intent: 'join-rules', expiresOn: '', requiresApproval: 'on' }, g.ownerCookie);
    const asked = await join(fresh, cookie);
    expect((await asked.json()).joined).toMatch(/waiting for approval/);
    expect(await listMembers(db(), g.cohort.id)).toHaveLength(1);
    const acct = await outcome(accountLoader({ request: get('/account', cookie), params: {}, context: ctx }));
    expect((await acct.json()).pending).toEqual([{ id: g.cohort.id, name: 'Spring' }]);
    const page = await (
      await outcome(manageLoader({ request: get('/x', g.ownerCookie), params: { cohortId: g.cohort.id }, context: ctx }))
    ).json();
    expect(page.requests.map((r: { email: string }) => r.email)).toEqual(['new@example.org']);
    expect((await manage(g.cohort.id, { intent: 'approve', userId: newcomer }, g.ownerCookie)).status).toBe(302);
    // A second click: nothing more happens, plainly said.
    expect((await manage(g.cohort.id, { intent: 'approve', userId: newcomer }, g.ownerCookie)).status).toBe(400);
    expect((await listMembers(db(), g.cohort.id)).map((m) => m.email).sort()).toEqual(['kai@example.org', 'new@example.org']);

    const other = await user('other@example.org');
    await join(fresh, await cookieFor(other));
    expect((await manage(g.cohort.id, { intent: 'decline', userId: other }, g.ownerCookie)).status).toBe(302);
    expect(await db().selectFrom('cohort_join_requests').selectAll().execute()).toEqual([]);
    expect(await listMembers(db(), g.cohort.id)).toHaveLength(2);
  });

  it('signing up with a code that needs approval makes a request, not a membership', async () => {
    const g = await group();
    await manage(g.cohort.id, { intent: 'join-rules', expiresOn: '', requiresApproval: 'on' }, g.ownerCookie);
    const r = await attemptSignup(db(), {
      email: 'wren@example.org',
      name: 'Wren',
      password: PW,
      address: '10.0.0.9',
      cohortId: g.cohort.id,
      cohortRequiresApproval: true,
      base: 'http://x',
    });
    expect(r.ok).toBe(true);
    expect(await listMembers(db(), g.cohort.id)).toHaveLength(1);
    const requests = await db().selectFrom('cohort_join_requests').select(['cohort_id']).execute();
    expect(requests).toEqual([{ cohort_id: g.cohort.id }]);
  }, 60_000);

  it('removing a trainee takes them off the group, and keeps their records', async () => {
    const g = await group();
    await db()
      .insertInto('unit_progress')
      .values({
        user_id: g.trainee,
        course_slug: 'c',
        unit_slug: 'u',
        completed_at: 5,
        completed_by: 'manual',
        best_percent: null,
        last_visited_at: 5,
      })
      .execute();
    expect((await manage(g.cohort.id, { intent: 'remove', userId: g.trainee }, g.ownerCookie)).status).toBe(302);
    expect(await listMembers(db(), g.cohort.id)).toEqual([]);
    expect(await canViewTrainee(db(), { id: g.owner, role: 'trainer' }, g.trainee)).toBe(false);
    expect(await db().selectFrom('unit_progress').select('user_id').execute()).toEqual([{ user_id: g.trainee }]);
    expect(await db().selectFrom('users').select('id').where('id', '=', g.trainee).execute()).toHaveLength(1);
    expect((await manage(g.cohort.id, { intent: 'remove', userId: g.trainee }, g.ownerCookie)).status).toBe(400);
  });

  it('a co-trainer sees the group and grades it, anonymously; the migration backfills owners', async () => {
    const g = await group();
    // Migration 0012 run again over existing groups makes each trainer_id the owner.
    await m0012.down(db());
    await m0012.up(db());
    expect(await db().selectFrom('cohort_trainers').select(['cohort_id', 'user_id', 'role']).execute()).toEqual([
      { cohort_id: g.cohort.id, user_id: g.owner, role: 'owner' },
    ]);
    const co = await user('co@example.org', 'trainer', 'Cory Co');
    const coViewer = { id: co, email: 'co@example.org', name: 'Cory Co', role: 'trainer' as const };
    expect(await canViewTrainee(db(), coViewer, g.trainee)).toBe(false);
    const notTrainer = await manage(g.cohort.id, { intent: 'add-trainer', trainerEmail: 'kai@example.org' }, g.ownerCookie);
    expect((await notTrainer.json()).errors.trainerEmail).toBe('trainer.manage.error.notTrainer');
    expect((await manage(g.cohort.id, { intent: 'add-trainer', trainerEmail: 'CO@example.org' }, g.ownerCookie)).status).toBe(
      302,
    );
    expect(await canViewTrainee(db(), coViewer, g.trainee)).toBe(true);
    expect((await listCohortsFor(db(), coViewer)).map((c) => c.id)).toEqual([g.cohort.id]);
    expect((await taughtCohortIds(db(), coViewer).execute()).map((r) => r.id)).toEqual([g.cohort.id]);

    const course = (await getContent()).courses.find((c) => c.course.slug === 'peer-support-core');
    const form = course?.exam?.definition.forms.find((f) => f.id === 'short');
    if (!course?.exam || !form) throw new Error('no exam');
    const started = await startExamAttempt(db(), { userId: g.trainee, courseSlug: course.course.slug, exam: course.exam, form });
    if (!started.ok) throw new Error('no start');
    const written = (await getAttemptItems(db(), started.attemptId)).find((i) => i.kind === 'written');
    if (!written) throw new Error('no written item');
    await saveExamResponse(db(), {
      userId: g.trainee,
      attemptId: started.attemptId,
      position: written.position,
      response: 'I would listen.',
    });
    await submitExamAttempt(db(), started.attemptId, 'trainee');
    const { grading_token: token } = await db().selectFrom('exam_attempts').select('grading_token').executeTakeFirstOrThrow();

    const coCookie = await cookieFor(co);
    const queue = await (
      await outcome(queueLoader({ request: get('/trainer/grading', coCookie), params: {}, context: ctx }))
    ).text();
    expect(queue).toContain(token);
    const page = await outcome(
      gradeLoader({ request: get(`/trainer/grading/${token}`, coCookie), params: { token }, context: ctx }),
    );
    expect(page.status).toBe(200);
    const text = await page.text();
    for (const secret of ['Kai Trainee', 'kai@example.org', g.trainee, started.attemptId]) expect(text).not.toContain(secret);
    // The stranger still cannot; removing the co-trainer takes the group away again.
    expect(await findGradableAttempt(db(), { id: g.stranger, role: 'trainer' }, token)).toBeUndefined();
    expect((await manage(g.cohort.id, { intent: 'remove-trainer', userId: co }, g.ownerCookie)).status).toBe(302);
    expect(await findGradableAttempt(db(), coViewer, token)).toBeUndefined();
    // The owner cannot be removed as a co-trainer.
    expect((await manage(g.cohort.id, { intent: 'remove-trainer', userId: g.owner }, g.ownerCookie)).status).toBe(400);
  });

  it('imports a messy roster: preview changes nothing; existing accounts join, new people are invited, and each refused row says why', async () => {
    const g = await group();
    await user('lee@example.org', 'trainee', 'Lee Existing');
    const csv = [
      '\uFEFFEmail,Name,Phone',
      'ana@example.org,Ana Ruiz,555-1234',
      'LEE@example.org,Lee Existing,',
      'kai@example.org,Kai Trainee,',
      'not-an-email,Bad Row,',
      'ana@example.org,Ana Again,',
      '"bo@example.org","Lee, Bo",1,2,3',
      '',
    ].join('\r\n');
    const preview = await importCsv(g.cohort.id, 'preview', csv, g.ownerCookie);
    const p = await preview.json();
    expect(p.stage).toBe('preview');
    expect(p.join.map((r: { email: string }) => r.email)).toEqual(['lee@example.org']);
    expect(p.invite.map((r: { email: string }) => r.email)).toEqual(['ana@example.org', 'bo@example.org']);
    expect(p.problems.map((r: { line: number; problem: string }) => [r.line, r.problem])).toEqual([
      [4, 'Already in the group.'],
      [5, 'The email address is not valid.'],
      [6, 'The same email is already on line 2.'],
    ]);
    expect(await listMembers(db(), g.cohort.id)).toHaveLength(1);
    expect(await db().selectFrom('outbox').selectAll().execute()).toEqual([]);

    const done = await (await importCsv(g.cohort.id, 'import', p.csv, g.ownerCookie)).json();
    expect(done.stage).toBe('done');
    expect((await listMembers(db(), g.cohort.id)).map((m) => m.email).sort()).toEqual([
      'ana@example.org',
      'bo@example.org',
      'kai@example.org',
      'lee@example.org',
    ]);
    expect(
      (await db().selectFrom('users').select('name').where('email', '=', 'bo@example.org').executeTakeFirstOrThrow()).name,
    ).toBe('Lee, Bo');
    // Importing again adds no one twice.
    const again = await (await importCsv(g.cohort.id, 'import', p.csv, g.ownerCookie)).json();
    expect(again.join).toEqual([]);
    expect(again.invite).toEqual([]);

    await send();
    const mail = await smtp.waitFor(3);
    const lee = mail.find((m) => m.to === 'lee@example.org');
    expect(lee?.subject).toBe('You were added to Spring on Peer Academy');
    const ana = mail.find((m) => m.to === 'ana@example.org');
    expect(ana?.subject).toBe('You are invited to Spring on Peer Academy');
    expect(ana?.text).toMatch(/Olive Owner added you/);
    const link =
      ana?.text.match(/http:\/\/localhost:\d+\/invite\/([A-Za-z0-9_-]{43})/) ?? ana?.text.match(/\/invite\/([A-Za-z0-9_-]{43})/);
    if (!link) throw new Error('no invite link');
    // The invitee cannot log in before choosing a password.
    const anaId = (await db().selectFrom('users').select('id').where('email', '=', 'ana@example.org').executeTakeFirstOrThrow())
      .id;
    const toForm = await outcome(
      inviteLinkLoader({ request: get(`/invite/${link[1]}`), params: { token: link[1] }, context: ctx }),
    );
    expect(toForm.status).toBe(302);
    const inviteCookie = toForm.headers.getSetCookie()[0].split(';')[0];
    const weak = await outcome(
      inviteAction({ request: post('/invite', { password: 'short' }, inviteCookie), params: {}, context: ctx }),
    );
    expect(weak.status).toBe(400);
    const ok = await outcome(
      inviteAction({ request: post('/invite', { password: PW }, inviteCookie), params: {}, context: ctx }),
    );
    expect(ok.status).toBe(302);
    const session =
      ok.headers
        .getSetCookie()
        .find((c) => c.startsWith('pa_session='))
        ?.split(';')[0] ?? '';
    expect((await getSessionUser(get('/courses', session)))?.id).toBe(anaId);
    expect((await getSessionUser(get('/courses', session)))?.emailVerified).toBe(true);
    // The link works once.
    const reused = await outcome(
      inviteAction({ request: post('/invite', { password: PW }, inviteCookie), params: {}, context: ctx }),
    );
    expect(reused.status).toBe(400);
    // Each import and the invitee's password are real scrypt hashes (~0.4 s each on an idle core): room for a busy machine.
  }, 90_000);

  it('an empty or unreadable file answers 400 in words', async () => {
    const g = await group();
    const empty = await importCsv(g.cohort.id, 'preview', '  ', g.ownerCookie);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toBe('trainer.import.error.empty');
    const broken = await importCsv(g.cohort.id, 'preview', 'Ann,"ann@example.org\nBo,bo@example.org', g.ownerCookie);
    expect((await broken.json()).error).toMatch(/could not read this file as CSV/);
  });

  it('says the import’s problems in the trainer’s language', async () => {
    const g = await group();
    const p = await (
      await importCsv(g.cohort.id, 'preview', 'Kai,kai@example.org\nBad,not-an-email', g.ownerCookie, '?lang=es')
    ).json();
    expect(p.problems.map((r: { line: number; problem: string }) => [r.line, r.problem])).toEqual([
      [1, 'Ya está en el grupo.'],
      [2, 'El correo electrónico no es válido.'],
    ]);
    const broken = await importCsv(g.cohort.id, 'preview', 'Ann,"ann@example.org\nBo,bo@example.org', g.ownerCookie, '?lang=es');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/^No pudimos leer este archivo como CSV/);
  });

  it('deactivating ends sessions at once and refuses login plainly; reactivating lets the person back; both are audited', async () => {
    const admin = await user('admin@example.org', 'admin', 'Ada Admin');
    const kai = await user('kai@example.org', 'trainee', 'Kai');
    const adminCookie = await cookieFor(admin);
    const kaiCookie = await cookieFor(kai);
    await cookieFor(kai);
    expect((await getSessionUser(get('/courses', kaiCookie)))?.id).toBe(kai);
    const r = await outcome(
      adminUserAction({
        request: post(`/admin/users/${kai}`, { intent: 'deactivate' }, adminCookie),
        params: { userId: kai },
        context: ctx,
      }),
    );
    expect(r.status).toBe(302);
    expect(await getSessionUser(get('/courses', kaiCookie))).toBeNull();
    expect(await db().selectFrom('sessions').select('id').where('user_id', '=', kai).execute()).toEqual([]);
    const login = await outcome(
      loginAction({ request: post('/login', { email: 'kai@example.org', password: PW }, ''), params: {}, context: ctx }),
    );
    expect(login.status).toBe(403);
    expect(inEnglish((await login.json()).errors.form)).toMatch(/turned off by an administrator/);
    // A wrong password says only what it always says.
    const wrong = await outcome(
      loginAction({
        request: post('/login', { email: 'kai@example.org', password: 'nope nope nope' }, ''),
        params: {},
        context: ctx,
      }),
    );
    expect(inEnglish((await wrong.json()).errors.form)).toMatch(/do not match an account/);
    // An admin cannot deactivate themself.
    expect(
      (
        await outcome(
          adminUserAction({
            request: post(`/admin/users/${admin}`, { intent: 'deactivate' }, adminCookie),
            params: { userId: admin },
            context: ctx,
          }),
        )
      ).status,
    ).toBe(400);
    await adminUserAction({
      request: post(`/admin/users/${kai}`, { intent: 'reactivate' }, adminCookie),
      params: { userId: kai },
      context: ctx,
    });
    const back = await outcome(
      loginAction({ request: post('/login', { email: 'kai@example.org', password: PW }, ''), params: {}, context: ctx }),
    );
    expect(back.status).toBe(302);
    await adminAction({ request: post('/admin', { userId: kai, role: 'trainer' }, adminCookie), params: {}, context: ctx });
    const log = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_user_id', 'detail'])
      .orderBy('at')
      .orderBy('action')
      .execute();
    expect(log.map((l) => l.action).sort()).toEqual(['deactivated', 'reactivated', 'role-changed']);
    expect(log.every((l) => l.actor_id === admin && l.target_user_id === kai)).toBe(true);
    expect(log.find((l) => l.action === 'role-changed')?.detail).toBe('{"from":"trainee","to":"trainer"}');
    // A trainee cannot reach the admin actions.
    const kaiAgain = await cookieFor(kai);
    expect(
      (
        await outcome(
          adminUserAction({
            request: post(`/admin/users/${admin}`, { intent: 'deactivate' }, kaiAgain),
            params: { userId: admin },
            context: ctx,
          }),
        )
      ).status,
    ).toBe(403);
  });

  it('searches users by name or email, any case, with paging; % and _ match only themselves', async () => {
    for (const [email, name] of [
      ['ana@example.org', 'Ana Ruiz'],
      ['bo@example.org', 'Bo ANAYA'],
      ['pct@example.org', '100% Real'],
      ['under_score@example.org', 'Under Score'],
      ['underxscore@example.org', 'Underx Score'],
      ['zed@example.org', 'Zed'],
    ])
      await createUser(db(), { email, name, passwordHash: 'x' });
    const emails = async (q: string, page = 1, pageSize = 50) =>
      (await searchUsers(db(), { q, page, pageSize })).rows.map((r) => r.email);
    expect(await emails('ana')).toEqual(['ana@example.org', 'bo@example.org']);
    expect(await emails('ANA')).toEqual(['ana@example.org', 'bo@example.org']);
    expect(await emails('%')).toEqual(['pct@example.org']);
    expect(await emails('_')).toEqual(['under_score@example.org']);
    expect(await emails('r_s')).toEqual(['under_score@example.org']);
    expect(await emails('\\')).toEqual([]);
    expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
    const all = await searchUsers(db(), { q: '', page: 1, pageSize: 4 });
    expect(all.total).toBe(6);
    expect(all.pages).toBe(2);
    expect(await emails('', 2, 4)).toEqual(['underxscore@example.org', 'zed@example.org']);
    expect(await emails('', 3, 4)).toEqual([]);
  });

  it('exports the filtered audit log as CSV with a BOM', async () => {
    const admin = await user('admin@example.org', 'admin', 'Ada Admin');
    const kai = await user('kai@example.org', 'trainee', 'Kaï Ñame');
    await recordAudit(db(), { actorId: admin, action: 'deactivated', targetUserId: kai }, Date.UTC(2026, 5, 1, 18));
    await recordAudit(
      db(),
      { actorId: admin, action: 'reset-sent', targetUserId: kai, detail: { link: 'reset' } },
      Date.UTC(2026, 5, 3, 18),
    );
    await recordAudit(
      db(),
      { actorId: admin, action: 'role-changed', targetUserId: kai, detail: { from: 'trainee', to: 'trainer' } },
      Date.UTC(2026, 5, 5, 18),
    );
    const cookie = await cookieFor(admin);
    const csv = async (q: string) => {
      const r = await outcome(auditCsvLoader({ request: get(`/admin/audit.csv?${q}`, cookie), params: {}, context: ctx }));
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await r.arrayBuffer());
    };
    const whole = await csv('');
    expect(whole.startsWith('\uFEFFTime in Pacific time (ISO 8601),Action,')).toBe(true);
    expect(whole).toContain('Kaï Ñame');
    expect(whole.trim().split('\r\n')).toHaveLength(4);
    expect((await csv('action=role-changed')).trim().split('\r\n')[1]).toContain('trainee → trainer');
    expect((await csv('action=role-changed&lang=es')).trim().split('\r\n')[1]).toContain('participante → capacitador(a)');
    const ranged = (await csv('from=2026-06-02&to=2026-06-04&target=KAI@example.org')).trim().split('\r\n');
    expect(ranged).toHaveLength(2);
    expect(ranged[1]).toContain('Password reset link sent');
    expect((await csv('actor=nobody@example.org')).trim().split('\r\n')).toHaveLength(1);
    const kaiCookie = await cookieFor(kai);
    expect(
      (await outcome(auditCsvLoader({ request: get('/admin/audit.csv', kaiCookie), params: {}, context: ctx }))).status,
    ).toBe(403);
  });
});
