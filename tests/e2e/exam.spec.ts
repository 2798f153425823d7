import type { Page } from '@playwright/test';
import { completeAllUnits, countAttempts, endSessions, savedExamResponse } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, uniqueEmail } from './helpers';

const EXAM = '/courses/peer-support-core/exam';

async function signUp(page: Page) {
  const email = uniqueEmail('exam');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Casey Examinee');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  return email;
}

test('a hand-made POST to start the exam with units left is refused', async ({ page }) => {
  await signUp(page);
  const res = await page.request.post(EXAM, {
    form: { intent: 'start', formId: 'short' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  const attempt = await page.request.get(`${EXAM}/attempts/00000000-0000-4000-8000-000000000000`);
  expect(attempt.status()).toBe(403);
});

test('a trainee takes the short practice exam: autosave, resume, offline retry, review and submit once', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const email = await signUp(page);
  await completeAllUnits(email);
  await page.goto(EXAM);
  await expect(page.getByText('This is a practice exam written by Peer Academy.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();

  await expect(page.getByRole('heading', { name: 'Question 1 of 41' })).toBeVisible();
  await expect(page.getByText('Time left:')).toBeVisible();
  await expectAccessible(page);

  // A choice saves in the background as soon as it is made.
  const q1 = page.getByRole('group');
  await q1.getByRole('radio').nth(1).check();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();

  // Resuming after a reload shows the saved answer.
  await page.reload();
  await expect(page.getByRole('group').getByRole('radio').nth(1)).toBeChecked();

  // Offline: the page says so, keeps the answer, and saves it when the network returns.
  await page.getByRole('link', { name: 'Question 2, not answered' }).click();
  await expect(page.getByRole('heading', { name: 'Question 2 of 41' })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('group').getByRole('radio').first().check();
  await expect(page.getByText('Not saved yet: we cannot reach the server.')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Flag this question to review before submitting').check();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();

  // The written scenario saves while typing.
  await page.getByRole('link', { name: 'Question 41, not answered' }).click();
  await page
    .getByLabel('Your written answer')
    .fill('I would listen first, ask what she wants, and check our agency policy with my supervisor.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Your written answer')).toHaveValue(/I would listen first/);

  await page.getByRole('link', { name: 'Question 2, answered, flagged' }).isVisible();
  await page.getByRole('link', { name: 'Review and submit' }).click();
  await expect(page.getByRole('heading', { name: 'Review before you submit' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not answered (38)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Flagged for review (1)' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit my exam' }).click();
  await expect(page.getByText('Tick the box to confirm you are ready to submit.')).toBeVisible();
  await page.getByLabel('I am ready to submit my answers').check();
  const reviewUrl = page.url();
  await page.getByRole('button', { name: 'Submit my exam' }).click();

  await expect(page.getByRole('heading', { name: 'Submitted: awaiting grading' })).toBeVisible();
  await expect(page.getByText(/Partial result, multiple-choice part only: \d+ of 40 answered well/)).toBeVisible();
  await expectAccessible(page);

  // A retry of the submit (double click, second tab) changes nothing.
  const again = await page.request.post(reviewUrl, { form: { confirm: 'yes' }, headers: { Origin: new URL(reviewUrl).origin } });
  expect(again.ok()).toBe(true);
  const attempts = await countAttempts(email);
  expect(attempts).toHaveLength(1);
  expect(attempts[0].status).toBe('submitted');

  await page.goto(EXAM);
  await expect(page.getByRole('cell', { name: 'Submitted, awaiting grading' })).toBeVisible();
});

test('the autosave endpoint answers only its owner, in plain status codes', async ({ page, browser }) => {
  const email = await signUp(page);
  await completeAllUnits(email);
  await page.goto(EXAM);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await expect(page.getByRole('heading', { name: 'Question 1 of 41' })).toBeVisible();
  const save = `${page.url().replace(/\?.*$/, '')}/save`;
  const origin = new URL(page.url()).origin;
  const form = (data: Record<string, string>, headers: Record<string, string> = { Origin: origin }) => ({ form: data, headers });

  const ok = await page.request.post(save, form({ position: '41', response: 'A draft answer.' }));
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ savedAt: expect.any(Number) });
  expect((await page.request.post(save, form({ position: 'first' }))).status()).toBe(400);
  expect((await page.request.post(save, form({ position: '999', response: 'x' }))).status()).toBe(400);
  expect((await page.request.post(save, form({ position: '1' }, { Origin: 'https://evil.example' }))).status()).toBe(403);
  const badPath = await page.request.post(save.replace(/attempts\/[^/]+/, 'attempts/%E0%A4%A'), form({ position: '1' }));
  expect(badPath.status()).toBe(400);
  expect(await badPath.text()).not.toMatch(/at .*\.js/);

  // Someone else, signed in: the attempt does not exist for them. Nobody signed in: to the login page.
  const other = await browser.newPage();
  await completeAllUnits(await signUp(other));
  expect((await other.request.post(save, form({ position: '41', response: 'Not mine.' }))).status()).toBe(404);
  await other.close();
  const anonymous = await browser.newContext();
  const anon = await anonymous.request.post(save, { ...form({ position: '41', response: 'x' }), maxRedirects: 0 });
  expect(anon.status()).toBe(302);
  expect(anon.headers().location).toMatch(/^\/login\?redirectTo=/);
  await anonymous.close();
});

test('a session that ends mid-exam: the page asks to sign in again, and the answer is saved after sign-in', async ({ page }) => {
  const email = await signUp(page);
  await completeAllUnits(email);
  await page.goto(EXAM);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await expect(page.getByRole('heading', { name: 'Question 1 of 41' })).toBeVisible();

  // The session ends on the server (it expired, or was signed out elsewhere); the page is still open.
  await endSessions(email);
  const choice = page.getByRole('group').getByRole('radio').nth(2);
  const value = await choice.getAttribute('value');
  await choice.check();
  await expect(page.getByRole('status').filter({ hasText: 'You have been signed out' })).toBeVisible();
  await expect(page.getByText('They are kept on this device.')).toBeVisible();
  await expect(page.getByText('we cannot reach the server')).toHaveCount(0);
  expect(await savedExamResponse(email, 1)).toBeNull();

  // Signing in comes back to the question, and the kept answer is sent.
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Question 1 of 41' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await expect(page.getByRole('group').getByRole('radio').nth(2)).toBeChecked();
  await expect.poll(() => savedExamResponse(email, 1)).toBe(value);

  // The server has it: without this browser's copy, a reload still shows it.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('group').getByRole('radio').nth(2)).toBeChecked();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('answers save with "Save and next", and the deadline time shows', async ({ page }) => {
    const email = await signUp(page);
    await completeAllUnits(email);
    await page.goto(EXAM);
    await page.getByRole('button', { name: 'Start the short practice form' }).click();
    await expect(page.getByRole('heading', { name: 'Question 1 of 41' })).toBeVisible();
    await expect(page.getByText(/Your time ends .* \(Pacific time\)/)).toBeVisible();
    await page.getByRole('group').getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Save and next' }).click();
    await expect(page.getByRole('heading', { name: 'Question 2 of 41' })).toBeVisible();
    await page.getByRole('button', { name: 'Save and go back' }).click();
    await expect(page.getByRole('group').getByRole('radio').first()).toBeChecked();
    await expect(page.getByRole('link', { name: 'Question 1, answered' })).toBeVisible();
  });
});
