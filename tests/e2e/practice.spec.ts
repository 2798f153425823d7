import type { Page } from '@playwright/test';
import { lookup } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, logOut, uniqueEmail } from './helpers';

const COURSE = '/courses/peer-support-core';

async function signUp(page: Page, name = 'Pat Practiser') {
  const email = uniqueEmail('practice');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  return email;
}

/** Answers the question on screen with its first option; returns whether it was right. */
async function answerFirstOption(page: Page): Promise<boolean> {
  await page.getByRole('group').getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  const result = page.getByRole('heading', { level: 2, name: /^(Right|Not quite)$/ });
  await expect(result).toBeVisible();
  return (await result.textContent()) === 'Right';
}

test('a practice set of 10 with JavaScript: feedback, rationale, unit links, no key before the answer', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await page.goto(COURSE);
  const block = page.getByRole('region', { name: 'Practice questions' });
  await block.getByRole('link', { name: 'Practise now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice questions' })).toBeVisible();
  await expect(page.getByText('It does not predict your result on the official certification exam')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Your practice estimate by content area' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Not enough answers yet' }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: '10 questions' }).click();
  await expect(page.getByText(/^Question 1 of 10/)).toBeVisible();
  await expectAccessible(page);

  // The loader data of an unanswered question holds no key and no rationale.
  const setUrl = new URL(page.url());
  const data = await page.request.get(`${setUrl.pathname}?_data=${encodeURIComponent('routes/courses.$course.practice.$setId')}`);
  expect(data.status()).toBe(200);
  const body = await data.json();
  expect(body.question.position).toBe(1);
  expect(body.feedback).toBeNull();
  expect(JSON.stringify(body)).not.toMatch(/"answer"|"rationale"/);

  await answerFirstOption(page);
  await expect(page.getByText('Why:')).toBeVisible();
  await expect(page.getByText('Read more:')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Next question' }).click();
  await expect(page.getByText(/^Question 2 of 10/)).toBeVisible();

  // Sending the first answer again by hand changes nothing and shows the first answer's feedback.
  const again = await page.request.post(setUrl.pathname, {
    form: { position: '1', choice: 'a' },
    headers: { Origin: setUrl.origin },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(302);
  expect(again.headers().location).toContain('shown=1');

  // No choice sent: the question comes back with a message, not an error page.
  const empty = await page.request.post(setUrl.pathname, { form: { position: '2' }, headers: { Origin: setUrl.origin } });
  expect(empty.status()).toBe(400);
  expect(await empty.text()).toContain('Choose an answer first.');

  let right = 0;
  for (let q = 2; q <= 10; q++) {
    await expect(page.getByText(new RegExp(`^Question ${q} of 10`))).toBeVisible();
    if (await answerFirstOption(page)) right++;
    await page.getByRole('link', { name: q < 10 ? 'Next question' : 'See how the set went' }).click();
  }
  await expect(page.getByRole('heading', { name: /^Set done: \d+ of 10 right$/ })).toBeVisible();
  expect(right).toBeLessThanOrEqual(10);
  await expectAccessible(page);

  // Another trainee cannot see or answer in this set.
  await page.context().clearCookies();
  await signUp(page, 'Someone Else');
  expect((await page.request.get(setUrl.pathname)).status()).toBe(404);
  const foreign = await page.request.post(setUrl.pathname, {
    form: { position: '1', choice: 'a' },
    headers: { Origin: setUrl.origin },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(404);
});

test.describe('without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test('a 5-question set works with plain forms and says where to read more', async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page);
    await page.goto(`${COURSE}/practice`);
    await page.getByRole('button', { name: 'Just a few minutes (5 questions)' }).click();
    for (let q = 1; q <= 5; q++) {
      await expect(page.getByText(new RegExp(`^Question ${q} of 5`))).toBeVisible();
      await answerFirstOption(page);
      await expect(page.getByText('Why:')).toBeVisible();
      await page.getByRole('link', { name: q < 5 ? 'Next question' : 'See how the set went' }).click();
    }
    await expect(page.getByRole('heading', { name: /^Set done: \d of 5 right$/ })).toBeVisible();
    // The page fits a 360 px screen: no sideways scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Back to practice' }).click();
    await expect(page.getByRole('table', { name: 'Your practice estimate by content area' })).toBeVisible();
  });
});

test('trainers see practice readiness per trainee and per group, and practice statistics; trainees do not', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'trainee@example.org');
  await page.goto(`${COURSE}/practice`);
  await page.getByRole('button', { name: 'Just a few minutes (5 questions)' }).click();
  for (let q = 1; q <= 5; q++) {
    await answerFirstOption(page);
    await page.getByRole('link', { name: q < 5 ? 'Next question' : 'See how the set went' }).click();
  }
  await expect(page.getByRole('heading', { name: /^Set done/ })).toBeVisible();
  expect((await page.request.get('/trainer/practice')).status()).toBe(403);
  await logOut(page);

  await logIn(page, 'trainer@example.org');
  const cohortId = await lookup('cohort', 'Demo cohort');
  await page.goto(`/trainer/cohorts/${cohortId}`);
  await expect(page.getByRole('heading', { name: 'Practice questions: where the group stands' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Group practice estimate by content area' })).toBeVisible();
  await expectAccessible(page);
  const traineeId = await lookup('user', 'trainee@example.org');
  await page.goto(`/trainer/trainees/${traineeId}`);
  await expect(page.getByRole('table', { name: /^Practice estimate by content area for / })).toBeVisible();
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Practice question statistics' }).click();
  const table = page.getByRole('table', { name: 'Practice answers per question' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expectAccessible(page);
});
