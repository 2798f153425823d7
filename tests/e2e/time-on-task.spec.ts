import type { Page } from '@playwright/test';
import { courseUnits } from './content';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, uniqueEmail } from './helpers';

// Time on task (docs/decisions/017-time-on-task.md): a trainee reads a unit, with JavaScript
// (heartbeats, every 3 s on the test server) and without (the gap between two requests), and
// the trainer sees the measured time beside the planned time.

const [first, second] = courseUnits();
const UNIT_1 = `/courses/peer-support-core/units/${first.slug}`;
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cells of a CSV line (RFC 4180 quoting), enough for a progress export. */
function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

async function signUpWithCode(page: Page, name: string) {
  const email = uniqueEmail('time');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Join code (optional)').fill('DEMO2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  return email;
}

/** The trainer's page for a trainee, reached as a trainer would: group, then name. */
async function traineePage(page: Page, name: string) {
  await logIn(page, 'trainer@example.org');
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

function unitRow(page: Page, unitTitle: string) {
  return page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Time spent in unit', exact: true }) })
    .getByRole('row', { name: new RegExp(`^${literal(unitTitle)}`) });
}

test('time spent reading a unit with JavaScript appears on the trainer pages and in the CSV', async ({ page, browser }) => {
  const name = `Rowan Time ${Date.now()}`;
  const email = await signUpWithCode(page, name);
  await page.goto(UNIT_1);
  const title = first.title;
  // Reading: scroll and move about until a heartbeat has credited some time.
  const credited = page.waitForResponse(async (r) => {
    if (!r.url().endsWith(`${UNIT_1}/time`) || r.request().method() !== 'POST') return false;
    const body = (await r.json().catch(() => null)) as { creditedSeconds?: number } | null;
    return (body?.creditedSeconds ?? 0) > 0;
  });
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(500);
  }
  await credited;
  const started = Date.now();
  await page.goto('/courses');
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();

  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await traineePage(trainer, name);
  const row = unitRow(trainer, title);
  await expect(row.getByRole('cell').nth(1)).toHaveText('under a minute');
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^\d+ min$/);
  await expect(unitRow(trainer, second.title).getByRole('cell').nth(1)).toHaveText('0 min');
  await expect(
    trainer.getByText(/Time spent in units: under a minute\. Planned time of the completed units: 0 min\./),
  ).toBeVisible();
  await expect(trainer.getByText(/Estimated training time/)).toHaveCount(0);
  await expectAccessible(trainer);

  // The progress matrix and its CSV show the same measured time, named plainly.
  await trainer.goto('/trainer');
  await trainer.getByRole('link', { name: 'Demo cohort' }).click();
  await expect(trainer.getByRole('columnheader', { name: 'Time spent in units' })).toBeVisible();
  await expect(trainer.getByRole('columnheader', { name: 'Planned time of completed units' })).toBeVisible();
  // In this trainee's row: other specs' trainees of the demo cohort may have opened the unit too.
  await expect(
    trainer
      .getByRole('row', { name: new RegExp(literal(name)) })
      .getByRole('cell', { name: new RegExp(`^${literal(title)}: in progress, time spent under a minute$`) }),
  ).toBeVisible();
  const href = (await trainer.getByRole('link', { name: 'progress matrix (CSV)' }).getAttribute('href')) ?? '';
  const [header, ...records] = csvRows(await (await trainer.request.get(href)).text());
  const mine = records.find((l) => l[1] === email) ?? [];
  expect(Number(mine[header.indexOf(`${title} (minutes spent in unit)`)])).toBeGreaterThan(0);
  const minutes = Number(mine[header.indexOf('Time spent in units (minutes)')]);
  expect(minutes).toBeGreaterThan(0);
  // Never more than the wall clock: the page was open for well under a minute.
  expect(minutes * 60).toBeLessThanOrEqual((Date.now() - started) / 1000 + 30);
  expect(Number(mine[header.indexOf('Planned time of completed units (minutes)')])).toBe(0);
  await trainerContext.close();
});

test('time spent reading a unit without JavaScript appears on the trainer page', async ({ browser }) => {
  const name = `Sage NoScript ${Date.now()}`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUpWithCode(page, name);
  await page.goto(UNIT_1);
  const title = first.title;
  await page.waitForTimeout(4000);
  // The next request (here: the next unit) ends the reading of this one.
  await page.getByRole('link', { name: `Next: ${second.title} →` }).click();
  await expect(page.getByRole('heading', { level: 1, name: second.title })).toBeVisible();
  await context.close();

  const trainerContext = await browser.newContext({ javaScriptEnabled: false });
  const trainer = await trainerContext.newPage();
  await traineePage(trainer, name);
  await expect(unitRow(trainer, title).getByRole('cell').nth(1)).toHaveText('under a minute');
  await expect(trainer.getByText(/Time spent in units: under a minute\./)).toBeVisible();
  await trainerContext.close();
});
