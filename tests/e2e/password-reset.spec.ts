import { lookup } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, uniqueEmail } from './helpers';
import { linkPath, waitForMail } from './mail';

// Real mail: the server's outbox worker sends over SMTP to the test SMTP server started with
// it (start-server.mjs), and these tests read the messages and follow their links.

const FIRST = 'a long enough password';
const SECOND = 'another quite long passphrase';

test('sign up, confirm the email from the real mail, forget the password, reset it from the mail, and every old session ends', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('reset');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Ray Reset');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(FIRST);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Signed in and learning at once, with a reminder to confirm the address.
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expect(page.getByText(`Confirm your email: we sent a link to ${email}`)).toBeVisible();
  await expectAccessible(page);

  const confirm = await waitForMail(email, /Confirm your email/);
  expect(confirm.text).toMatch(/You got this email because someone created a Peer Academy account/);
  await page.goto(linkPath(confirm, '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your courses' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expect(page.getByText('Confirm your email: we sent a link')).toHaveCount(0);

  // On another device, the password is forgotten.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto('/login');
  await phone.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(phone.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await expectAccessible(phone);
  await phone.getByLabel('Email').fill(email);
  await phone.getByRole('button', { name: 'Send me a link' }).click();
  await expect(phone.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(phone.getByText(`If an account uses ${email}`)).toBeVisible();

  const reset = await waitForMail(email, /Reset your Peer Academy password/);
  const resetPath = linkPath(reset, '/reset-password/');
  await phone.goto(resetPath);
  // The token leaves the address bar before the form shows.
  await expect(phone).toHaveURL(/\/reset-password$/);
  await expect(phone.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(phone);
  await phone.getByLabel('New password').fill('password');
  await phone.getByRole('button', { name: 'Save new password' }).click();
  await expect(phone.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');
  await expect(phone.getByLabel('New password')).toHaveAccessibleDescription(/Use at least 15 characters/);
  await phone.getByLabel('New password').fill(SECOND);
  await phone.getByRole('button', { name: 'Save new password' }).click();
  await expect(phone.getByText('Your password was changed and every device was logged out.')).toBeVisible();

  // The old password no longer works; the new one does.
  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill(FIRST);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await expect(phone.getByText('That email and password do not match an account.')).toBeVisible();
  await phone.getByLabel('Password').fill(SECOND);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await expect(phone.getByRole('heading', { name: 'Your courses' })).toBeVisible();

  // The first browser's session was ended by the reset.
  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcourses/);

  const notice = await waitForMail(email, /Your Peer Academy password was changed/);
  expect(notice.text).toMatch(/every session that was signed in has been logged out/);

  // The link works once.
  await phone.goto(resetPath);
  await expect(phone.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await phone.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(phone.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await other.close();
});

test('signing up again with a taken email looks like any sign-up, and the owner gets a mail saying so', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('taken');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Tay Owner');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(FIRST);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  const confirm = await waitForMail(email, /Confirm your email/);
  await page.goto(linkPath(confirm, '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto('/signup');
  await other.getByLabel('Your name').fill('Someone Else');
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password').fill(SECOND);
  await other.getByRole('button', { name: 'Create account' }).click();
  // No "already exists" anywhere: the browser is sent on as after any sign-up.
  await expect(other.getByText(/already|exists|could not create/i)).toHaveCount(0);
  const notice = await waitForMail(email, /Someone tried to create a Peer Academy account with your email/);
  expect(notice.text).toMatch(/If it was you, log in with your existing account/);
  await other.goto(linkPath(notice, '/forgot-password'));
  await expect(other.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await stranger.close();
});

test('a trainer emails a trainee of their group a reset link, and the trainee sets a password with it', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('grouped');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Gale Grouped');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(FIRST);
  await page.getByLabel('Join code (optional)').fill('DEMO2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await page.goto(linkPath(await waitForMail(email, /Confirm your email/), '/verify-email/'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();

  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await logIn(trainer, 'trainer@example.org');
  await trainer.goto(`/trainer/trainees/${await lookup('user', email)}`);
  await expect(trainer.getByRole('heading', { name: 'Password' })).toBeVisible();
  await trainer.getByRole('button', { name: 'Email a password reset link' }).click();
  await expect(trainer.getByRole('status')).toHaveText(/We emailed the trainee a link to choose a new password/);
  await expectAccessible(trainer);
  await trainerContext.close();

  const mail = await waitForMail(email, /Your trainer sent you a link/);
  expect(mail.text).toMatch(/Your trainer, Jordan Trainer, asked Peer Academy/);
  await page.goto(linkPath(mail, '/reset-password/'));
  await page.getByLabel('New password').fill(SECOND);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Your password was changed and every device was logged out.')).toBeVisible();
});
