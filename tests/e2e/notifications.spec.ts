import type { Browser, Page } from '@playwright/test';
import { completeAllUnits, countAttempts } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, logOut, uniqueEmail } from './helpers';
import { linkPath, waitForMail } from './mail';

// Profile, notifications and announcements with real mail: the server's outbox worker sends
// over SMTP to the test SMTP server (start-server.mjs); these tests read it and follow links.

const PASSWORD = 'a long enough password';

/** A new trainee in the demo group, with the address confirmed from the real mail. */
async function confirmedTrainee(page: Page, name: string) {
  const email = uniqueEmail('notify');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Join code (optional)').fill('DEMO2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await page.goto(linkPath(await waitForMail(email, /Confirm your email/), '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  return email;
}

async function asTrainer(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, 'trainer@example.org');
  return { page, close: () => context.close() };
}

test('with JavaScript off: change the email by the link mailed to the new address, then log in with it', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const oldEmail = await confirmedTrainee(page, 'Noor Newmail');
  const newEmail = uniqueEmail('moved');
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await page.getByLabel('New email address').fill(newEmail);
  await page.getByLabel('Your password, to confirm the change').fill('not the password');
  await page.getByRole('button', { name: 'Send me a confirmation link' }).click();
  await expect(page.getByLabel('Your password, to confirm the change')).toHaveAccessibleDescription(
    'That is not your current password.',
  );
  await page.getByLabel('Your password, to confirm the change').fill(PASSWORD);
  await page.getByRole('button', { name: 'Send me a confirmation link' }).click();
  await expect(page.getByRole('status')).toHaveText(/We sent a link to the new address/);

  const notice = await waitForMail(oldEmail, /Someone asked to change the email/);
  expect(notice.text).toContain(newEmail);
  const link = await waitForMail(newEmail, /Confirm your new email/);
  expect(link.text).toMatch(/You got this email because someone asked to move a Peer Academy account/);
  await page.goto(linkPath(link, '/account/email/'));
  await expect(page.getByRole('heading', { name: 'Confirm your new email' })).toBeVisible();
  await page.getByRole('button', { name: 'Use this email address' }).click();
  await expect(page.getByRole('heading', { name: 'Your email was changed' })).toBeVisible();
  await waitForMail(oldEmail, /The email of your Peer Academy account was changed/);

  // The link works once; the new address logs in, the old one no longer does.
  await page.goto(linkPath(link, '/account/email/'));
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await logOut(page);
  await page.goto('/login');
  await page.getByLabel('Email').fill(oldEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  await page.getByLabel('Email').fill(newEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  // The account changes are in the notification list.
  await expect(page.getByRole('link', { name: 'Notifications, 2 unread' })).toBeVisible();
  await context.close();
});

test('the account page is accessible, and "log out everywhere else" ends the other device', async ({ page, browser }) => {
  const email = await confirmedTrainee(page, 'Sol Sessions');
  const other = await browser.newContext();
  const phone = await other.newPage();
  await logIn(phone, email, PASSWORD);
  await page.goto('/account');
  await expectAccessible(page);
  await expect(page.getByRole('table', { name: /Your devices/ }).getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Log out everywhere else' }).click();
  await expect(page.getByRole('status')).toHaveText('Every other device was logged out.');
  await expect(page.getByText('You are not logged in anywhere else.')).toBeVisible();
  await phone.goto('/courses');
  await expect(phone).toHaveURL(/\/login\?redirectTo=%2Fcourses/);
  await other.close();
});

test('a trainer’s announcement reaches a trainee on the course page and by mail, safely formatted, until dismissed', async ({
  page,
  browser,
}) => {
  const email = await confirmedTrainee(page, 'Ana Announce');
  const title = `Zoom session moved ${Date.now()}`;
  const trainer = await asTrainer(browser);
  await trainer.page.getByRole('link', { name: 'Announcements' }).click();
  await expect(trainer.page.getByRole('heading', { level: 1, name: 'Announcements' })).toBeVisible();
  await expectAccessible(trainer.page);
  await trainer.page.getByLabel('Title').fill(title);
  await trainer.page.getByRole('button', { name: 'Post announcement' }).click();
  await expect(trainer.page.getByLabel('Message')).toHaveAccessibleDescription(/Write the announcement\./);
  await trainer.page.getByLabel('Demo cohort').check();
  await trainer.page
    .getByLabel('Message')
    .fill(
      'We meet **Thursday** instead.\n\n- [Join on Zoom](https://zoom.us/j/123)\n- [bad](javascript:alert(1))\n\n<img src=x onerror=alert(1)>',
    );
  await trainer.page.getByRole('button', { name: 'Post announcement' }).click();
  await expect(trainer.page.getByRole('status')).toHaveText(/Your announcement was posted/);
  await trainer.close();

  const mail = await waitForMail(email, new RegExp(`Announcement: ${title}`));
  expect(mail.text).toContain('Join on Zoom (https://zoom.us/j/123)');
  expect(mail.html).toContain('<strong>Thursday</strong>');
  expect(mail.html).not.toContain('<img');
  expect(mail.html).not.toContain('javascript:');

  await page.goto('/courses/peer-support-core');
  await expect(page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();
  const block = page.getByRole('region', { name: 'Announcements from your trainers' });
  const item = block.getByRole('article', { name: title });
  await expect(item.getByText('Thursday', { exact: true })).toBeVisible();
  await expect(item.getByRole('link', { name: 'Join on Zoom' })).toHaveAttribute('href', 'https://zoom.us/j/123');
  await expect(item.getByRole('link', { name: 'bad' })).toHaveCount(0);
  await expect(item.getByText('<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expectAccessible(page);
  await item.getByRole('button', { name: `Dismiss “${title}”` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
});

test('a released result notifies the trainee: the header count, the list, and a mail; grading alone does not', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const email = await confirmedTrainee(page, `Rae Result ${Date.now()}`);
  await completeAllUnits(email);
  await page.goto('/courses/peer-support-core/exam');
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await page.getByRole('link', { name: 'Question 41, not answered' }).click();
  await page.getByLabel('Your written answer').fill('I would listen, offer choices, and check in with my supervisor.');
  await page.getByRole('button', { name: 'Save and review' }).click();
  await page.getByLabel('I am ready to submit my answers').check();
  await page.getByRole('button', { name: 'Submit my exam' }).click();
  await expect(page.getByRole('heading', { name: 'Submitted: awaiting grading' })).toBeVisible();
  const [attempt] = await countAttempts(email);

  const trainer = await asTrainer(browser);
  await trainer.page.goto(`/trainer/grading/${attempt.grading_token}`);
  const section = trainer.page.getByRole('region', { name: /Question 41: written answer/ });
  const groups = section.getByRole('group');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').last().check();
  await section.getByRole('button', { name: 'Finalise grade' }).click();
  await expect(trainer.page.getByRole('status').filter({ hasText: 'Grade finalised.' })).toBeVisible();

  // Graded, not released: nothing yet.
  await page.goto('/courses');
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  await trainer.page.getByRole('button', { name: 'Release this result to the trainee' }).click();
  await expect(trainer.page.getByRole('heading', { level: 1, name: /Grade: Rae Result/ })).toBeVisible();
  await trainer.close();

  const mail = await waitForMail(email, /Your practice exam result is ready/);
  expect(mail.text).toMatch(/You got this email because you asked to be emailed when a practice exam result is released/);
  expect(mail.text).toContain(`/exam/attempts/${attempt.id}/result`);
  await page.reload();
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/exam/attempts/${attempt.id}/result$`));
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await logOut(page);
});
