import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogues } from '../../app/i18n/catalogues';
import { useDatabase } from '../../app/infra/db.server';
import { parseEnv } from '../../app/infra/env.server';
import { configureHashQueue, hashPassword } from '../../app/infra/password.server';
import {
  attemptLogin,
  attemptSignup,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_ADDRESS_PER_MINUTE,
  MAX_FAILURES_PER_DEVICE,
  MAX_SIGNUPS_PER_ADDRESS,
} from '../../app/models/login.server';
import { createUser, findUserByEmail } from '../../app/models/user.server';
import { action as loginAction } from '../../app/routes/login';
import { action as signupAction } from '../../app/routes/signup';
import { engines, freshSqlite, type TestDb } from '../setup/db';
import { inEnglish } from '../setup/messages';

// Throttling must hold on both engines, with attempts racing each other.

const PASSWORD = 'correct horse battery staple';
let cheapHash: string;

describe.each(engines)('login throttling on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    // Stored hashes decide the cost of checking a password: cheap ones keep these tests quick.
    cheapHash ??= await hashPassword(PASSWORD, 2 ** 10);
    configureHashQueue({ running: 4, waiting: 1000 });
  });
  afterEach(async () => {
    configureHashQueue({ running: 1, waiting: 4 });
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const user = (email: string) => createUser(db(), { email, name: 'X', passwordHash: cheapHash });
  const failures = async (key: string) =>
    Number(
      (
        await db()
          .selectFrom('login_failures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('key', '=', key)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a burst of concurrent wrong logins for one account, from three processes, records and hashes no more than the limit', async () => {
    await user('kai@example.org');
    // Two more processes join the burst at the same moment, each with its own connection.
    const url = await t.url();
    const startAt = Date.now() + 4000;
    const others = [0, 1].map(
      () =>
        new Promise<string[]>((resolve, reject) =>
          execFile(
            'node_modules/.bin/tsx',
            ['tests/setup/login-burst.ts', url, 'kai@example.org', '15', String(startAt)],
            (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
          ),
        ),
    );
    await new Promise((r) => setTimeout(r, startAt - Date.now()));
    const mine = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        attemptLogin(db(), { email: 'kai@example.org', password: `wrong ${i}`, address: `10.0.0.${i}` }),
      ),
    );
    const answers = [...mine.map((r) => (r.ok ? 'ok' : r.reason)), ...(await Promise.all(others)).flat()];
    expect(answers).toHaveLength(45);
    // Every 'invalid' answer is one password hashed.
    expect(answers.filter((a) => a === 'invalid')).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(answers.filter((a) => a === 'throttled')).toHaveLength(45 - MAX_FAILURES_PER_ACCOUNT);
    expect(await failures('email:kai@example.org')).toBe(MAX_FAILURES_PER_ACCOUNT);
  }, 30_000);

  it('a right password gives its reserved attempt back', async () => {
    const id = await user('lee@example.org');
    for (let i = 0; i < 3; i++) {
      expect(await attemptLogin(db(), { email: 'lee@example.org', password: PASSWORD, address: '1.2.3.4' })).toEqual({
        ok: true,
        userId: id,
      });
    }
    expect(await failures('email:lee@example.org')).toBe(0);
    expect(await failures('ip:1.2.3.4')).toBe(0);
  });

  it('a browser that has logged in keeps its own allowance while someone else locks the account', async () => {
    const id = await user('sam@example.org');
    const other = await user('other@example.org');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT + 5; i++) {
      await attemptLogin(db(), { email: 'sam@example.org', password: 'guess', address: '6.6.6.6' });
    }
    const owner = { id: 'device-of-sam', userId: id };
    const login = (password: string, device: { id: string; userId: string } | null, address = '1.2.3.4') =>
      attemptLogin(db(), { email: 'sam@example.org', password, address, device });
    expect(await login(PASSWORD, null)).toMatchObject({ ok: false, reason: 'throttled' });
    // A device cookie for another account is no help.
    expect(await login(PASSWORD, { id: 'device-of-other', userId: other })).toMatchObject({ reason: 'throttled' });
    expect(await login(PASSWORD, owner)).toEqual({ ok: true, userId: id });
    // The device has its own limit: its own typos can lock it, and only it.
    for (let i = 0; i < MAX_FAILURES_PER_DEVICE; i++) {
      expect(await login('typo', owner)).toMatchObject({ reason: 'invalid' });
    }
    expect(await login(PASSWORD, owner)).toMatchObject({ reason: 'throttled' });
    expect(await login(PASSWORD, { id: 'sams-phone', userId: id })).toEqual({ ok: true, userId: id });
  });

  it('a classroom behind one address is limited account by account, under a ceiling across accounts', async () => {
    const accounts = Math.ceil(MAX_FAILURES_PER_ADDRESS / MAX_FAILURES_PER_ACCOUNT);
    const emails = Array.from({ length: accounts + 1 }, (_, i) => `t${i}@example.org`);
    for (const e of emails) await user(e);
    const classroom = '203.0.113.7';
    // One failure every 4 s: under the per-minute limit, so only the 15-minute ones matter.
    let now = Date.now();
    const typo = (email: string) => {
      now += 4000;
      return attemptLogin(db(), { email, password: 'typo', address: classroom }, now);
    };
    // Five trainees use up their own accounts' allowance: the sixth can still log in.
    for (const e of emails.slice(0, 5)) for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await typo(e);
    expect((await attemptLogin(db(), { email: emails[5], password: PASSWORD, address: classroom }, now)).ok).toBe(true);
    // One client trying account after account reaches the address's ceiling.
    for (const e of emails.slice(5, accounts)) for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await typo(e);
    expect(await failures(`ip:${classroom}`)).toBe(MAX_FAILURES_PER_ADDRESS);
    const last = emails[accounts];
    expect(await attemptLogin(db(), { email: last, password: PASSWORD, address: classroom }, now)).toMatchObject({
      reason: 'throttled',
      retryAfter: 15 * 60,
    });
    expect((await attemptLogin(db(), { email: last, password: PASSWORD, address: '198.51.100.1' }, now)).ok).toBe(true);
  }, 60_000);

  it('lets one address have only a few passwords checked in any minute', async () => {
    const emails = Array.from({ length: 3 }, (_, i) => `m${i}@example.org`);
    for (const e of emails) await user(e);
    const now = Date.now();
    const results = [];
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_PER_MINUTE + 5; i++) {
      results.push(await attemptLogin(db(), { email: emails[i % 3], password: 'x', address: '6.6.6.6' }, now + i));
    }
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(MAX_FAILURES_PER_ADDRESS_PER_MINUTE);
    expect(results.at(-1)).toMatchObject({ reason: 'throttled', retryAfter: 60 });
    // A minute later the address may try again.
    expect((await attemptLogin(db(), { email: emails[0], password: PASSWORD, address: '6.6.6.6' }, now + 61_000)).ok).toBe(true);
  }, 60_000);

  it('says "busy" at once, and records nothing, when the hashing queue is full', async () => {
    await user('ana@example.org');
    configureHashQueue({ running: 0, waiting: 0 });
    expect(await attemptLogin(db(), { email: 'ana@example.org', password: 'x', address: '1.2.3.4' })).toMatchObject({
      ok: false,
      reason: 'busy',
    });
    expect(await failures('email:ana@example.org')).toBe(0);
  });

  it('throttles sign-ups per address, counting each one, and does not create a second account for an email', async () => {
    const now = Date.now();
    await db()
      .insertInto('login_failures')
      .values(
        Array.from({ length: MAX_SIGNUPS_PER_ADDRESS - 1 }, (_, i) => ({ id: `s${i}`, key: 'signup:1.2.3.4', at: now - 1000 })),
      )
      .execute();
    const signup = (email: string, address = '1.2.3.4') =>
      attemptSignup(db(), { email, name: 'Noor', password: PASSWORD, address, base: 'http://x' }, now);
    const first = await signup('noor@example.org');
    expect(first.ok).toBe(true);
    expect(await signup('noor2@example.org')).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await findUserByEmail(db(), 'noor2@example.org')).toBeUndefined();
    expect(await signup('noor@example.org', '5.6.7.8')).toEqual({ ok: true, userId: null });
    expect((await signup('noor3@example.org', '5.6.7.8')).ok).toBe(true);
    expect(await failures('signup:5.6.7.8')).toBe(2);
  });
});

describe('login and sign-up pages', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshSqlite();
    useDatabase(t.handle);
    cheapHash ??= await hashPassword(PASSWORD, 2 ** 10);
  });
  afterEach(async () => {
    configureHashQueue({ running: 1, waiting: 4 });
    await t.cleanup();
  });
  const args = (request: Request, address = '127.0.0.1') => ({
    request,
    params: {},
    context: { clientAddress: address, requestId: 'test', nonce: '' },
  });
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    new Request(`http://localhost${path}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: cookie ? { Cookie: cookie } : {},
    });
  const cookiesOf = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0]);

  it('lets the owner in from a browser that logged in before, while someone else has locked the account', async () => {
    await createUser(t.handle.db, { email: 'lee@example.org', name: 'Lee', passwordHash: cheapHash });
    const ok = (await loginAction(args(post('/login', { email: 'lee@example.org', password: PASSWORD })))) as Response;
    expect(ok.status).toBe(302);
    const device = cookiesOf(ok).find((c) => c.startsWith('pa_device='));
    expect(device).toBeDefined();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await loginAction(args(post('/login', { email: 'lee@example.org', password: 'guess' }), '6.6.6.6'));
    }
    const stranger = (await loginAction(args(post('/login', { email: 'lee@example.org', password: PASSWORD })))) as Response;
    expect(stranger.status).toBe(429);
    expect(stranger.headers.get('Retry-After')).toBe('900');
    const body = await stranger.json();
    expect(inEnglish(body.errors.form, body.wait)).toMatch(/too many tries to log in. Please wait 15 minutes/);
    const owner = (await loginAction(args(post('/login', { email: 'lee@example.org', password: PASSWORD }, device)))) as Response;
    expect(owner.status).toBe(302);
    // A forged device cookie is ignored.
    const forged = (await loginAction(
      args(post('/login', { email: 'lee@example.org', password: PASSWORD }, 'pa_device=eyJpZCI6IngifQ%3D%3D')),
    )) as Response;
    expect(forged.status).toBe(429);
  });

  it('answers 429 with Retry-After and plain words at once when the hashing queue is full', async () => {
    configureHashQueue({ running: 0, waiting: 0 });
    const r = (await loginAction(args(post('/login', { email: 'a@example.org', password: 'whatever' })))) as Response;
    expect(r.status).toBe(429);
    expect(r.headers.get('Retry-After')).toBe('2');
    expect(inEnglish((await r.json()).errors.form)).toBe(
      'Many people are logging in right now. Please wait a few seconds and try again.',
    );
  });

  it('refuses weak passwords at sign-up with a message next to the field', async () => {
    for (const [password, message] of [
      ['aaaaaaaaaaaa', /at least 15 characters/],
      [' '.repeat(12), /at least 15 characters/],
      ['aaaaaaaaaaaaaaaa', /repeated/],
      ['qwertyuiop12345', /list of common passwords/],
    ] as const) {
      const r = (await signupAction(args(post('/signup', { name: 'Noor', email: 'noor@example.org', password })))) as Response;
      expect(r.status).toBe(400);
      const body = await r.json();
      // A message id; its English words are what the page shows.
      expect(catalogues.en[body.errors.password as keyof typeof catalogues.en]).toMatch(message);
      expect(body.values.password).toBeUndefined();
    }
    expect(await findUserByEmail(t.handle.db, 'noor@example.org')).toBeUndefined();
  });

  it('signs up with a device cookie, and a taken email gets the very same answer (ADR 018)', async () => {
    const fields = { name: 'Noor', email: 'noor@example.org', password: PASSWORD };
    const first = (await signupAction(args(post('/signup', fields)))) as Response;
    expect(first.status).toBe(302);
    expect(cookiesOf(first).some((c) => c.startsWith('pa_device='))).toBe(true);
    const again = (await signupAction(args(post('/signup', fields)))) as Response;
    expect(again.status).toBe(first.status);
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    const shape = (r: Response) => r.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, '=…').replace(/Expires=[^;]*/, ''));
    expect(shape(again)).toEqual(shape(first));
    expect(await again.text()).toBe('');
  });
});

describe('TRUST_PROXY', () => {
  // The setting server.ts gives Express, from the environment, with a real Express app.
  async function addressesSeen(setting: string, forwardedFor: string[]) {
    const app = express();
    const trust = parseEnv({ TRUST_PROXY: setting }).TRUST_PROXY;
    if (trust !== false) app.set('trust proxy', trust);
    app.get('/', (req, res) => {
      res.send(req.ip);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    try {
      const seen = [];
      for (const header of forwardedFor) {
        seen.push(await (await fetch(`http://127.0.0.1:${port}/`, { headers: { 'X-Forwarded-For': header } })).text());
      }
      return seen;
    } finally {
      server.close();
    }
  }

  it('with one hop, a client that forges X-Forwarded-For still gets the address the proxy saw', async () => {
    // The proxy appends the address it saw; the client forged everything to its left.
    const headers = Array.from({ length: 5 }, (_, i) => `10.9.9.${i}, 203.0.113.7`);
    expect(new Set(await addressesSeen('1', headers))).toEqual(new Set(['203.0.113.7']));
  });
  it('with a list of proxies, only those proxies are believed', async () => {
    expect(await addressesSeen('127.0.0.1', ['10.9.9.1, 203.0.113.7'])).toEqual(['203.0.113.7']);
    expect(await addressesSeen('10.0.0.0/8', ['10.9.9.1, 203.0.113.7'])).toEqual(['127.0.0.1']);
  });
  it('is not read from X-Forwarded-For at all when unset', async () => {
    expect(await addressesSeen('', ['203.0.113.7'])).toEqual(['127.0.0.1']);
  });
});
