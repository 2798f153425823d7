import { expect, test } from './fixtures';
import { expectAccessible, logIn, uniqueEmail } from './helpers';
import { linkPath, waitForMail } from './mail';

// Groups, rosters and admin (issue #16 items 7-8) in a real browser, with real mail from the
// test SMTP server started with the app (start-server.mjs).

const PASSWORD = 'a long enough password for ivy';

test('a trainer imports a roster; the invitee gets the mail, follows its link and chooses a password', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('ivy');
  await logIn(page, 'trainer@example.org');
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  await page.getByRole('link', { name: 'Import a roster' }).click();
  await expect(page.getByRole('heading', { name: 'Import a roster into Demo cohort' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('CSV file').setInputFiles({
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFFName,Email,Phone\r\nIvy Invitee,${email},555\r\nBroken Row,not-an-email,\r\n`),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: nothing has changed yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Rows not imported / }).getByRole('row', { name: /Broken Row/ })).toContainText(
    'The email address is not valid.',
  );
  await expect(page.getByRole('region', { name: /^New people / })).toContainText(email);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import and send the emails' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  await expect(page.getByText('1 person was invited by email')).toBeVisible();

  const invite = await waitForMail(email, /You are invited to Demo cohort/);
  expect(invite.text).toMatch(/Jordan Trainer added you to the training group Demo cohort/);
  expect(invite.text).toMatch(/You got this email because a trainer in Peer Academy imported/);
  const other = await browser.newContext();
  const ivy = await other.newPage();
  await ivy.goto(linkPath(invite, '/invite/'));
  await expect(ivy).toHaveURL(/\/invite$/);
  await expect(ivy.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await expectAccessible(ivy);
  await ivy.getByLabel('Password').fill(PASSWORD);
  await ivy.getByRole('button', { name: 'Save my password' }).click();
  await expect(ivy.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await ivy.goto('/account');
  await expect(ivy.getByText('Demo cohort')).toBeVisible();
  await other.close();

  // The trainer sees Ivy among the group's trainees.
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  await page.getByRole('link', { name: 'Manage the group' }).click();
  await expect(page.getByRole('region', { name: 'Trainees (scrolls sideways on small screens)' })).toContainText(email);
  await expectAccessible(page);
});

test('an admin finds a user, deactivates them, and their open session stops working', async ({ page, browser }) => {
  const email = uniqueEmail('dee');
  const context = await browser.newContext();
  const dee = await context.newPage();
  await dee.goto('/signup');
  await dee.getByLabel('Your name').fill('Dee Deactivated');
  await dee.getByLabel('Email').fill(email);
  await dee.getByLabel('Password').fill(PASSWORD);
  await dee.getByRole('button', { name: 'Create account' }).click();
  await expect(dee.getByRole('heading', { name: 'Your courses' })).toBeVisible();

  await logIn(page, 'admin@example.org');
  await page.goto('/admin');
  await page.getByLabel('Search users by name or email').fill('dee deact');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 user matching')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Dee Deactivated' }).click();
  await expect(page.getByRole('heading', { name: 'Dee Deactivated' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Deactivate account' }).click();
  await expect(page.getByText('The account is deactivated. Every session it had has ended')).toBeVisible();

  // Dee's open session ends at once.
  await dee.reload();
  await expect(dee).toHaveURL(/\/login\?redirectTo=%2Fcourses/);
  await dee.getByLabel('Email').fill(email);
  await dee.getByLabel('Password').fill(PASSWORD);
  await dee.getByRole('button', { name: 'Log in' }).click();
  await expect(dee.getByText('This account has been turned off by an administrator.')).toBeVisible();

  // The audit log says who did it.
  await page.getByRole('link', { name: 'Audit log for this user' }).click();
  await expect(page.getByRole('region', { name: /^Audit log / })).toContainText('Account deactivated');
  await expect(page.getByRole('region', { name: /^Audit log / })).toContainText('admin@example.org');
  await expectAccessible(page);
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a trainer renames a group, asks to approve joiners, makes a new code, approves a trainee, and archives the group', async ({
    page,
    browser,
  }) => {
    await logIn(page, 'trainer@example.org');
    await page.goto('/trainer');
    const name = `Evening group ${Date.now()}`;
    await page.getByLabel('Group name').fill('Evening');
    await page.getByLabel('Start date').fill('2026-09-01');
    await page.getByLabel('End date').fill('2026-12-01');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('link', { name: 'Manage the group' }).click();
    await expect(page.getByRole('heading', { name: 'Manage Evening' })).toBeVisible();

    await page.getByLabel('Group name').fill(name);
    await page.getByRole('button', { name: 'Save name and dates' }).click();
    await expect(page.getByText('Saved the group’s name and dates.')).toBeVisible();
    await expect(page.getByRole('heading', { name: `Manage ${name}` })).toBeVisible();

    const oldCode = (await page.locator('#code-heading + p code').textContent()) ?? '';
    await page.getByRole('button', { name: 'Make a new join code' }).click();
    await expect(page.getByText('Made a new join code. The old code no longer works.')).toBeVisible();
    const code = (await page.locator('#code-heading + p code').textContent()) ?? '';
    expect(code).not.toBe(oldCode);
    await page.getByLabel('Ask me to approve each person who uses the code').check();
    await page.getByRole('button', { name: 'Save join code rules' }).click();
    await expect(page.getByText('People who enter it wait for your approval.')).toBeVisible();

    // A trainee asks to join with the old code (refused), then the new one (waits).
    const context = await browser.newContext({ javaScriptEnabled: false });
    const kim = await context.newPage();
    const email = uniqueEmail('kim');
    await kim.goto('/signup');
    await kim.getByLabel('Your name').fill('Kim Waiting');
    await kim.getByLabel('Email').fill(email);
    await kim.getByLabel('Password').fill(PASSWORD);
    await kim.getByRole('button', { name: 'Create account' }).click();
    await kim.goto('/account');
    await kim.getByLabel('Join a group with a code').fill(oldCode);
    await kim.getByRole('button', { name: 'Join group' }).click();
    await expect(kim.getByText('We could not find a group with that join code.')).toBeVisible();
    await kim.getByLabel('Join a group with a code').fill(code);
    await kim.getByRole('button', { name: 'Join group' }).click();
    await expect(kim.getByText(`You asked to join ${name}. You are waiting for approval`)).toBeVisible();
    await kim.goto('/account');
    await expect(kim.getByText(`${name}: waiting for approval from the trainer`)).toBeVisible();

    await page.reload();
    await page.getByRole('button', { name: 'Approve Kim Waiting' }).click();
    await expect(page.getByText('Approved the request.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Trainees (scrolls sideways on small screens)' })).toContainText(email);
    await kim.goto('/account');
    await expect(kim.getByText(`${name} (2026-09-01 to 2026-12-01)`)).toBeVisible();
    await context.close();

    await page.getByRole('button', { name: 'Archive group' }).click();
    await expect(page.getByText('Archived the group.')).toBeVisible();
    await page.goto('/trainer');
    await expect(page.getByRole('link', { name })).toHaveCount(0);
    await page.getByRole('link', { name: 'Archived groups' }).click();
    await expect(page.getByRole('link', { name })).toBeVisible();
  });
});
