import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../app/content/content.server';
import type { ExamContent } from '../../app/content/load.server';
import type { SessionUser } from '../../app/guards/auth.server';
import { useDatabase } from '../../app/infra/db.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { hashPassword, verifyPassword } from '../../app/infra/password.server';
import { createSession, getSessionUser } from '../../app/infra/session.server';
import { deleteAccount, deletedEmail, MAX_REAUTH_PER_HOUR } from '../../app/models/account.server';
import { EMAIL_CHANGE_TOKEN_TTL_MS, issueToken, peekToken } from '../../app/models/account-token.server';
import { announcementsForTrainee, postAnnouncement, publishDueAnnouncements } from '../../app/models/announcement.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { getAttemptItems, saveExamResponse, startExamAttempt, submitExamAttempt } from '../../app/models/exam.server';
import { releaseAllGraded, releaseAttempt, saveGrade } from '../../app/models/grading.server';
import { notify, savePreferences, sendDailyDigests, unreadCount } from '../../app/models/notification.server';
import { deliverDue } from '../../app/models/outbox.server';
import { createUser } from '../../app/models/user.server';
import { action as accountAction, loader as accountLoader } from '../../app/routes/account';
import { action as confirmAction, loader as confirmLoader } from '../../app/routes/account_.email.$token';
import { action as dismissAction } from '../../app/routes/announcements.$id.dismiss';
import { loader as courseLoader } from '../../app/routes/courses.$course._index';
import { action as loginAction } from '../../app/routes/login';
import { action as notificationsAction, loader as notificationsLoader } from '../../app/routes/notifications';
import { action as announceAction } from '../../app/routes/trainer.announcements';
import { engines, type TestDb } from '../setup/db';
import { inEnglish } from '../setup/messages';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

const PASSWORD = 'correct horse battery staple';
let cheapHash: string;
let exam: ExamContent;

// Notifications, announcements and the profile, on both engines: the models directly, and the
// routes as Remix calls them with hand-made requests (what a curious trainee or trainer can send).

describe.each(engines)('notifications, announcements and profile on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    cheapHash ??= await hashPassword(PASSWORD, 2 ** 10);
    exam ??= (await buildContent('tests/fixtures/content')).courses[0].exam as ExamContent;
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const args = (request: Request, params: Record<string, string> = {}) => ({
    request,
    params,
    context: { clientAddress: '127.0.0.1', requestId: 't', nonce: '' },
  });
  const post = (path: string, fields: Record<string, string | string[]>, cookie?: string) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return new Request(`http://localhost${path}`, { method: 'POST', body, headers: cookie ? { Cookie: cookie } : {} });
  };
  const get = (path: string, cookie?: string) =>
    new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const person = async (email: string, role: 'trainee' | 'trainer' | 'admin' = 'trainee', name = 'Kai') => {
    const id = await createUser(db(), { email, name, passwordHash: cheapHash, role });
    const cookie = (await createSession(id)).split(';')[0];
    const viewer = { id, email, name, role } as SessionUser;
    return { id, cookie, viewer };
  };
  const outbox = () => db().selectFrom('outbox').selectAll().orderBy('created_at').orderBy('subject').execute();
  const status = async (p: Promise<unknown>) => {
    try {
      return ((await p) as Response).status;
    } catch (e) {
      if (e instanceof Response) return e.status;
      throw e;
    }
  };

  /** A group with a trainer and one trainee who submitted an exam with a written answer. */
  async function submittedAttempt() {
    const trainer = await person('tess@example.org', 'trainer', 'Tess');
    const trainee = await person('pat@example.org');
    const cohort = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: trainer.id });
    await addMember(db(), cohort.id, trainee.id);
    const r = await startExamAttempt(
      db(),
      { userId: trainee.id, courseSlug: 'mini', exam, form: exam.definition.forms[0] },
      1_000,
    );
    if (!r.ok) throw new Error('no start');
    const written = (await getAttemptItems(db(), r.attemptId)).find((i) => i.kind === 'written');
    if (!written) throw new Error('no written item');
    await saveExamResponse(
      db(),
      { userId: trainee.id, attemptId: r.attemptId, position: written.position, response: 'I listen.' },
      2_000,
    );
    await submitExamAttempt(db(), r.attemptId, 'trainee', 3_000);
    return { trainer, trainee, attemptId: r.attemptId, itemId: written.id };
  }

  it('a result notifies at release, in app and by mail, and never at grading time', async () => {
    const s = await submittedAttempt();
    const graded = await saveGrade(db(), {
      attemptId: s.attemptId,
      attemptItemId: s.itemId,
      graderId: s.trainer.id,
      submission: { levels: [['care', '4']], comments: [] },
      overall: '',
      finalise: true,
      reason: '',
    });
    expect(graded).toMatchObject({ ok: true, status: 'final' });
    expect(await unreadCount(db(), s.trainee.id)).toBe(0);
    expect(await outbox()).toHaveLength(0);
    expect(await releaseAllGraded(db(), s.trainer.viewer)).toBe(1);
    expect(await unreadCount(db(), s.trainee.id)).toBe(1);
    const mails = await outbox();
    expect(mails.map((m) => [m.to_address, m.subject, m.reason])).toEqual([
      ['pat@example.org', 'Your practice exam result is ready', 'notification'],
    ]);
    expect(mails[0].text_body).toContain(`/courses/mini/exam/attempts/${s.attemptId}/result`);
    // Releasing again changes nothing and tells no one twice.
    expect(await releaseAttempt(db(), s.attemptId, s.trainer.id)).toBe(false);
    expect(await unreadCount(db(), s.trainee.id)).toBe(1);
    expect(await outbox()).toHaveLength(1);
  });

  it('a trainee reads and marks only their own notifications; another’s is a 404 and stays unread', async () => {
    const a = await person('a@example.org');
    const b = await person('b@example.org');
    const theirs = await notify(db(), { userId: b.id, kind: 'result', title: 'Secret result for B', body: 'b', link: null });
    await notify(db(), { userId: a.id, kind: 'result', title: 'Result for A', body: 'a', link: null });
    const page = await ((await notificationsLoader(args(get('/notifications', a.cookie)))) as Response).json();
    expect(page.notifications.map((n: { title: string }) => n.title)).toEqual(['Result for A']);
    expect(JSON.stringify(page)).not.toContain('Secret');
    expect(await status(notificationsAction(args(post('/notifications', { intent: 'read', id: theirs }, a.cookie))))).toBe(404);
    expect(await unreadCount(db(), b.id)).toBe(1);
    // "Open" only goes to a path of this site.
    const opened = (await notificationsAction(
      args(post('/notifications', { intent: 'read', id: theirs, open: 'https://evil.example/' }, b.cookie)),
    )) as Response;
    expect(opened.headers.get('Location')).toBe('/notifications');
    expect(await unreadCount(db(), b.id)).toBe(0);
    expect(await status(notificationsAction(args(post('/notifications', { intent: 'nonsense' }, a.cookie))))).toBe(400);
    await notificationsAction(args(post('/notifications', { intent: 'read-all' }, a.cookie)));
    expect(await unreadCount(db(), a.id)).toBe(0);
  });

  it('a trainer posts only to groups they teach; a trainee sees, gets and dismisses only their groups’ announcements', async () => {
    const tess = await person('tess@example.org', 'trainer', 'Tess');
    const other = await person('omar@example.org', 'trainer', 'Omar');
    const pat = await person('pat@example.org');
    const sam = await person('sam@example.org');
    const mine = await createCohort(db(), { name: 'Mine', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: tess.id });
    const theirs = await createCohort(db(), {
      name: 'Theirs',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      trainerId: other.id,
    });
    await addMember(db(), mine.id, pat.id);
    await addMember(db(), theirs.id, sam.id);
    await savePreferences(db(), sam.id, { result: 'each', announcement: 'never', certificate: 'each' });

    // A group Tess does not teach, alone or beside her own: 404 and nothing written.
    for (const cohortIds of [[theirs.id], [mine.id, theirs.id]]) {
      const r = announceAction(
        args(post('/trainer/announcements', { cohortIds, title: 'Hi', body: 'x', when: 'now' }, tess.cookie)),
      );
      expect(await status(r)).toBe(404);
    }
    expect(await db().selectFrom('announcements').selectAll().execute()).toHaveLength(0);
    // A trainee cannot post at all.
    expect(
      await status(
        announceAction(
          args(post('/trainer/announcements', { cohortIds: [mine.id], title: 'x', body: 'x', when: 'now' }, pat.cookie)),
        ),
      ),
    ).toBe(403);
    // Field errors, not a 5xx, for a bad form.
    const bad = (await announceAction(
      args(post('/trainer/announcements', { title: '', body: '', when: 'later', publishAt: 'soon' }, tess.cookie)),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors).sort()).toEqual(['body', 'cohortIds', 'title']);

    const posted = (await announceAction(
      args(
        post(
          '/trainer/announcements',
          { cohortIds: [mine.id], title: 'Week 2', body: 'Read **unit 3** <script>x</script>', when: 'now' },
          tess.cookie,
        ),
      ),
    )) as Response;
    expect(posted.status).toBe(302);
    const [a] = await db().selectFrom('announcements').selectAll().execute();
    const page = await (
      (await courseLoader(args(get('/courses/peer-support-core', pat.cookie), { course: 'peer-support-core' }))) as Response
    ).json();
    expect(page.announcements).toHaveLength(1);
    expect(page.announcements[0].body).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Read ' },
          { t: 'strong', c: [{ t: 'text', v: 'unit 3' }] },
          { t: 'text', v: ' <script>x</script>' },
        ],
      },
    ]);
    const samPage = await (
      (await courseLoader(args(get('/courses/peer-support-core', sam.cookie), { course: 'peer-support-core' }))) as Response
    ).json();
    expect(samPage.announcements).toHaveLength(0);
    const mails = await outbox();
    expect(mails.map((m) => m.to_address)).toEqual(['pat@example.org']);
    expect(mails[0].html_body).toContain('<strong>unit 3</strong> &lt;script&gt;');

    // Sam (another group) cannot dismiss it for himself or anyone; Pat can, once.
    expect(await status(dismissAction(args(post(`/announcements/${a.id}/dismiss`, {}, sam.cookie), { id: a.id })))).toBe(404);
    expect(await db().selectFrom('announcement_dismissals').selectAll().execute()).toHaveLength(0);
    const dismissed = (await dismissAction(
      args(post(`/announcements/${a.id}/dismiss`, { redirectTo: '//evil.example' }, pat.cookie), { id: a.id }),
    )) as Response;
    expect(dismissed.headers.get('Location')).toBe('/courses');
    expect(await announcementsForTrainee(db(), pat.id)).toHaveLength(0);
  });

  it('a scheduled announcement goes live once, when due, however many jobs run', async () => {
    const tess = await person('tess@example.org', 'trainer', 'Tess');
    const pat = await person('pat@example.org');
    const g = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: tess.id });
    await addMember(db(), g.id, pat.id);
    const now = 1_800_000_000_000;
    const r = await postAnnouncement(
      db(),
      tess.viewer,
      { cohortIds: [g.id], title: 'Later', body: 'x', publishAt: now + 60_000 },
      now,
    );
    expect(r).toMatchObject({ ok: true, published: false });
    expect(await announcementsForTrainee(db(), pat.id)).toHaveLength(0);
    expect(await publishDueAnnouncements(db(), now + 59_999)).toBe(0);
    const runs = await Promise.all([1, 2, 3].map(() => publishDueAnnouncements(db(), now + 60_000)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await announcementsForTrainee(db(), pat.id)).toHaveLength(1);
    expect(await unreadCount(db(), pat.id)).toBe(1);
    expect(await outbox()).toHaveLength(1);
  });

  it('the daily digest collects what waited, once a day from 7 am Pacific, even with two jobs at once', async () => {
    const pat = await person('pat@example.org');
    const sam = await person('sam@example.org');
    await savePreferences(db(), pat.id, { result: 'daily', announcement: 'daily', certificate: 'each' });
    // Dec 1, 2026, 10:00 and 15:00 Pacific (18:00 and 23:00 UTC).
    await notify(
      db(),
      { userId: pat.id, kind: 'result', title: 'Result one', body: 'first', link: '/x' },
      Date.UTC(2026, 11, 1, 18),
    );
    await notify(
      db(),
      { userId: pat.id, kind: 'announcement', title: 'News', body: 'second', link: null },
      Date.UTC(2026, 11, 1, 23),
    );
    await notify(db(), { userId: sam.id, kind: 'result', title: 'Sam result', body: 'x', link: null }, Date.UTC(2026, 11, 1, 23));
    // Sam's came by mail at once; Pat's wait.
    expect((await outbox()).map((m) => m.to_address)).toEqual(['sam@example.org']);
    // 6:30 am Pacific on Dec 2: not yet.
    expect(await sendDailyDigests(db(), Date.UTC(2026, 11, 2, 14, 30))).toEqual({ people: 0, items: 0 });
    // 7:05 am: two instances at once send one digest with both items.
    const at = Date.UTC(2026, 11, 2, 15, 5);
    const reports = await Promise.all([sendDailyDigests(db(), at), sendDailyDigests(db(), at)]);
    expect(reports.reduce((n, r) => n + r.items, 0)).toBe(2);
    const digests = (await outbox()).filter((m) => m.reason === 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0].to_address).toBe('pat@example.org');
    expect(digests[0].subject).toBe('Your Peer Academy daily summary: 2 updates');
    expect(digests[0].text_body).toMatch(/Result one: first[\s\S]*News: second/);
    // Later that day: nothing more. Something new today waits for tomorrow.
    await notify(
      db(),
      { userId: pat.id, kind: 'result', title: 'Result two', body: 'third', link: null },
      Date.UTC(2026, 11, 2, 18),
    );
    expect(await sendDailyDigests(db(), Date.UTC(2026, 11, 3, 6))).toEqual({ people: 0, items: 0 });
    expect(await sendDailyDigests(db(), Date.UTC(2026, 11, 3, 15, 1))).toEqual({ people: 1, items: 1 });
    // The in-app list has all three, whatever the mail did.
    expect(await unreadCount(db(), pat.id)).toBe(3);
  });

  it('email change: a 24-hour single-use link to the new address, a notice to the old, the change only when followed', async () => {
    const smtp: TestSmtp = await startTestSmtp();
    try {
      const kai = await person('kai@example.org');
      const ask = (fields: Record<string, string>) =>
        accountAction(args(post('/account', { intent: 'email', ...fields }, kai.cookie)));
      const wrong = (await ask({ newEmail: 'new@example.org', currentPassword: 'not my password at all' })) as Response;
      expect(wrong.status).toBe(400);
      expect(inEnglish((await wrong.json()).errors.currentPassword)).toBe('That is not your current password.');
      const asked = (await ask({ newEmail: 'New@Example.org', currentPassword: PASSWORD })) as Response;
      expect(asked.headers.get('Location')).toBe('/account?done=email');
      // Nothing changed yet.
      expect((await db().selectFrom('users').select('email').where('id', '=', kai.id).executeTakeFirstOrThrow()).email).toBe(
        'kai@example.org',
      );
      await deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');
      const mails = await smtp.waitFor(2);
      const link = mails.find((m) => m.to === 'new@example.org');
      const notice = mails.find((m) => m.to === 'kai@example.org');
      expect(notice?.subject).toBe('Someone asked to change the email of your Peer Academy account');
      const token = link?.text.match(/\/account\/email\/([A-Za-z0-9_-]{43})/)?.[1] ?? '';
      expect(token).not.toBe('');
      // Opening the link changes nothing; pressing the button does, once.
      const shown = (await confirmLoader(args(get(`/account/email/${token}`), { token }))) as Response;
      expect(await shown.json()).toEqual({ newEmail: 'new@example.org' });
      const done = (await confirmAction(args(post(`/account/email/${token}`, {}), { token }))) as Response;
      expect(await done.json()).toEqual({ ok: true, email: 'new@example.org' });
      const again = (await confirmAction(args(post(`/account/email/${token}`, {}), { token }))) as Response;
      expect(again.status).toBe(400);
      expect(((await confirmLoader(args(get(`/account/email/${token}`), { token }))) as Response).status).toBe(400);
      const user = await db()
        .selectFrom('users')
        .select(['email', 'email_verified_at'])
        .where('id', '=', kai.id)
        .executeTakeFirstOrThrow();
      expect(user.email).toBe('new@example.org');
      expect(user.email_verified_at).not.toBeNull();
      const login = (await loginAction(args(post('/login', { email: 'new@example.org', password: PASSWORD })))) as Response;
      expect(login.status).toBe(302);
      // The old address is told, and gets the in-app notices too.
      expect((await outbox()).map((m) => m.reason)).toEqual(['email-change', 'email-change-notice', 'email-changed']);
      expect(await unreadCount(db(), kai.id)).toBe(2);
    } finally {
      await smtp.close();
    }
  });

  it('email-change tokens expire after 24 hours, and a newer link retires the older one; a taken address gets no link', async () => {
    const kai = await person('kai@example.org');
    await person('taken@example.org');
    const now = 1_000_000;
    const token = await issueToken(db(), kai.id, 'email-change', now, 'x@example.org');
    expect(await peekToken(db(), token, 'email-change', now + EMAIL_CHANGE_TOKEN_TTL_MS - 1)).toBe(kai.id);
    expect(await peekToken(db(), token, 'email-change', now + EMAIL_CHANGE_TOKEN_TTL_MS)).toBeNull();
    expect(await peekToken(db(), token, 'reset', now)).toBeNull();
    const ask = (newEmail: string) =>
      accountAction(
        args(post('/account', { intent: 'email', newEmail, currentPassword: PASSWORD }, kai.cookie)),
      ) as Promise<Response>;
    expect((await ask('first@example.org')).status).toBe(302);
    expect((await ask('second@example.org')).status).toBe(302);
    const live = await db()
      .selectFrom('account_tokens')
      .select('new_email')
      .where('purpose', '=', 'email-change')
      .where('used_at', 'is', null)
      .execute();
    expect(live).toEqual([{ new_email: 'second@example.org' }]);
    // Same answer for an address with an account; no link goes to it.
    expect((await ask('taken@example.org')).headers.get('Location')).toBe('/account?done=email');
    expect((await outbox()).filter((m) => m.to_address === 'taken@example.org')).toHaveLength(0);
  });

  it('changing the password needs the current one, ends the other sessions and keeps this one', async () => {
    const kai = await person('kai@example.org');
    const phone = (await createSession(kai.id)).split(';')[0];
    const change = (fields: Record<string, string>) =>
      accountAction(args(post('/account', { intent: 'password', ...fields }, kai.cookie))) as Promise<Response>;
    const weak = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).errors.newPassword).toBe('account.form.password.tooShort');
    expect((await change({ currentPassword: 'wrong wrong wrong', newPassword: 'a brand new password here' })).status).toBe(400);
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a brand new password here' })).status).toBe(302);
    expect(await getSessionUser(get('/', phone))).toBeNull();
    expect(await getSessionUser(get('/', kai.cookie))).not.toBeNull();
    const row = await db().selectFrom('users').select('password_hash').where('id', '=', kai.id).executeTakeFirstOrThrow();
    expect(await verifyPassword('a brand new password here', row.password_hash)).toBe(true);
    expect((await outbox()).map((m) => m.reason)).toEqual(['password-changed']);
  });

  it('limits wrong current passwords per account (right ones do not count), then answers 429', async () => {
    const kai = await person('kai@example.org');
    const del = (currentPassword: string) =>
      accountAction(
        args(post('/account', { intent: 'delete', currentPassword, understood: 'yes' }, kai.cookie)),
      ) as Promise<Response>;
    const rename = (currentPassword: string) =>
      accountAction(
        args(post('/account', { intent: 'email', newEmail: 'n@example.org', currentPassword }, kai.cookie)),
      ) as Promise<Response>;
    for (let i = 0; i < 3; i++) expect((await rename(PASSWORD)).status).toBe(302);
    for (let i = 0; i < MAX_REAUTH_PER_HOUR; i++) expect((await del('wrong password guess')).status).toBe(400);
    const refused = await del(PASSWORD);
    expect(refused.status).toBe(429);
    expect(inEnglish((await refused.json()).errors.currentPassword)).toMatch(/Too many password attempts/);
    expect((await db().selectFrom('users').select('name').where('id', '=', kai.id).executeTakeFirstOrThrow()).name).toBe('Kai');
  });

  it('lists sessions, ends one of one’s own by handle and none of anyone else’s', async () => {
    const kai = await person('kai@example.org');
    const other = await person('other@example.org');
    await createSession(kai.id);
    const page = await ((await accountLoader(args(get('/account', kai.cookie)))) as Response).json();
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const otherPage = await ((await accountLoader(args(get('/account', other.cookie)))) as Response).json();
    const theirs = otherPage.sessions[0].handle;
    expect(
      (await accountAction(args(post('/account', { intent: 'end-session', session: theirs }, kai.cookie)))) as Response,
    ).toMatchObject({
      status: 400,
    });
    expect(await getSessionUser(get('/', other.cookie))).not.toBeNull();
    const mine = page.sessions.find((s: { current: boolean }) => !s.current).handle;
    expect(
      ((await accountAction(args(post('/account', { intent: 'end-session', session: mine }, kai.cookie)))) as Response).status,
    ).toBe(302);
    expect(await db().selectFrom('sessions').select('id').where('user_id', '=', kai.id).execute()).toHaveLength(1);
  });

  it('deleting an account anonymises the person, ends every session, keeps the program’s records', async () => {
    const s = await submittedAttempt();
    await notify(db(), { userId: s.trainee.id, kind: 'result', title: 'x', body: 'x', link: null });
    const refused = (await accountAction(
      args(post('/account', { intent: 'delete', currentPassword: PASSWORD }, s.trainee.cookie)),
    )) as Response;
    expect(refused.status).toBe(400);
    expect(inEnglish((await refused.json()).errors.understood)).toMatch(/Tick this box/);
    const deleted = (await accountAction(
      args(post('/account', { intent: 'delete', currentPassword: PASSWORD, understood: 'yes' }, s.trainee.cookie)),
    )) as Response;
    expect(deleted.headers.get('Location')).toBe('/account/deleted');
    const user = await db().selectFrom('users').selectAll().where('id', '=', s.trainee.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      name: 'Deleted account',
      email: deletedEmail(s.trainee.id),
      legal_name: null,
      email_verified_at: null,
    });
    expect(await verifyPassword(PASSWORD, user.password_hash)).toBe(false);
    expect(await getSessionUser(get('/', s.trainee.cookie))).toBeNull();
    expect(await unreadCount(db(), s.trainee.id)).toBe(0);
    expect(await db().selectFrom('exam_attempts').select('id').where('user_id', '=', s.trainee.id).execute()).toHaveLength(1);
    expect(
      await db().selectFrom('cohort_members').select('cohort_id').where('user_id', '=', s.trainee.id).execute(),
    ).toHaveLength(1);
    const login = (await loginAction(args(post('/login', { email: 'pat@example.org', password: PASSWORD })))) as Response;
    expect(login.status).not.toBe(302);
    // The only admin cannot delete themselves.
    const admin = await person('admin@example.org', 'admin');
    expect(await deleteAccount(db(), admin.id)).toBe('last-admin');
  });

  it('changing the legal name clears its confirmation; the display name is separate', async () => {
    const kai = await person('kai@example.org');
    await db().updateTable('users').set({ legal_name: 'Kai Old', legal_name_confirmed_at: 5 }).where('id', '=', kai.id).execute();
    await accountAction(args(post('/account', { intent: 'legal-name', legalName: 'Kai Old' }, kai.cookie)));
    expect(
      (await db().selectFrom('users').select('legal_name_confirmed_at').where('id', '=', kai.id).executeTakeFirstOrThrow())
        .legal_name_confirmed_at,
    ).toBe(5);
    await accountAction(args(post('/account', { intent: 'legal-name', legalName: 'Kai New Legal' }, kai.cookie)));
    await accountAction(args(post('/account', { intent: 'name', name: 'Kai Chosen' }, kai.cookie)));
    expect(
      await db()
        .selectFrom('users')
        .select(['name', 'legal_name', 'legal_name_confirmed_at'])
        .where('id', '=', kai.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      name: 'Kai Chosen',
      legal_name: 'Kai New Legal',
      legal_name_confirmed_at: null,
    });
  });
});
