import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDatabase } from '../../app/infra/db.server';
import { transportFromEnv } from '../../app/infra/mail.server';
import { hashPassword } from '../../app/infra/password.server';
import { createSession } from '../../app/infra/session.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { deliverDue } from '../../app/models/outbox.server';
import { createUser, findUserByEmail } from '../../app/models/user.server';
import { loader as rootLoader } from '../../app/root';
import { loader as accountLoader } from '../../app/routes/account';
import { action as forgotAction } from '../../app/routes/forgot-password';
import { action as languageAction } from '../../app/routes/language';
import { action as loginAction } from '../../app/routes/login';
import { action as signupAction } from '../../app/routes/signup';
import { engines, type TestDb } from '../setup/db';
import { startTestSmtp, type TestSmtp } from '../setup/smtp';

// The language of a page, end to end through the loaders and actions the server runs: ?lang=,
// then the account's choice (else the signed-out cookie), then the group's language, then the
// browser's Accept-Language, then English. The root loader's `locale` is what <html lang> and
// every message of the page are rendered from (app/root.tsx); tests/e2e/spanish-layout.spec.ts
// reads <html lang> from the rendered pages.

const PASSWORD = 'correct horse battery staple';
let cheapHash: string;

describe.each(engines)('language choice on $name', ({ fresh }) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
    smtp = await startTestSmtp();
    cheapHash ??= await hashPassword(PASSWORD, 2 ** 10);
  });
  afterEach(async () => {
    await smtp.close();
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const ctx = { clientAddress: '127.0.0.1', requestId: 't', nonce: '' };
  const args = (request: Request) => ({ request, params: {}, context: ctx });
  const headersOf = (cookies: string[], acceptLanguage?: string) => {
    const h: Record<string, string> = {};
    if (cookies.length) h.Cookie = cookies.join('; ');
    if (acceptLanguage) h['Accept-Language'] = acceptLanguage;
    return h;
  };
  const get = (path: string, cookies: string[] = [], acceptLanguage?: string) =>
    new Request(`http://localhost${path}`, { headers: headersOf(cookies, acceptLanguage) });
  const post = (path: string, fields: Record<string, string>, cookies: string[] = [], acceptLanguage?: string) =>
    new Request(`http://localhost${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: headersOf(cookies, acceptLanguage),
    });
  const cookiesOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0]);
  /** The page's language for this request: what <html lang> says. */
  const pageLocale = async (path: string, cookies: string[] = [], acceptLanguage?: string) => {
    const r = (await rootLoader(args(get(path, cookies, acceptLanguage)))) as Response;
    const data = (await r.json()) as { locale: string; messages: Record<string, string> };
    // Only the page's own catalogue travels to the browser.
    expect(data.messages['nav.login']).toBe(data.locale === 'es' ? 'Iniciar sesión' : 'Log in');
    return data.locale;
  };
  const user = (email: string) => createUser(db(), { email, name: 'Rosa', passwordHash: cheapHash });
  const session = async (id: string) => (await createSession(id)).split(';')[0];
  /** The language switch, as the header's and the account page's forms post it. */
  const choose = async (locale: string, cookies: string[] = [], redirectTo = '/courses') => {
    const r = (await languageAction(args(post('/language', { locale, redirectTo }, cookies)))) as Response;
    expect(r.status).toBe(302);
    const lang = cookiesOf(r).find((c) => c.startsWith('lang='));
    expect(lang).toBeDefined();
    return { location: r.headers.get('Location'), cookie: lang ?? '' };
  };

  it('goes ?lang=, account, cookie, group, Accept-Language, English, in that order', async () => {
    // Nothing known: English. The browser alone: its best supported language.
    expect(await pageLocale('/')).toBe('en');
    expect(await pageLocale('/', [], 'fr-CA, es-MX;q=0.8, en;q=0.5')).toBe('es');
    expect(await pageLocale('/', [], 'de, fr;q=0.9')).toBe('en');

    // A trainee in a Spanish-speaking group starts in Spanish, whatever the browser says.
    const trainer = await createUser(db(), { email: 'tr@example.org', name: 'T', passwordHash: cheapHash, role: 'trainer' });
    const { id: cohortId } = await createCohort(db(), {
      name: 'Grupo',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      trainerId: trainer,
    });
    await db().updateTable('cohorts').set({ locale: 'es' }).where('id', '=', cohortId).execute();
    const id = await user('rosa@example.org');
    await addMember(db(), cohortId, id);
    const rosa = await session(id);
    expect(await pageLocale('/courses', [rosa], 'en-US,en;q=0.9')).toBe('es');

    // A choice made signed out (the cookie) beats the group's language.
    const signedOut = await choose('en');
    expect(signedOut.location).toBe('/courses');
    expect(await pageLocale('/courses', [rosa, signedOut.cookie], 'en-US')).toBe('en');

    // The account page's Language form: kept on the account, and back on the account page.
    const chosen = await choose('es', [rosa, signedOut.cookie], '/account?done=language');
    expect(chosen.location).toBe('/account?done=language');
    expect((await findUserByEmail(db(), 'rosa@example.org'))?.locale).toBe('es');
    const account = (await accountLoader(args(get('/account?done=language', [rosa])))) as Response;
    const page = await account.json();
    expect(page.user.locale).toBe('es');
    expect(page.done).toBe('account.done.language');
    // The account's choice beats an old cookie on another device, and the group.
    expect(await pageLocale('/courses', [rosa, signedOut.cookie], 'en-US')).toBe('es');
    // ?lang= on the address beats everything, for that page.
    expect(await pageLocale('/courses?lang=en', [rosa], 'es')).toBe('en');
    expect(await pageLocale('/courses?lang=xx', [rosa], 'en')).toBe('es');
  });

  it('signup keeps the language chosen while signed out on the new account', async () => {
    const { cookie } = await choose('es');
    const r = (await signupAction(
      args(post('/signup', { name: 'Noor', email: 'noor@example.org', password: PASSWORD }, [cookie], 'en-US')),
    )) as Response;
    expect(r.status).toBe(302);
    expect((await findUserByEmail(db(), 'noor@example.org'))?.locale).toBe('es');
    // Signed in, without the cookie, on an English browser: still Spanish.
    const noor = cookiesOf(r).find((c) => c.startsWith('pa_session='));
    expect(noor).toBeDefined();
    expect(await pageLocale('/courses', [noor ?? ''], 'en-US')).toBe('es');
    // The confirmation mail is in Spanish too.
    await deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe('Confirme su correo electrónico para Peer Academy');

    // No choice made: nothing stored, so the group and the browser keep deciding.
    await signupAction(args(post('/signup', { name: 'Kai', email: 'kai@example.org', password: PASSWORD }, [], 'es')));
    expect((await findUserByEmail(db(), 'kai@example.org'))?.locale).toBeNull();
  });

  it('login keeps the signed-out choice: onto an account without one, and on the redirect', async () => {
    await user('rosa@example.org');
    const r = (await loginAction(
      args(post('/login?lang=es', { email: 'rosa@example.org', password: PASSWORD, redirectTo: '/account' })),
    )) as Response;
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/account?lang=es');
    expect((await findUserByEmail(db(), 'rosa@example.org'))?.locale).toBe('es');

    // An account's own choice is not overwritten by a cookie on a shared computer.
    const id = await user('kai@example.org');
    await db().updateTable('users').set({ locale: 'en' }).where('id', '=', id).execute();
    const { cookie } = await choose('es');
    const k = (await loginAction(args(post('/login', { email: 'kai@example.org', password: PASSWORD }, [cookie])))) as Response;
    expect(k.status).toBe(302);
    expect(k.headers.get('Location')).toBe('/courses');
    expect((await findUserByEmail(db(), 'kai@example.org'))?.locale).toBe('en');
  });

  it("a Spanish user's reset mail is in Spanish, read from a real SMTP server", async () => {
    const id = await user('rosa@example.org');
    await db().updateTable('users').set({ locale: 'es' }).where('id', '=', id).execute();
    // Asked from an English browser: the account's choice decides.
    const asked = (await forgotAction(args(post('/forgot-password', { email: 'rosa@example.org' }, [], 'en-US')))) as Response;
    expect(asked.status).toBe(200);
    // No choice on the account: the language of the page the person asked on.
    await user('kai@example.org');
    await forgotAction(args(post('/forgot-password', { email: 'kai@example.org' }, [], 'es-MX,es;q=0.9')));
    await user('ana@example.org');
    await forgotAction(args(post('/forgot-password', { email: 'ana@example.org' }, [], 'en-US')));
    await deliverDue(db(), transportFromEnv(smtp.url, 'Peer Academy <a@example.org>'), 'test');
    const mails = await smtp.waitFor(3);
    const to = (email: string) => mails.find((m) => m.to === email);
    for (const email of ['rosa@example.org', 'kai@example.org']) {
      const mail = to(email);
      expect(mail?.subject).toBe('Restablezca su contraseña de Peer Academy');
      expect(mail?.text).toContain('Hola, Rosa:');
      expect(mail?.text).toContain('Elegir una contraseña nueva');
      expect(mail?.text).toMatch(/Recibió este correo porque se pidió restablecer la contraseña/);
      expect(mail?.html).toContain('<html lang="es">');
      expect(mail?.text).toMatch(/http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]+/);
    }
    expect(to('ana@example.org')?.subject).toBe('Reset your Peer Academy password');
    expect(to('ana@example.org')?.html).toContain('<html lang="en">');
  });
});
