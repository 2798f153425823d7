import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { draftText, resetContent } from './db';
import { expectAccessible, logIn } from './helpers';

// The studio beyond units and quizzes (ADR 031), without JavaScript: every form posts normally.
// The e2e server serves a copy of the curriculum imported into its content store; studio saves
// go to the draft in the database (ADR 030), and the course is put back afterwards.

const COURSE = 'tests/.tmp/e2e-content/courses/peer-support-core';
const ITEMS = `${COURSE}/exam/items/advocacy.yaml`;
const UNITS = `${COURSE}/units`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const IN_STORE = (path: string) => path.replace('tests/.tmp/e2e-content/', '');
/** The file as the course was imported (the folder itself never changes). */
const remember = (path: string) => readFileSync(path, 'utf8');
test.afterAll(async () => {
  await resetContent();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an author edits an exam item and sees the error at its line', async ({ page }) => {
    test.slow(); // whole-course checks over both language editions
    const source = remember(ITEMS);
    await logIn(page, 'author@example.org');
    await page.goto('/author/courses/peer-support-core/files/exam/items/advocacy.yaml');
    const box = page.getByLabel('Exam items (YAML)');
    const broken = source.replace(/answer: ([a-d])\n/, 'answer: z\n');
    const line = broken.split('\n').findIndex((l) => l.includes('answer: z')) + 1;
    await box.fill(broken);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was saved');
    await expect(page.getByText(new RegExp(`advocacy\\.yaml:${line}:\\d+ .*answer "z"`)).first()).toBeVisible();
    expect(await draftText(IN_STORE(ITEMS))).toBe(source);
  });

  test('an author creates a unit and uploads an image with alt text', async ({ page }) => {
    test.slow(); // whole-course checks over both language editions
    await logIn(page, 'author@example.org');
    await page.goto('/author/courses/peer-support-core/units/new');
    await page.getByLabel('Title').fill('Made in the studio');
    await page.getByLabel('Slug').fill('studio-made');
    await page.getByRole('button', { name: 'Add the unit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Edit unit/ })).toBeVisible();
    expect(await draftText(IN_STORE(`${UNITS}/15-studio-made.mdx`))).toContain('slug: studio-made');

    await page.getByLabel('Image file').setInputFiles({ name: 'Two Chairs.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('Description (alt text)').fill('Two chairs facing each other');
    await page.getByRole('button', { name: 'Upload the image' }).click();
    await expect(page.getByText('Image uploaded.')).toBeVisible();
    const snippet = await page.locator('pre code').first().textContent();
    expect(snippet).toMatch(
      /^!\[Two chairs facing each other\]\(\/courses\/peer-support-core\/images\/two-chairs-[0-9a-f]{10}\.png\)$/,
    );
    const name = (snippet ?? '').match(/images\/([^)]+)\)/)?.[1];
    // Served from the draft before it is published: the name holds a hash of the bytes.
    const res = await page.request.get(`/courses/peer-support-core/images/${name}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });
});

test('the new studio pages pass the accessibility check', async ({ page }) => {
  await logIn(page, 'author@example.org');
  for (const path of [
    '/author/courses/peer-support-core/files/exam/scenarios.yaml',
    '/author/courses/peer-support-core/units/new',
    '/author/courses/peer-support-core/units/what-is-peer-support/manage',
    '/author/courses/peer-support-core/glossary',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});
