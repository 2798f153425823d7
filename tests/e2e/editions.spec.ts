import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { logIn, logOut } from './helpers';

// Language editions (docs/decisions/032-language-editions.md): a Spanish reader gets the Spanish
// edition of the course and its units, without JavaScript; a trainer sets a group's language.

const COURSE = 'peer-support-core';
const titleOf = (path: string) => readFileSync(path, 'utf8').match(/^title: (.+)$/m)?.[1] ?? '';
const esCourse = titleOf(`content/courses/${COURSE}/es/course.yaml`);
const esUnit = titleOf(`content/courses/${COURSE}/es/units/01-what-is-peer-support.mdx`);
const enUnit = titleOf(`content/courses/${COURSE}/units/01-what-is-peer-support.mdx`);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a Spanish reader gets the Spanish edition of the course and its first unit', async ({ page }) => {
    await logIn(page, 'trainee@example.org');
    await page.goto(`/courses/${COURSE}?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: esCourse })).toBeVisible();
    await expect(page.getByRole('note')).toHaveCount(0);
    await page.goto(`/courses/${COURSE}/units/what-is-peer-support?lang=es`);
    await expect(page.getByRole('heading', { level: 1, name: esUnit })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    // The same page in English.
    await page.goto(`/courses/${COURSE}/units/what-is-peer-support?lang=en`);
    await expect(page.getByRole('heading', { level: 1, name: enUnit })).toBeVisible();
  });

  test('a trainer sets the group’s language on the manage page and the group page shows it', async ({ page }) => {
    await logIn(page, 'trainer@example.org');
    await page.goto('/trainer?lang=en');
    await page.getByRole('link', { name: 'Demo cohort' }).click();
    await page.getByRole('link', { name: 'Manage the group' }).click();
    await page.getByLabel('Group language').selectOption('es');
    await page.getByRole('button', { name: 'Save language' }).click();
    await expect(page.getByText('Saved the group’s language.')).toBeVisible();
    await expect(page.getByLabel('Group language')).toHaveValue('es');
    await page.getByRole('link', { name: 'Demo cohort' }).first().click();
    await expect(page.getByText(/Language: Español/)).toBeVisible();
    // Back as it was, for the other specs that use this group.
    await page.goBack();
    await page.getByLabel('Group language').selectOption('');
    await page.getByRole('button', { name: 'Save language' }).click();
    await expect(page.getByLabel('Group language')).toHaveValue('');
    await logOut(page);
  });
});
