import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDatabase } from '../../app/infra/db.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { hashPassword, verifyPassword } from '../../app/infra/password.server';
import { createSession, getSessionUser } from '../../app/infra/session.server';
import {
  MAX_RESETS_PER_ACCOUNT,
  MAX_RESETS_PER_ADDRESS,
  requestPasswordReset,
  resetPassword,
} from '../../app/models/account-mail.server';
import {
  hashAccountToken,
  issueToken,
  peekToken,
  RESET_TOKEN_TTL_MS,
  useToken,
  VERIFY_TOKEN_TTL_MS,
} from '../../app/models/account-token.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { deliverDue } from '../../app/models/outbox.server';
import { createUser } from '../../app/models/user.server';
import { action as forgotAction } from '../../app/routes/forgot-password';
import { action as loginAction } from '../../app/routes/login';
import { action as resetAction, loader as resetLoader } from '../../app/routes/reset-password._index';
import { loader as resetLinkLoader } from '../../app/routes/reset-password.$token';
import { action as traineeAction } from '../../app/routes/trainer.trainees.$userId';
import { engines, type TestDb } from '../setup/db';
import { inEnglish } from '../setup/messages';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

const OLD = 'correct horse battery staple';
const NEW = 'a brand new password for kai';
let cheapHash: string;

describe.each(engines)('password reset on $name', ({ fresh }) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    smtp = await startTestSmtp();
    cheapHash ??= await hashPassword(OLD, 2 ** 10);
  });
  afterEach(async () => {
    await smtp.close();
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const user = (email: string, emailVerified = true) =>
    createUser(db(), { email, name: 'Kai', passwordHash: cheapHash, emailVerified });
  const args = (request: Request, params: Record<string, string> = {}, address = '127.0.0.1') => ({
    request,
    params,
    context: { clientAddress: address, requestId: 't', nonce: '' },
  });
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    new Request(`http://localhost${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: cookie ? { Cookie: cookie } : {},
    });
  const get = (path: string, cookie?: string) =>
    new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const cookieOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0]);
  const send = () => deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');
  const outbox = () => db().selectFrom('outbox').selectAll().orderBy('created_at').execute();

  it('stores only the hash of a token; a token works once and not after 30 minutes', async () => {
    const id = await user('kai@example.org');
    const now = 1_000_000;
    const token = await issueToken(db(), id, 'reset', now);
    const rows = await db().selectFrom('account_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(hashAccountToken(token));
    expect(rows[0].id).not.toContain(token);
    expect(rows[0].expires_at).toBe(now + RESET_TOKEN_TTL_MS);
    expect(await peekToken(db(), token, 'reset', now + RESET_TOKEN_TTL_MS - 1)).toBe(id);
    expect(await peekToken(db(), token, 'reset', now + RESET_TOKEN_TTL_MS)).toBeNull();
    expect(await useToken(db(), token, 'reset', now + RESET_TOKEN_TTL_MS)).toBeNull();
    // Not a confirmation token, whatever it is shown as.
    expect(await useToken(db(), token, 'verify', now)).toBeNull();
    expect(await useToken(db(), token, 'reset', now + 1)).toBe(id);
    expect(await useToken(db(), token, 'reset', now + 2)).toBeNull();
    const verify = await issueToken(db(), id, 'verify', now);
    expect(await peekToken(db(), verify, 'verify', now + VERIFY_TOKEN_TTL_MS - 1)).toBe(id);
    expect(await peekToken(db(), verify, 'verify', now + VERIFY_TOKEN_TTL_MS)).toBeNull();
  });

  it('two resets racing with one link: exactly one sets its password', async () => {
    const id = await user('kai@example.org');
    const token = await issueToken(db(), id, 'reset');
    const hashes = await Promise.all(['first password for kai', 'second password for kai'].map((p) => hashPassword(p, 2 ** 10)));
    const results = await Promise.all(
      hashes.map((passwordHash) => resetPassword(db(), { token, passwordHash, base: 'http://x' })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('the whole flow: forgot password, the real mail, the link, a new password, every session ended, a notice mailed', async () => {
    const id = await user('kai@example.org');
    const phone = (await createSession(id)).split(';')[0];
    const laptop = (await createSession(id)).split(';')[0];
    const asked = (await forgotAction(args(post('/forgot-password', { email: 'Kai@Example.org' })))) as Response;
    expect(asked.status).toBe(200);
    await send();
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toBe('kai@example.org');
    expect(mail.subject).toBe('Reset your Peer Academy password');
    expect(mail.text).toMatch(/You got this email because a password reset was requested/);
    const link = mail.text.match(/http:\/\/localhost:\d+\/reset-password\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    // The link moves the token into a cookie and drops it from the address.
    const opened = (await resetLinkLoader(args(get(`/reset-password/${token}`), { token }))) as Response;
    expect(opened.status).toBe(302);
    expect(opened.headers.get('Location')).toBe('/reset-password');
    const resetCookie = cookieOf(opened).find((c) => c.startsWith('pa_reset='));
    expect(resetCookie).toBeDefined();
    expect(((await resetLoader(args(get('/reset-password', resetCookie)))) as Response).status).toBe(200);
    // The password rules apply.
    const weak = (await resetAction(args(post('/reset-password', { password: 'short' }, resetCookie)))) as Response;
    expect(weak.status).toBe(400);
    expect((await weak.json()).errors.password).toBe('account.form.password.tooShort');
    const saved = (await resetAction(args(post('/reset-password', { password: NEW }, resetCookie)))) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get('Location')).toBe('/login?reset=done');
    for (const cookie of [phone, laptop]) expect(await getSessionUser(get('/', cookie))).toBeNull();
    const stored = await db().selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await verifyPassword(NEW, stored.password_hash)).toBe(true);
    const login = (await loginAction(args(post('/login', { email: 'kai@example.org', password: NEW })))) as Response;
    expect(login.status).toBe(302);
    await send();
    const [, notice] = await smtp.waitFor(2);
    expect(notice.subject).toBe('Your Peer Academy password was changed');
    expect(notice.text).toMatch(/every session that was signed in has been logged out/);
    // The link is spent: following it again, or posting again, answers a plain 400.
    const again = (await resetLinkLoader(args(get(`/reset-password/${token}`), { token }))) as Response;
    expect(again.status).toBe(400);
    const replay = (await resetAction(
      args(post('/reset-password', { password: 'yet another password here' }, resetCookie)),
    )) as Response;
    expect(replay.status).toBe(400);
    expect(((await resetLoader(args(get('/reset-password')))) as Response).status).toBe(400);
  });

  it('answers the same for an existing and an unknown email: status, body, headers, and similar time', async () => {
    await user('kai@example.org');
    const ask = async (email: string, address: string) => {
      const started = performance.now();
      const r = (await forgotAction(args(post('/forgot-password', { email }), {}, address))) as Response;
      const ms = performance.now() - started;
      const body = (await r.json()) as { sentTo: string };
      return {
        status: r.status,
        headers: [...r.headers.entries()],
        body: { ...body, sentTo: body.sentTo.replace(/^\w+/, '') },
        ms,
      };
    };
    const known = await ask('kai@example.org', '10.0.0.1');
    const unknown = await ask('noone@example.org', '10.0.0.2');
    expect(unknown.status).toBe(known.status);
    expect(unknown.headers).toEqual(known.headers);
    expect(unknown.body).toEqual(known.body);
    // Similar time: medians over alternating runs (each account stays under its own limit).
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 12; i++) await user(`kai${i}@example.org`);
    for (let i = 0; i < 12; i++) {
      times.known.push((await ask(`kai${i}@example.org`, `10.1.0.${i}`)).ms);
      times.unknown.push((await ask(`nobody${i}@example.org`, `10.2.0.${i}`)).ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(Math.abs(median(times.known) - median(times.unknown))).toBeLessThan(25);
    // Mail went only to the real account.
    expect((await outbox()).every((m) => m.to_address.startsWith('kai'))).toBe(true);
    expect(await outbox()).toHaveLength(13);
  });

  it('limits links per account quietly and requests per address openly', async () => {
    await user('kai@example.org');
    for (let i = 0; i < MAX_RESETS_PER_ACCOUNT + 3; i++) {
      expect(await requestPasswordReset(db(), { email: 'kai@example.org', address: `10.0.0.${i}`, base: 'http://x' })).toEqual({
        ok: true,
      });
    }
    expect(await outbox()).toHaveLength(MAX_RESETS_PER_ACCOUNT);
    for (let i = 0; i < MAX_RESETS_PER_ADDRESS; i++) {
      await requestPasswordReset(db(), { email: `someone${i}@example.org`, address: '10.9.9.9', base: 'http://x' });
    }
    const refused = (await forgotAction(args(post('/forgot-password', { email: 'a@example.org' }), {}, '10.9.9.9'))) as Response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('3600');
    expect(inEnglish((await refused.json()).errors.form)).toMatch(/many reset requests from this network/);
  });

  it('an unconfirmed address gets its confirmation link instead of a reset link', async () => {
    await user('new@example.org', false);
    await requestPasswordReset(db(), { email: 'new@example.org', address: '10.0.0.1', base: 'http://x' });
    expect((await outbox()).map((m) => m.reason)).toEqual(['verify-email']);
    expect(await db().selectFrom('account_tokens').select('purpose').execute()).toEqual([{ purpose: 'verify' }]);
  });

  it('a trainer emails a reset link to a trainee of their group, and to no one else', async () => {
    const trainer = await createUser(db(), {
      email: 'tr@example.org',
      name: 'Tam Trainer',
      passwordHash: cheapHash,
      role: 'trainer',
    });
    const mine = await user('mine@example.org');
    const other = await user('other@example.org');
    const { id: cohort } = await createCohort(db(), {
      name: 'G',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      trainerId: trainer,
    });
    await addMember(db(), cohort, mine);
    const cookie = (await createSession(trainer)).split(';')[0];
    const r = (await traineeAction(
      args(post(`/trainer/trainees/${mine}`, { intent: 'send-reset' }, cookie), { userId: mine }),
    )) as Response;
    expect(r.status).toBe(200);
    expect((await r.json()).done.id).toBe('trainer.trainee.done.reset');
    await send();
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toBe('mine@example.org');
    expect(mail.text).toMatch(/Your trainer, Tam Trainer, asked Peer Academy/);
    expect(mail.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);
    let status = 0;
    try {
      await traineeAction(args(post(`/trainer/trainees/${other}`, { intent: 'send-reset' }, cookie), { userId: other }));
    } catch (e) {
      status = (e as Response).status;
    }
    expect(status).toBe(404);
    expect(await outbox()).toHaveLength(1);
  });
});
