import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { parseDocument } from 'yaml';
import { askedQuestionIds, choices, courseUnits, questionById } from './content';
import { expect, test } from './fixtures';
import { logIn } from './helpers';
import { e2eServerEnv, migrateAndSeed } from './server-env.mjs';

// Issue 15 item 6: several instances serve one published course. Two production servers (two
// workers each) share one PostgreSQL database and nothing else (each has its own copy of the
// content folder). An author edits and publishes on A; B serves the new version within seconds,
// and a trainee who was shown the old version on B is scored against what they were shown.
// Independent of the SQLite server the other specs use: this spec makes and drops its own
// database and starts and stops its own servers.

const ADMIN_URL = process.env.E2E_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PORTS = { a: 4201, b: 4202 };
const base = (port: number) => `http://localhost:${port}`;
const COURSE = 'courses/peer-support-core';
const UNIT_FILE = `${COURSE}/units/01-what-is-peer-support.mdx`;
const QUIZ_FILE = `${COURSE}/units/02-the-california-peer-role.quiz.yaml`;
const TRAINEE = 'trainee@example.org';
const AUTHOR = 'author@example.org';
/** The unit page must show the new version within this long after the publish. */
const SERVED_WITHIN_MS = 10_000;

const dbName = `pa_e2e_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
/** This run's folder (server logs, content copies); made in beforeAll, as Playwright also loads this file to list the tests. */
let work = '';
const servers: { name: string; child: ChildProcess; log: string; contentDir: string }[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  admin((c) => c.query<R>(sql, params), dbUrl).then((r) => r.rows);
const publishedHead = async () =>
  (await query<{ tree_id: string }>("select tree_id from content_heads where name = 'published'"))[0]?.tree_id ?? null;

function serverLogs(): string {
  return servers.map((s) => `--- ${s.name} (${s.log}) ---\n${readFileSync(s.log, 'utf8').slice(-4000)}`).join('\n');
}

async function waitForHealth(port: number, child: ChildProcess, deadline: number) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server on ${port} exited\n${serverLogs()}`);
    try {
      if ((await fetch(`${base(port)}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server on ${port} did not answer /healthz\n${serverLogs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  work = mkdtempSync(join(tmpdir(), 'pa-e2e-instances-'));
  await admin((c) => c.query(`create database ${dbName}`));
  migrateAndSeed(e2eServerEnv({ port: PORTS.a, databaseUrl: dbUrl, contentDir: 'content' }), 'pipe');
  for (const [name, port] of Object.entries(PORTS)) {
    const contentDir = join(work, `content-${name}`);
    cpSync('content', contentDir, { recursive: true });
    const log = join(work, `server-${name}.log`);
    const fd = openSync(log, 'a');
    const env = {
      ...e2eServerEnv({ port, databaseUrl: dbUrl, contentDir }),
      WEB_CONCURRENCY: '2',
      CONTENT_EDITING: '1',
      CONTENT_POLL_SECONDS: '2',
    };
    // Its own process group, so that afterAll stops the primary and both workers at once.
    const child = spawn('node', ['build/server.js'], { env, stdio: ['ignore', fd, fd], detached: true });
    servers.push({ name, child, log, contentDir });
  }
  const deadline = Date.now() + 180_000;
  await Promise.all(servers.map((s, i) => waitForHealth(Object.values(PORTS)[i], s.child, deadline)));
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook uses from this pattern (none here).
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(serverLogs());
});

test.afterAll(async () => {
  for (const s of servers) {
    const { pid } = s.child;
    if (!pid || s.child.exitCode !== null || s.child.signalCode !== null) continue;
    const gone = new Promise((r) => s.child.once('exit', r));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 8000);
    await gone;
    clearTimeout(timer);
  }
  await admin((c) => c.query(`drop database if exists ${dbName} with (force)`)).catch((e) =>
    console.error(`could not drop ${dbName}: ${e}`),
  );
  if (work) rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Editing and publishing as the author on A. Each is one function, so that switching between
// the studio's pages and the store script (tests/e2e/store-script.ts) touches nothing else.

async function storeScript(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['tests/e2e/store-script.ts', ...args], {
    env: { ...process.env, DATABASE_URL: dbUrl, CONTENT_DIR: servers[0].contentDir },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

/** Where the studio edits each file this spec changes, and the editor's name there. */
const STUDIO: Record<string, { url: string; editor: string }> = {
  [UNIT_FILE]: { url: `/author/${COURSE}/units/what-is-peer-support/edit`, editor: 'Unit text (MDX with frontmatter)' },
  [QUIZ_FILE]: { url: `/author/${COURSE}/units/the-california-peer-role/edit?file=quiz`, editor: 'Quiz (YAML)' },
};

/**
 * Saves a new text of one content file to the draft, as the author on A: in the studio's editor
 * (`via: 'script'` saves through saveDraft instead, as before the studio saved to the draft).
 */
async function saveToDraft(author: Page, path: string, text: string, how: string[], via: 'studio' | 'script' = 'studio') {
  if (via === 'script') {
    const file = join(work, 'edit.txt');
    writeFileSync(file, text);
    const result = await storeScript('edit', path, file);
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'saved' });
    how.push('edit: store script (saveDraft)');
    return;
  }
  const { url, editor } = STUDIO[path];
  await author.goto(url);
  const box = author.getByRole('textbox', { name: editor });
  // CodeMirror has taken over from the plain textarea once the box is contenteditable.
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await box.click();
  await author.keyboard.press('ControlOrMeta+a');
  await author.keyboard.insertText(text);
  // The live check has run on the new text (as an author would wait for it).
  await expect(author.getByText('No problems. Ready to save.')).toBeVisible({ timeout: 30_000 });
  const saving = Date.now();
  await author.getByRole('button', { name: 'Save' }).click();
  await expect(author.getByText('Saved to the draft. Trainees see it once the draft is published.')).toBeVisible({
    timeout: 60_000,
  });
  how.push(`edit: studio editor on A (save took ${((Date.now() - saving) / 1000).toFixed(1)} s)`);
}

/**
 * Publishes the draft as the author on A, and returns when the published head moved (epoch ms).
 * Through the studio's publish page when this build has it, otherwise through publishDraft.
 */
async function publish(author: Page, message: string, how: string[]): Promise<number> {
  const before = await publishedHead();
  const page = await author.goto('/author/publish');
  if (page?.status() === 200) {
    await author.getByLabel('What changed').fill(message);
    await author.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(publishedHead, { timeout: 60_000, intervals: [100] }).not.toBe(before);
    how.push('publish: /author/publish');
    return Date.now();
  }
  const result = await storeScript('publish', message);
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'published' });
  how.push('publish: store script (publishDraft)');
  return Date.now();
}

// ---------------------------------------------------------------------------------------------
// Reading B as a trainee.

async function signedIn(browser: Browser, port: number, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base(port) });
  const page = await context.newPage();
  await logIn(page, email);
  return { context, page };
}

/** One GET on a new connection (the cluster hands connections to its workers in turn). */
function getFresh(url: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { cookie, connection: 'close' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * Polls a page on B until it contains `text` on 4 requests in a row (each on a new connection,
 * so both of B's workers answer); returns the seconds since `since`.
 */
async function servedAfter(context: BrowserContext, url: string, text: string, since: number): Promise<number> {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  let inARow = 0;
  let first = 0;
  let last = '';
  while (Date.now() - since < SERVED_WITHIN_MS + 5000) {
    last = await getFresh(url, cookie);
    if (last.includes(text)) {
      if (inARow++ === 0) first = Date.now();
      if (inARow >= 4) return (first - since) / 1000;
    } else inARow = 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  const legend = last.match(/<legend[^>]*>[\s\S]{0,200}/)?.[0] ?? 'no <legend> in the page';
  throw new Error(
    `${url} did not show "${text}" within ${SERVED_WITHIN_MS + 5000} ms of the publish; it showed ${legend}\n${serverLogs()}`,
  );
}

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test('a change published on instance A is served by instance B within seconds', async ({ browser }) => {
  test.slow();
  const how: string[] = [];
  const source = readFileSync(`content/${UNIT_FILE}`, 'utf8');
  const paragraph = source.split('\n').find((l, i, all) => i > all.findIndex((x) => x.startsWith('## ')) && /^[A-Z]/.test(l));
  expect(paragraph).toBeTruthy();
  const newText = `Peer support is walking beside each other, published on one instance (${Date.now()}).`;

  const trainee = await signedIn(browser, PORTS.b, TRAINEE);
  const unitUrl = `${base(PORTS.b)}/${COURSE}/units/what-is-peer-support`;
  await trainee.page.goto(unitUrl);
  await expect(trainee.page.getByText(paragraph!.slice(0, 60))).toBeVisible();

  const author = await signedIn(browser, PORTS.a, AUTHOR);
  await saveToDraft(author.page, UNIT_FILE, source.replace(paragraph!, newText), how);
  // A draft is not served: B still shows the published text.
  await trainee.page.reload();
  await expect(trainee.page.getByText(paragraph!.slice(0, 60))).toBeVisible();

  const published = await publish(author.page, 'Reword the opening paragraph', how);
  const seconds = await servedAfter(trainee.context, unitUrl, escaped(newText), published);
  console.log(`[instances] ${how.join('; ')}; instance B served the new text ${seconds.toFixed(2)} s after the publish`);
  expect(seconds * 1000).toBeLessThan(SERVED_WITHIN_MS);
  await trainee.page.reload();
  await expect(trainee.page.getByText(newText)).toBeVisible();
  await trainee.context.close();
  await author.context.close();
});

test('a trainee mid-quiz on the old version submits and is scored against what they were shown', async ({ browser }) => {
  test.slow();
  const how: string[] = [];
  const unit = courseUnits().find((u) => u.slug === 'the-california-peer-role')!;
  expect(unit.quiz).toBeTruthy();
  const oldHead = await publishedHead();

  // The trainee on B opens the quiz: these are the questions they are shown.
  const trainee = await signedIn(browser, PORTS.b, TRAINEE);
  const unitUrl = `${base(PORTS.b)}/${COURSE}/units/${unit.slug}`;
  await trainee.page.goto(unitUrl);
  const asked = await askedQuestionIds(trainee.page);
  expect(asked.length).toBeGreaterThan(0);
  const firstPrompt = questionById(unit, asked[0]).prompt.trim();

  // The author on A rewords every question's prompt (same ids, options and answers) and publishes.
  const REWORDED = 'Reworded after the trainee opened the quiz.';
  const doc = parseDocument(readFileSync(`content/${QUIZ_FILE}`, 'utf8'));
  const questions = doc.get('questions') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  for (const q of questions.items) q.set('prompt', `${REWORDED} ${String(q.get('prompt'))}`);
  const author = await signedIn(browser, PORTS.a, AUTHOR);
  await saveToDraft(author.page, QUIZ_FILE, doc.toString({ lineWidth: 0 }), how);
  const published = await publish(author.page, 'Reword the quiz prompts of unit 2', how);
  const newHead = await publishedHead();
  expect(newHead).not.toBe(oldHead);

  // B serves the new version (to another reader, so the trainee's own page stays as it was) …
  const reader = await signedIn(browser, PORTS.b, 'trainer@example.org');
  const seconds = await servedAfter(reader.context, unitUrl, REWORDED, published);
  console.log(`[instances] ${how.join('; ')}; instance B served the reworded quiz ${seconds.toFixed(2)} s after the publish`);
  await reader.context.close();

  // … and the trainee submits the form still on their page, with the right answers to what it asked.
  await expect(trainee.page.getByText(REWORDED)).toHaveCount(0);
  for (const [i, id] of asked.entries()) {
    const group = trainee.page.getByRole('group', { name: new RegExp(`^Question ${i + 1}\\.`) });
    for (const label of choices(questionById(unit, id), true)) await group.getByLabel(label, { exact: true }).check();
  }
  await trainee.page.getByRole('button', { name: 'Submit my answers' }).click();
  const result = trainee.page.getByRole('region', { name: 'You passed this quiz' });
  await expect(result).toBeVisible();
  await expect(result).toContainText(firstPrompt.replace(/\s+/g, ' ').slice(0, 60));
  await expect(result).not.toContainText(REWORDED);

  const [attempt] = await query<{ content_tree_id: string | null; percent: number; passed: number }>(
    `select a.content_tree_id, a.percent, a.passed from quiz_attempts a join users u on u.id = a.user_id
     where u.email = $1 and a.unit_slug = $2 order by a.submitted_at desc limit 1`,
    [TRAINEE, unit.slug],
  );
  expect(attempt).toMatchObject({ content_tree_id: oldHead, percent: 100, passed: 1 });
  expect(attempt.content_tree_id).not.toBe(newHead);
  await trainee.context.close();
  await author.context.close();
});
