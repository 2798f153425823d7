import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDatabase } from '../../app/infra/db.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { configureHashQueue } from '../../app/infra/password.server';
import { createSession, getSessionUser } from '../../app/infra/session.server';
import { MAX_VERIFY_RESENDS } from '../../app/models/account-mail.server';
import { deliverDue } from '../../app/models/outbox.server';
import { createUser, findUserByEmail } from '../../app/models/user.server';
import { loader as rootLoader } from '../../app/root';
import { action as signupAction } from '../../app/routes/signup';
import { action as resendAction } from '../../app/routes/verify-email._index';
import { loader as verifyLoader } from '../../app/routes/verify-email.$token';
import { engines, type TestDb } from '../setup/db';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

const PASSWORD = 'correct horse battery staple';

describe.each(engines)('sign-up without enumeration, and email confirmation, on $name', ({ fresh }) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    smtp = await startTestSmtp();
    configureHashQueue({ running: 2, waiting: 100 });
  });
  afterEach(async () => {
    configureHashQueue({ running: 1, waiting: 4 });
    await smtp.close();
    await t.cleanup();
  });
  const db = () => t.handle.db;
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
  const send = () => deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');
  const signup = async (email: string, address: string) => {
    const started = performance.now();
    const r = (await signupAction(args(post('/signup', { name: 'Noor', email, password: PASSWORD }), {}, address))) as Response;
    return { r, ms: performance.now() - started };
  };
  const shape = (r: Response) => ({
    status: r.status,
    location: r.headers.get('Location'),
    headers: [...r.headers.keys()].sort(),
    cookies: r.headers.getSetCookie().map((c) => {
      const [pair, ...attrs] = c.split('; ');
      // Values are random (and their URL-encoded length varies), so compare names and attributes.
      return { name: pair.split('=')[0], attrs: attrs.filter((a) => !a.startsWith('Expires=')) };
    }),
  });

  it('a taken email answers like a new sign-up (status, redirect, cookies, similar time) and its owner is mailed instead', async () => {
    await createUser(db(), { email: 'owner@example.org', name: 'Owner', password: PASSWORD });
    const fresh = await signup('newcomer@example.org', '10.0.0.1');
    const taken = await signup('owner@example.org', '10.0.0.2');
    expect(shape(taken.r)).toEqual(shape(fresh.r));
    expect(await taken.r.text()).toBe(await fresh.r.text());
    // The taken email's cookies open no session and the owner's account is untouched.
    const cookie = taken.r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(await getSessionUser(get('/', cookie))).toBeNull();
    expect(await db().selectFrom('sessions').selectAll().execute()).toHaveLength(1);
    // Similar time: both hash one password.
    const times: Record<'fresh' | 'taken', number[]> = { fresh: [], taken: [] };
    for (let i = 0; i < 6; i++) {
      await createUser(db(), { email: `owner${i}@example.org`, name: 'Owner', password: PASSWORD });
      times.taken.push((await signup(`owner${i}@example.org`, `10.1.0.${i}`)).ms);
      times.fresh.push((await signup(`new${i}@example.org`, `10.2.0.${i}`)).ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [a, b] = [median(times.fresh), median(times.taken)];
    expect(Math.abs(a - b)).toBeLessThan(Math.max(a, b) * 0.5);
    await send();
    await send();
    const mail = await smtp.waitFor(14);
    const toOwner = mail.find((m) => m.to === 'owner@example.org');
    expect(toOwner?.subject).toBe('Someone tried to create a Peer Academy account with your email');
    expect(toOwner?.text).toMatch(/If it was you, log in with your existing account/);
    expect(toOwner?.text).toMatch(/\/forgot-password/);
    expect(toOwner?.text).toMatch(/You got this email because someone tried to sign up/);
    expect(mail.find((m) => m.to === 'newcomer@example.org')?.subject).toBe('Confirm your email for Peer Academy');
  });

  it('a new account is signed in at once but unconfirmed, can confirm by its link once, and the banner goes', async () => {
    const { r } = await signup('kim@example.org', '10.0.0.1');
    const cookie = r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await getSessionUser(get('/courses', cookie));
    expect(me).toMatchObject({ email: 'kim@example.org', emailVerified: false });
    const banner = async () =>
      (await (rootLoader(args(get('/courses', cookie))) as Promise<Response>)).json() as Promise<{
        unconfirmedEmail: string | null;
      }>;
    expect((await banner()).unconfirmedEmail).toBe('kim@example.org');
    await send();
    const [mail] = await smtp.waitFor(1);
    expect(mail.html).toContain('Confirm my email');
    const token = mail.text.match(/\/verify-email\/([A-Za-z0-9_-]{43})/)?.[1] ?? '';
    const ok = (await verifyLoader(args(get(`/verify-email/${token}`), { token }))) as Response;
    expect(ok.status).toBe(200);
    expect((await findUserByEmail(db(), 'kim@example.org'))?.email_verified_at).toBeGreaterThan(0);
    expect((await banner()).unconfirmedEmail).toBeNull();
    const reused = (await verifyLoader(args(get(`/verify-email/${token}`), { token }))) as Response;
    expect(reused.status).toBe(400);
    const garbage = (await verifyLoader(args(get('/verify-email/nope'), { token: 'nope' }))) as Response;
    expect(garbage.status).toBe(400);
  });

  it('an unconfirmed account gets only confirmation mail: a taken-email sign-up resends its link, throttled', async () => {
    await signup('kim@example.org', '10.0.0.1');
    await signup('kim@example.org', '10.0.0.2');
    const reasons = await db().selectFrom('outbox').select('reason').execute();
    expect(reasons.map((m) => m.reason)).toEqual(['verify-email', 'verify-email']);
    const user = await findUserByEmail(db(), 'kim@example.org');
    const cookie = (await createSession(user?.id ?? '')).split(';')[0];
    const answers: number[] = [];
    for (let i = 0; i < MAX_VERIFY_RESENDS + 1; i++) {
      answers.push(((await resendAction(args(post('/verify-email', {}, cookie)))) as Response).status);
    }
    expect(answers).toEqual([...Array(MAX_VERIFY_RESENDS).fill(200), 429]);
  });
});
