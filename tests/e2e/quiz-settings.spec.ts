import { askedQuestionIds, choices, courseUnits, questionById } from './content';
import { expect, test } from './fixtures';
import { logIn, logOut, uniqueEmail } from './helpers';

const units = courseUnits();
const unit = units.find((u) => u.quiz) ?? units[0];

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a trainer sets a group’s quiz rules in the page; the trainee works under them; each change is recorded', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await logIn(page, 'trainer@example.org');
    await page.goto('/trainer');
    await page.getByRole('link', { name: 'Demo cohort' }).click();
    const settings = page.getByRole('region', { name: 'Quiz settings for this group' });

    // Bad input comes back next to the field, nothing saved.
    await settings.getByLabel('Attempt limit').fill('lots');
    await settings.getByRole('button', { name: 'Save quiz settings' }).click();
    await expect(page.getByText('Enter a whole number of attempts, or leave it empty.')).toBeVisible();
    await expect(page.getByLabel('Attempt limit')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/Changes to these settings/)).toHaveCount(0);

    await page.getByLabel('Attempt limit').fill('1');
    await page.getByLabel('When trainees see the correct answers and why').selectOption('never');
    await page.getByRole('button', { name: 'Save quiz settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expect(page.getByLabel('Attempt limit')).toHaveValue('1');
    await expect(page.getByText('Changes to these settings (1)')).toBeVisible();
    await expect(page.getByText(/from all as the course sets them to attempt limit 1; answers shown: never/)).toBeAttached();
    await logOut(page);

    // A trainee in the group: one attempt, and never the key.
    await page.goto('/signup');
    await page.getByLabel('Your name').fill('Group Trainee');
    await page.getByLabel('Email').fill(uniqueEmail('group'));
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Join code (optional)').fill('DEMO2026');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(`/courses/peer-support-core/units/${unit.slug}`);
    await expect(page.getByText('up to 1 times (1 left)')).toBeVisible();
    const ids = await askedQuestionIds(page);
    for (const [i, id] of ids.entries()) {
      const group = page.getByRole('group', { name: new RegExp(`^Question ${i + 1}\\.`) });
      for (const label of choices(questionById(unit, id), false)) await group.getByLabel(label, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await expect(page.getByRole('heading', { name: 'Not yet: keep going' })).toBeVisible();
    await expect(page.getByText('You have used every attempt allowed for this quiz.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Submit my answers' })).toHaveCount(0);
    for (const id of ids) await expect(page.getByText(questionById(unit, id).rationale)).toHaveCount(0);
    await logOut(page);

    // Back to the course's rules, recorded too.
    await logIn(page, 'trainer@example.org');
    await page.goto('/trainer');
    await page.getByRole('link', { name: 'Demo cohort' }).click();
    await page.getByLabel('Attempt limit').fill('');
    await page.getByLabel('When trainees see the correct answers and why').selectOption('');
    await page.getByRole('button', { name: 'Save quiz settings' }).click();
    await expect(page.getByText('Changes to these settings (2)')).toBeVisible();
  });
});
