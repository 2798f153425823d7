import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { type APIRequestContext, type APIResponse, expect, request as http, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { completeAllUnits } from './db';
import { DEMO_PASSWORD } from './helpers';

// Issue #12 item 8: no client input may produce a 5xx or a half-written record.
//
// This spec starts a production server of its own (its own database and content copy), so it
// can read that server's log and leave the shared e2e server's state alone. It needs no browser.
// Routes come from the build's manifest, so a route added later is fuzzed without touching
// this file; form field names come from each page's own HTML.
//
// For every route with a loader or an action, as anonymous, with a junk session cookie, and as
// each demo role, it sends: malformed bodies (JSON, text, empty, broken multipart, files where
// text is expected, bad escapes), odd content types, malformed Origin headers, ids that are not
// ids (too long, traversal, bad percent-encoding, unicode), and every field of the page's forms
// filled with junk (huge, unicode, NUL, numbers out of range, repeated fields, unknown names).
// It fails on any status >= 500, on any request that was refused (4xx) but changed the database
// or the content files, and on any stack trace or error line in the server's log.

test.describe.configure({ mode: 'serial' });

const DB_FILE = 'tests/.tmp/fuzz.db';
const CONTENT_DIR = 'tests/.tmp/fuzz-content';
const COURSE = 'peer-support-core';
const ROLES = ['trainee', 'trainer', 'author', 'admin'] as const;

let server: ChildProcess;
let log = '';
let baseURL = '';
let sqlite: Database.Database;
const contexts = new Map<string, APIRequestContext>();
const ids = { trainee: '', cohort: '', submittedAttempt: '', openAttempt: '' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  server = spawn('node', ['tests/e2e/start-server.mjs'], {
    env: { ...process.env, E2E_PORT: String(port), E2E_DB: DB_FILE, E2E_CONTENT_DIR: CONTENT_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => {
    log += d;
  });
  server.stderr?.on('data', (d) => {
    log += d;
  });
  const anon = await http.newContext({ baseURL });
  for (let i = 0; ; i++) {
    const ok = await anon
      .get('/healthz', { timeout: 2000 })
      .then((r) => r.ok())
      .catch(() => false);
    if (ok) break;
    if (server.exitCode !== null || i > 180) throw new Error(`The fuzz server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  contexts.set('anonymous', anon);
  contexts.set(
    'junk cookie',
    await http.newContext({ baseURL, extraHTTPHeaders: { Cookie: 'pa_session=%FF%FE.bad; pa_session=' } }),
  );
  for (const role of ROLES) {
    const ctx = await http.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const r = await ctx.post('/login', { form: { email: `${role}@example.org`, password: DEMO_PASSWORD }, maxRedirects: 0 });
    expect(r.status(), `log in as ${role}`).toBe(302);
    contexts.set(role, ctx);
  }
  sqlite = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  ids.trainee = (sqlite.prepare("SELECT id FROM users WHERE email = 'trainee@example.org'").get() as { id: string }).id;
  ids.cohort = (sqlite.prepare('SELECT id FROM cohorts LIMIT 1').get() as { id: string }).id;

  // Real state for the deeper routes: a submitted attempt (for grading) and an open one (for answering).
  await completeAllUnits('trainee@example.org', `file:./${DB_FILE}`);
  const trainee = contexts.get('trainee') as APIRequestContext;
  const examPage = await (await trainee.get(`/courses/${COURSE}/exam`)).text();
  const formIds = [...examPage.matchAll(/name="formId" value="([^"]+)"/g)].map((m) => m[1]);
  expect(formIds.length, 'practice forms on the exam page').toBeGreaterThan(1);
  const start = async (formId: string) => {
    const r = await trainee.post(`/courses/${COURSE}/exam`, { form: { intent: 'start', formId }, maxRedirects: 0 });
    const id = r.headers().location?.match(/attempts\/([^/?#]+)/)?.[1];
    if (!id) throw new Error(`Starting the ${formId} form answered ${r.status()}`);
    return id;
  };
  ids.submittedAttempt = await start(formIds[0]);
  const submit = await trainee.post(`/courses/${COURSE}/exam/attempts/${ids.submittedAttempt}/review`, {
    form: { confirm: 'yes' },
    maxRedirects: 0,
  });
  expect(submit.status()).toBe(302);
  ids.openAttempt = await start(formIds[1]);
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
  sqlite?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

// ---------------------------------------------------------------------------------------------
// Routes, from the build

interface Route {
  id: string;
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
}

function routesFromBuild(): Route[] {
  const index = readFileSync('build/index.js', 'utf8');
  const url = index.match(/\/build\/manifest-[A-Z0-9]+\.js/)?.[0];
  if (!url) throw new Error('No manifest named in build/index.js: run `npm run build` first.');
  const source = readFileSync(`public${url}`, 'utf8');
  const manifest = JSON.parse(source.replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')) as {
    routes: Record<
      string,
      { id: string; parentId?: string; path?: string; index?: boolean; hasLoader: boolean; hasAction: boolean }
    >;
  };
  const all = manifest.routes;
  const fullPath = (id: string): string => {
    const r = all[id];
    const own = r.path ?? '';
    const parent = r.parentId ? fullPath(r.parentId) : '';
    return [parent, own].filter(Boolean).join('/');
  };
  return Object.values(all)
    .filter((r) => r.hasLoader || r.hasAction)
    .map((r) => ({ id: r.id, path: `/${fullPath(r.id)}`, hasLoader: r.hasLoader, hasAction: r.hasAction }));
}

/** A valid value for each route parameter, so that junk reaches the code behind the guards. */
function validParam(route: Route, name: string): string {
  const valid: Record<string, string> = {
    course: COURSE,
    unit: 'what-is-peer-support',
    cohortId: ids.cohort,
    userId: ids.trainee,
    attemptId: route.id.includes('grading') || /result|review/.test(route.id) ? ids.submittedAttempt : ids.openAttempt,
    '*': 'no-such-page',
  };
  return valid[name] ?? 'x';
}

const JUNK_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(3000),
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%FF%FE',
  '%00',
  '%F0%9F%98%80%E2%80%AE',
  "1'%20OR%20'1'%3D'1",
];

function fill(route: Route, junk?: { param: string; value: string }): string {
  return route.path
    .split('/')
    .map((seg) => {
      if (seg === '*') return junk?.param === '*' ? junk.value : validParam(route, '*');
      if (!seg.startsWith(':')) return seg;
      const name = seg.slice(1).replace(/\?$/, '');
      return junk?.param === name ? junk.value : encodeURIComponent(validParam(route, name));
    })
    .join('/');
}

function paramsOf(route: Route): string[] {
  return route.path
    .split('/')
    .filter((s) => s.startsWith(':') || s === '*')
    .map((s) => (s === '*' ? '*' : s.slice(1).replace(/\?$/, '')));
}

// ---------------------------------------------------------------------------------------------
// Fields, from each page's own forms

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Field name -> the values the page offers (hidden inputs, buttons, radios). */
function fieldsOf(html: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [tag] of html.matchAll(/<(?:input|textarea|select|button)\b[^>]*>/g)) {
    const name = tag.match(/\bname="([^"]*)"/)?.[1];
    if (!name) continue;
    const values = fields.get(decode(name)) ?? [];
    const value = tag.match(/\bvalue="([^"]*)"/)?.[1];
    if (value !== undefined && !values.includes(decode(value))) values.push(decode(value));
    fields.set(decode(name), values);
  }
  return fields;
}

const JUNK_VALUES = [
  '',
  'x'.repeat(20_000),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \u202e עברית \uFEFF <script>',
  'a\u0000b',
  '\uD800',
  '-1',
  '1e309',
  '99999999999999999999',
  "../../../../etc/passwd' OR 1=1 --",
];

type Body = { label: string; contentType?: string; data?: string | Buffer };

const urlencoded = (label: string, pairs: [string, string][]): Body => ({
  label,
  contentType: 'application/x-www-form-urlencoded',
  data: new URLSearchParams(pairs).toString(),
});

/** Bodies that are not a readable form at all, whatever the route. */
function rawBodies(fields: Map<string, string[]>): Body[] {
  const names = [...fields.keys()];
  const first = names[0] ?? 'intent';
  const boundary = 'fuzzBoundary1234';
  const part = (name: string, value: string, file = false) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="a.txt"\r\nContent-Type: text/plain' : ''}\r\n\r\n${value}\r\n`;
  const allFiles = `${names.map((n) => part(n, 'file content', true)).join('')}--${boundary}--\r\n`;
  return [
    { label: 'JSON', contentType: 'application/json', data: JSON.stringify(Object.fromEntries(names.map((n) => [n, 'x']))) },
    { label: 'broken JSON', contentType: 'application/json', data: '{"intent":' },
    { label: 'text/plain', contentType: 'text/plain', data: `${first}=x` },
    { label: 'no content type', data: `${first}=x` },
    { label: 'empty, no type' },
    { label: 'empty urlencoded', contentType: 'application/x-www-form-urlencoded', data: '' },
    { label: 'multipart without boundary', contentType: 'multipart/form-data', data: part(first, 'x') },
    { label: 'multipart, empty body', contentType: `multipart/form-data; boundary=${boundary}`, data: '' },
    {
      label: 'multipart, wrong boundary',
      contentType: 'multipart/form-data; boundary=other',
      data: `${part(first, 'x')}--${boundary}--\r\n`,
    },
    {
      label: 'multipart, cut off',
      contentType: `multipart/form-data; boundary=${boundary}`,
      data: part(first, 'x').slice(0, -10),
    },
    {
      label: 'multipart, garbage',
      contentType: `multipart/form-data; boundary=${boundary}`,
      data: Buffer.from([0, 255, 13, 10, 45, 45]),
    },
    { label: 'multipart, files for every field', contentType: `multipart/form-data; boundary=${boundary}`, data: allFiles },
    {
      label: 'urlencoded, bad escapes',
      contentType: 'application/x-www-form-urlencoded',
      data: `${first}=%ZZ%&%=&&==&${first}=%F0%28`,
    },
    { label: 'urlencoded, utf-16 charset', contentType: 'application/x-www-form-urlencoded; charset=utf-16', data: `${first}=x` },
    { label: 'xml', contentType: 'application/xml', data: '<a/>' },
    { label: 'octet-stream', contentType: 'application/octet-stream', data: Buffer.from([0, 1, 2, 255]) },
    { label: 'odd content type', contentType: ';;;=', data: `${first}=x` },
  ];
}

/** Every field of the page's forms filled with junk, once per value of `intent`. */
function fieldBodies(fields: Map<string, string[]>): Body[] {
  const names = [...fields.keys()];
  const intents = fields.get('intent')?.length ? (fields.get('intent') as string[]) : [undefined];
  const bodies: Body[] = [];
  for (const intent of intents) {
    const tag = intent ? ` (intent=${intent})` : '';
    const withIntent = (pairs: [string, string][]) =>
      intent ? [...pairs.filter(([n]) => n !== 'intent'), ['intent', intent] as [string, string]] : pairs;
    const real = names.map((n): [string, string] => [n, fields.get(n)?.[0] ?? '']);
    bodies.push(urlencoded(`the page's own values${tag}`, withIntent(real)));
    for (const junk of JUNK_VALUES) {
      bodies.push(urlencoded(`every field ${JSON.stringify(junk.slice(0, 20))}${tag}`, withIntent(names.map((n) => [n, junk]))));
    }
    bodies.push(urlencoded(`repeated fields${tag}`, withIntent([...real, ...names.map((n): [string, string] => [n, 'again'])])));
    // Names a page never offers: an unknown rubric criterion, an unknown question, stray fields.
    const unknown = names.map((n): [string, string] => [n.includes(':') ? `${n.split(':')[0]}:no-such-id` : `${n}-unknown`, '1']);
    bodies.push(urlencoded(`unknown field names${tag}`, withIntent([...real, ...unknown])));
  }
  bodies.push(
    urlencoded('an unknown intent', [
      ...names.map((n): [string, string] => [n, fields.get(n)?.[0] ?? '']),
      ['intent', 'no-such-intent'],
    ]),
  );
  return bodies;
}

// ---------------------------------------------------------------------------------------------
// The check

const READ_BOOKKEEPING = new Set([
  'login_failures',
  'throttle_locks',
  'unit_time_intervals',
  'unit_time_totals',
  'unit_time_clocks',
  'quiz_draws',
  // Compiled units, a cache keyed by each unit's source (ADR 030): a studio save compiles the
  // changed unit while it checks it, before it knows whether the save will be refused.
  'content_compiled',
]);

/** The database (less what changes on every request by design) and the content files. */
function fullSnapshot(): string {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    // Written on purpose by reads, not by the refused action: failed logins (the throttle), time
    // on task (credited when a unit page is shown, ADR 017), the quiz draw stored before a quiz is
    // shown (ADR 016), and the moments a session or unit was last seen. The outbox worker delivers
    // queued mail in the background (a refused request must still not queue a message, so the
    // messages themselves are compared).
    if (READ_BOOKKEEPING.has(table)) continue;
    const rows = sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    const lines = rows.map((r) => {
      if (table === 'sessions') delete r.last_seen_at;
      if (table === 'unit_progress') delete r.last_visited_at;
      if (table === 'outbox') {
        for (const k of ['status', 'attempts', 'next_attempt_at', 'sent_at', 'last_error', 'claimed_by', 'claimed_until'])
          delete r[k];
      }
      return JSON.stringify(r);
    });
    hash.update(`${table}\n${lines.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

function contentFiles(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const { size, mtimeMs } = statSync(p);
        hash.update(`${p} ${size} ${mtimeMs}\n`);
      }
    }
  };
  walk(CONTENT_DIR);
  return hash.digest('hex');
}

// Hashing every table takes tens of milliseconds; SQLite's data_version tells in microseconds
// whether another connection (the server) committed anything since we last looked.
let known = { version: -1, hash: '' };
function snapshot(): string {
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  if (version !== known.version) known = { version, hash: fullSnapshot() };
  return `${known.hash} ${contentFiles()}`;
}

const problems: string[] = [];
let sent = 0;

/** Sends one request; records a 5xx, or a refused request that wrote. */
async function probe(
  who: string,
  method: 'GET' | 'POST',
  url: string,
  body: Body = { label: '' },
  headers: Record<string, string> = {},
): Promise<APIResponse | null> {
  const ctx = contexts.get(who) as APIRequestContext;
  const before = method === 'POST' ? snapshot() : '';
  const h: Record<string, string> = { Origin: baseURL, ...headers };
  if (method === 'GET') delete h.Origin;
  if (body.contentType) h['Content-Type'] = body.contentType;
  sent++;
  let res: APIResponse;
  try {
    res = await ctx.fetch(url, {
      method,
      headers: h,
      data: body.data,
      maxRedirects: 0,
      failOnStatusCode: false,
      timeout: 15_000,
    });
  } catch (e) {
    problems.push(
      `${who} ${method} ${url.slice(0, 120)} [${body.label ?? ''}]: no answer (${(e as Error).message.split('\n')[0]})`,
    );
    return null;
  }
  const what = `${who} ${method} ${url.slice(0, 120)}${body.label ? ` [${body.label}]` : ''}${headers.Origin ? ` Origin=${headers.Origin.slice(0, 40)}` : ''}`;
  if (res.status() >= 500) problems.push(`${what}: ${res.status()} ${(await res.text()).slice(0, 200)}`);
  if (method === 'POST' && res.status() >= 400 && snapshot() !== before)
    problems.push(`${what}: refused with ${res.status()} but wrote`);
  return res;
}

/** The guard answered before the body was read: a redirect to log in, or 403/404. */
const guarded = (r: APIResponse | null) =>
  !r || r.status() === 403 || r.status() === 404 || (r.status() === 302 && (r.headers().location ?? '').startsWith('/login'));

test('no malformed request to any route, as anyone, gets a 5xx or writes anything when refused', async () => {
  // Well under a minute on an idle machine; the margin is for a loaded CI runner.
  test.setTimeout(300_000);
  const started = Date.now();
  const routes = routesFromBuild();
  expect(routes.length, 'routes found in the build').toBeGreaterThan(20);
  // Logging out ends the role's session: do it last.
  routes.sort((a, b) => Number(a.id === 'routes/logout') - Number(b.id === 'routes/logout'));
  const logStart = log.length;
  const deepDone = new Set<string>();

  for (const who of ['anonymous', 'junk cookie', ...ROLES]) {
    for (const route of routes) {
      const t0 = Date.now();
      const url = fill(route);
      const page = await contexts.get(who)?.get(url, { maxRedirects: 0, failOnStatusCode: false });
      const fields = page?.headers()['content-type']?.includes('text/html') ? fieldsOf(await page.text()) : new Map();
      if (fields.size === 0 && url.lastIndexOf('/') > 0) {
        // A resource route (the exam autosave) takes the fields of the page that posts to it.
        const parent = await contexts
          .get(who)
          ?.get(url.slice(0, url.lastIndexOf('/')), { maxRedirects: 0, failOnStatusCode: false });
        if (parent?.headers()['content-type']?.includes('text/html'))
          for (const [k, v] of fieldsOf(await parent.text())) fields.set(k, v);
      }

      // Past the guard, every variant; where the guard answers first (a redirect to log in, 403, 404),
      // a few show that it does so for any body or id, and the rest would test nothing new.
      // A route is fuzzed in full once, by the first caller its guard lets in (roles run from
      // least to most access: an admin passes every guard, and would only repeat the same code).
      const deepGet = who !== 'junk cookie' && !guarded(page ?? null) && !deepDone.has(`GET ${route.id}`);
      if (deepGet) deepDone.add(`GET ${route.id}`);
      if (route.hasLoader) {
        await probe(who, 'GET', `${url}?_data=${encodeURIComponent(route.id)}`);
        await probe(who, 'GET', `${url}?_data=routes%2Fno-such-route`);
        await probe(
          who,
          'GET',
          `${url}?${[...fields.keys()].map((n) => `${encodeURIComponent(n)}=%FF%00${'x'.repeat(500)}`).join('&')}&page=-1&q=%ZZ`,
        );
        for (const value of deepGet ? JUNK_IDS : JUNK_IDS.slice(0, 3))
          for (const param of paramsOf(route)) await probe(who, 'GET', fill(route, { param, value }));
      } else {
        await probe(who, 'GET', `${url}?_data=${encodeURIComponent(route.id)}`);
      }

      if (route.hasAction) {
        const own = fieldBodies(fields);
        const first = await probe(who, 'POST', url, own[0]);
        const deep = who !== 'junk cookie' && !guarded(first) && !deepDone.has(`POST ${route.id}`);
        if (deep) deepDone.add(`POST ${route.id}`);
        for (const body of deep ? rawBodies(fields) : rawBodies(fields).slice(0, 2)) await probe(who, 'POST', url, body);
        if (deep) for (const body of own.slice(1)) await probe(who, 'POST', url, body);
        // The Origin check runs before any session or route code: two callers cover it.
        if (who === 'anonymous' || who === 'trainee') {
          for (const origin of [
            'http://[not a host',
            '::::',
            'null',
            'https://evil.example',
            `${baseURL}/extra path`,
            'x'.repeat(2000),
          ])
            await probe(who, 'POST', url, own[0], { Origin: origin });
          await probe(who, 'POST', url, own[0], { 'Sec-Fetch-Site': 'cross-site' });
        }
        for (const value of deep ? JUNK_IDS : JUNK_IDS.slice(0, 2))
          for (const param of paramsOf(route)) await probe(who, 'POST', fill(route, { param, value }), own[0]);
      } else {
        await probe(who, 'POST', url, urlencoded('a post to a page without an action', [['intent', 'x']]));
      }
      if (Date.now() - t0 > 2000) console.log(`fuzz: ${who} ${route.id} took ${Date.now() - t0} ms`);
    }
    console.log(`fuzz: ${who} done, ${sent} requests, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${sent} requests to ${routes.length} routes in ${seconds.toFixed(1)} s`);
  expect(problems).toEqual([]);
  const newLog = log.slice(logStart);
  expect(newLog, 'the server logged an error or a stack trace').not.toMatch(/^\s+at |\[request |Error:/m);
});

test('a 4xx from the router writes nothing to the log, however often it is asked', async () => {
  const anon = contexts.get('anonymous') as APIRequestContext;
  const logStart = log.length;
  for (let i = 0; i < 20; i++) {
    expect((await anon.get('/?_data=routes%2Fnonexistent')).status()).toBe(403);
    expect((await anon.get('/about?_data=routes%2Fabout')).status()).toBe(400);
    expect((await anon.fetch('/about', { method: 'PUT', headers: { Origin: baseURL } })).status()).toBe(405);
    expect((await anon.post('/about', { headers: { Origin: baseURL } })).status()).toBe(405);
  }
  // The log is written by another process: give it a moment to arrive.
  await new Promise((r) => setTimeout(r, 300));
  expect(log.slice(logStart)).toBe('');
});
