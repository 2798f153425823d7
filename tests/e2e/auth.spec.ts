import { expect, test } from './fixtures';
import { DEMO_PASSWORD, expectAccessible, logIn, logOut, uniqueEmail } from './helpers';

test('a trainee signs up with a join code and lands in their courses', async ({ page }) => {
  await page.goto('/signup');
  await expectAccessible(page);
  await page.getByLabel('Your name').fill('Sam Rivera');
  await page.getByLabel('Email').fill(uniqueEmail('signup'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Join code (optional)').fill('demo-2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByText('Demo cohort')).toBeVisible();
  await expectAccessible(page);
});

test('sign-up errors show next to the field and keep what was typed', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Kim');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Join code (optional)').fill('NOPE');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter an email address like name@example.org.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Your name')).toHaveValue('Kim');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('a weak password is refused next to the field, in plain words', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Kim');
  await page.getByLabel('Email').fill(uniqueEmail('weak'));
  const password = page.getByLabel('Password');
  for (const [weak, message] of [
    ['aaaaaaaaaaaa', /Use at least 15 characters/],
    ['aaaaaaaaaaaaaaaaaa', /one character or a short pattern repeated/],
    ['qwertyuiop12345', /on a list of common passwords/],
  ] as const) {
    await password.fill(weak);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(message);
  }
  await expectAccessible(page);
});

test('someone who knows your email cannot lock you out of the browser you use', async ({ page, request, baseURL }) => {
  const email = uniqueEmail('owner');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Robin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await logOut(page);
  // Someone else, elsewhere (another address, through the proxy), guesses until the account is
  // locked for browsers it does not know.
  let last = 0;
  for (let i = 0; i < 11; i++) {
    const r = await request.post('/login', {
      form: { email, password: `guess ${i}` },
      headers: { Origin: baseURL ?? '', 'X-Forwarded-For': '198.51.100.23' },
    });
    last = r.status();
  }
  expect(last).toBe(429);
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
});

test('log in, log out, and a wrong password gets one plain message', async ({ page }) => {
  await page.goto('/login');
  await expectAccessible(page);
  await page.getByLabel('Email').fill('trainee@example.org');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account. Check them and try again.');
  await expect(page.getByLabel('Email')).toHaveValue('trainee@example.org');
  await expectAccessible(page);

  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/courses');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcourses/);
});

test('an unknown email gets the same message as a wrong password', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('nobody-here@example.org');
  await page.getByLabel('Password').fill('whatever it is');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account. Check them and try again.');
});

test('a trainee opening a trainer page gets a 403 in plain words', async ({ page }) => {
  await logIn(page, 'trainee@example.org');
  const response = await page.goto('/trainer');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'This page is not open to you' })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto('/admin'))?.status()).toBe(403);
  expect((await page.goto('/author'))?.status()).toBe(403);
});

test('an anonymous visitor is sent to log in and then back where they were going', async ({ page }) => {
  await page.goto('/courses/peer-support-core');
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel('Email').fill('trainee@example.org');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/courses\/peer-support-core$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('California Peer Support Core Training');
  await expectAccessible(page);
});

test('a redirect target on another site is ignored', async ({ page }) => {
  await page.goto('/login?redirectTo=//evil.example/steal');
  await page.getByLabel('Email').fill('trainee@example.org');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/localhost:\d+\/courses$/);
});

test('each demo role lands on its own area, and an unknown page is a friendly 404', async ({ page }) => {
  for (const [email, heading] of [
    ['trainer@example.org', 'Your training groups'],
    ['author@example.org', 'Content overview'],
    ['admin@example.org', 'Users and roles'],
  ] as const) {
    await logIn(page, email);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
    await logOut(page);
  }
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
});

test('a trainer creates a group and a trainee joins it from their account', async ({ page }) => {
  await logIn(page, 'trainer@example.org');
  await page.getByLabel('Group name').fill('Spring evening group');
  await page.getByLabel('Start date').fill('2027-03-01');
  await page.getByLabel('End date').fill('2027-02-01');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByText('The end date must be on or after the start date.')).toBeVisible();
  await page.getByLabel('End date').fill('2027-05-30');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spring evening group' })).toBeVisible();
  await expectAccessible(page);
  const notice = await page.getByText(/^Join code:/).textContent({ timeout: 10_000 });
  const code = notice?.match(/[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0] ?? '';
  expect(code).not.toBe('');
  await logOut(page);

  await logIn(page, 'trainee@example.org');
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByLabel('Join a group with a code').fill(code);
  await page.getByRole('button', { name: 'Join group' }).click();
  await expect(page.getByRole('status')).toHaveText('You joined Spring evening group.');
});
