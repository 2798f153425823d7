import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAccessible, logIn } from './helpers';

// The publish page (issue 15 item 2): a studio save changes the draft only; trainees see it once
// an author publishes it, and see the old text again after a rollback. Each test ends with the
// course as it began (its last step is a rollback).

const EDITOR = 'Unit text (MDX with frontmatter)';
const COURSE = '/courses/peer-support-core/units';
const UNIT_ONE = { slug: 'what-is-peer-support', file: 'courses/peer-support-core/units/01-what-is-peer-support.mdx' };
const UNIT_TWO = { slug: 'the-california-peer-role', file: 'courses/peer-support-core/units/02-the-california-peer-role.mdx' };

/** The first prose paragraph after the first heading of a unit. */
function firstParagraph(source: string): string {
  const lines = source.split('\n');
  const heading = lines.findIndex((l, i) => i > 0 && l.startsWith('## '));
  return lines[lines.findIndex((l, j) => j > heading && /^[A-Z]/.test(l))];
}

/** The unit's text as the studio holds it (the editor's form field keeps it, with or without JavaScript). */
async function studioSource(page: Page, slug: string): Promise<string> {
  await page.goto(`/author${COURSE}/${slug}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: /^Edit unit:/ })).toBeVisible();
  return page.locator('textarea[name="source"]').inputValue();
}

async function saveInStudio(page: Page, text: string, javaScript: boolean) {
  if (javaScript) {
    const editor = page.getByRole('textbox', { name: EDITOR });
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(text);
    await expect(page.getByText('No problems. Ready to save.')).toBeVisible();
  } else {
    await page.getByLabel(EDITOR).fill(text);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // Saving checks the whole course in both editions: allow for a busy machine.
  await expect(page.getByText(/^Saved to the draft\b/)).toBeVisible({ timeout: 30_000 });
}

/** What a trainee sees on a unit page right now, in a browser context of their own. */
async function traineeSees(browser: Browser, slug: string, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, 'trainee@example.org');
  await page.goto(`${COURSE}/${slug}`);
  await expect(page.getByText(text)).toBeVisible();
  await context.close();
}

async function publishAndRollBack(page: Page, browser: Browser, unit: typeof UNIT_ONE, javaScript: boolean) {
  const source = await studioSource(page, unit.slug);
  const para = firstParagraph(source);
  const newText = `Peer support is walking beside each other, published from the studio (${javaScript ? 'with' : 'without'} JavaScript).`;
  await saveInStudio(page, source.replace(para, newText), javaScript);

  // Saved is not published: trainees still see the old text.
  await traineeSees(browser, unit.slug, para.slice(0, 40));

  await page.goto('/author');
  await page.getByRole('link', { name: /^Publish \(\d+ changes?\)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publish' })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes since the last publish' });
  const entry = changes.getByRole('listitem').filter({ hasText: unit.file });
  await expect(entry).toContainText('changed');
  await entry.getByText('Show the changes').click();
  await expect(entry.locator('pre.diff')).toBeVisible();
  await expect(entry.locator('pre.diff')).toContainText(`+${newText}`);
  await expect(entry.getByRole('button', { name: 'Revert to published' })).toBeVisible();
  if (javaScript) await expectAccessible(page);

  // The message is required: an empty publish is refused by the browser (JavaScript) or the server.
  await page.getByLabel('What changed').fill(`Unit ${unit.slug}: a new opening paragraph`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  // Publishing checks the whole course with every unit compiled: allow for a busy machine.
  await expect(page.getByText('Published. Trainees see the new version now.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('The draft is the same as what trainees see.')).toBeVisible();
  const history = page.getByRole('region', { name: 'Publish history' });
  await expect(history.getByRole('listitem').first()).toContainText(`Unit ${unit.slug}: a new opening paragraph`);
  await expect(history.getByRole('listitem').first()).toContainText('Avery Author');
  if (javaScript) await expectAccessible(page);
  await traineeSees(browser, unit.slug, newText);

  // Rolling back: trainees see the course as it was before that publish.
  await history.getByRole('listitem').first().getByRole('button', { name: 'Roll back this publish' }).click();
  await expect(page.getByText('Rolled back. Trainees see the course as it was before that publish.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(history.getByRole('listitem').first()).toContainText('Rolled back:');
  await traineeSees(browser, unit.slug, para.slice(0, 40));
}

test('an author saves a unit, publishes it with a message, a trainee sees it, and a rollback brings the old text back', async ({
  page,
  browser,
}) => {
  test.slow();
  await logIn(page, 'author@example.org');
  await publishAndRollBack(page, browser, UNIT_ONE, true);
});

test('a publish without a message is refused next to the field, and nothing is published', async ({ page }) => {
  await logIn(page, 'author@example.org');
  await page.goto('/author/publish');
  await expect(page.getByRole('heading', { level: 1, name: 'Publish' })).toBeVisible();
  // Past the browser's own check, as a hand-made request would be.
  await page.getByLabel('What changed').evaluate((el) => el.removeAttribute('required'));
  await page.getByLabel('What changed').evaluate((el) => el.removeAttribute('minlength'));
  await page.getByLabel('What changed').fill('no');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Say in a few words what changed (at least 3 characters).')).toBeVisible();
  await expect(page.getByLabel('What changed')).toHaveValue('no');
  await expect(page.getByLabel('What changed')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same publish and rollback work with plain forms', async ({ page, browser }) => {
    test.slow();
    await logIn(page, 'author@example.org');
    await publishAndRollBack(page, browser, UNIT_TWO, false);
  });

  test('"Revert to published" puts one file of the draft back as it is published', async ({ page }) => {
    test.slow();
    await logIn(page, 'author@example.org');
    const source = await studioSource(page, UNIT_ONE.slug);
    await saveInStudio(page, source.replace('\n## ', '\n## Reverted soon: '), false);
    await page.goto('/author/publish');
    const entry = page
      .getByRole('region', { name: 'Changes since the last publish' })
      .getByRole('listitem')
      .filter({ hasText: UNIT_ONE.file });
    await expect(entry).toContainText('changed');
    await entry.getByRole('button', { name: 'Revert to published' }).click();
    await expect(page.getByText('The file is back as it is published. Trainees did not see any change.')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('The draft is the same as what trainees see.')).toBeVisible();
    expect(await studioSource(page, UNIT_ONE.slug)).toBe(source);
  });
});
