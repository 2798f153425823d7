import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { draftText, editDraft, resetContent } from './db';
import { expectAccessible, logIn, publishDraft } from './helpers';

// The e2e server serves a copy of the curriculum (tests/e2e/start-server.mjs), imported into its
// content store: studio saves go to the draft in the database and trainees see them once an
// author publishes (docs/decisions/030-content-store.md). The course is put back afterwards.

const UNITS = 'tests/.tmp/e2e-content/courses/peer-support-core/units';
const UNIT_FILE = `${UNITS}/01-what-is-peer-support.mdx`;
const SECOND_FILE = `${UNITS}/02-the-california-peer-role.mdx`;
const QUIZ_FILE = `${UNITS}/02-the-california-peer-role.quiz.yaml`;
const EDITOR = 'Unit text (MDX with frontmatter)';

const IN_STORE = (path: string) => path.replace('tests/.tmp/e2e-content/', '');
/** The file as the course was imported (the folder itself never changes). */
const remember = (path: string): string => readFileSync(path, 'utf8');
test.afterAll(async () => {
  await resetContent();
});

/** The first prose paragraph after the first heading of a unit, and its 1-based line number. */
function firstParagraph(source: string): { text: string; line: number } {
  const lines = source.split('\n');
  const heading = lines.findIndex((l, i) => i > 0 && l.startsWith('## '));
  const i = lines.findIndex((l, j) => j > heading && /^[A-Z]/.test(l));
  return { text: lines[i], line: i + 1 };
}

/** Replaces everything in the code editor, as an author pasting a new version would. */
async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: EDITOR });
  // CodeMirror has taken over from the plain textarea once the box is contenteditable.
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('an author edits a unit with a live preview, fixes an MDX error, saves, and a trainee sees the change', async ({
  page,
  browser,
}) => {
  // Every check and save runs the whole-course check over both language editions.
  test.slow();
  const source = remember(UNIT_FILE);
  const para = firstParagraph(source);
  const newText = 'Peer support is people with lived experience walking beside each other, edited in the studio.';

  await logIn(page, 'author@example.org');
  await page.goto('/author');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Preview unit 1: What peer support is' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What peer support is' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Quiz with answers' })).toBeVisible();
  await expect(page.getByText('(correct)').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Edit unit text' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit unit: What peer support is' })).toBeVisible();
  await expect(page.getByText('No problems. Ready to save.')).toBeVisible();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText(para.text.slice(0, 40))).toBeVisible();
  await expectAccessible(page);

  // Edit a paragraph: the preview follows as the author types.
  const edited = source.replace(para.text, newText);
  await replaceEditorText(page, edited);
  await expect(preview.getByText(newText)).toBeVisible();

  // An unclosed component: the problem shows at its line, and the last good preview stays.
  const broken = edited.replace(newText, `${newText} <Callout type="tip"> oops`);
  await replaceEditorText(page, broken);
  const check = page.getByRole('region', { name: 'Check' });
  await expect(check.getByText(new RegExp(`01-what-is-peer-support\\.mdx:${para.line}:\\d+ .*never closed`))).toBeVisible();
  await expect(check.getByText('1 problem to fix before saving')).toBeVisible();
  await expect(page.getByText('Showing the last version without problems.')).toBeVisible();
  await expectAccessible(page);

  // Saving the broken text is refused and writes nothing.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was saved');
  expect(await draftText(IN_STORE(UNIT_FILE))).toBe(source);

  await replaceEditorText(page, edited);
  await expect(page.getByText('No problems. Ready to save.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved to the draft. Trainees see it once the draft is published.')).toBeVisible();
  expect(await draftText(IN_STORE(UNIT_FILE))).toBe(edited);
  await expect(page.getByRole('heading', { name: 'Changes saved in the studio' })).toBeVisible();
  await expect(page.getByText(/ by Avery Author \(/).first()).toBeVisible();
  await expectAccessible(page);

  // Trainees still read the published text until an author publishes; then they see the new one.
  const trainee = await browser.newContext();
  const tp = await trainee.newPage();
  await logIn(tp, 'trainee@example.org');
  await tp.goto('/courses/peer-support-core/units/what-is-peer-support');
  await expect(tp.getByText(para.text.slice(0, 40))).toBeVisible();
  await expect(tp.getByText(newText)).toHaveCount(0);
  await publishDraft(page, 'Rewrote the first paragraph of unit 1');
  await tp.goto('/courses/peer-support-core/units/what-is-peer-support');
  await expect(tp.getByText(newText)).toBeVisible();
  await trainee.close();
});

test('a save against a file that changed underneath is refused, with the difference shown', async ({ page }) => {
  test.slow();
  const source = remember(SECOND_FILE);
  const para = firstParagraph(source);
  await logIn(page, 'author@example.org');
  await page.goto('/author/courses/peer-support-core/units/the-california-peer-role/edit');
  await expect(page.getByText('No problems. Ready to save.')).toBeVisible();

  // Another author changes the file in the draft after this author opened it.
  await editDraft(IN_STORE(SECOND_FILE), (text) => `${text}\nA paragraph added by someone else.\n`);
  const mine = source.replace(para.text, 'My own rewrite of this paragraph.');
  await replaceEditorText(page, mine);
  await expect(page.getByRole('region', { name: 'Preview' }).getByText('My own rewrite of this paragraph.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This file has changed since you opened it');
  await expect(alert).toContainText('-A paragraph added by someone else.');
  await expect(alert).toContainText('+My own rewrite of this paragraph.');
  const inDraft = (await draftText(IN_STORE(SECOND_FILE))) ?? '';
  expect(inDraft).toContain('A paragraph added by someone else.');
  expect(inDraft).not.toContain('My own rewrite');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a quiz edit is checked against the whole course, and its question changes are explained', async ({ page }) => {
    test.slow();
    const quiz = remember(QUIZ_FILE);
    const firstId = quiz.match(/- id: ([a-z0-9-]+)/)![1];
    const otherId = remember(`${UNITS}/01-what-is-peer-support.quiz.yaml`).match(/- id: ([a-z0-9-]+)/)![1];
    await logIn(page, 'author@example.org');
    await page.goto('/author/courses/peer-support-core/units/the-california-peer-role/edit?file=quiz');
    await expect(page.getByRole('heading', { level: 1, name: /^Edit quiz:/ })).toBeVisible();
    const box = page.getByLabel('Quiz (YAML)');

    // A question id already used by another unit's quiz is refused.
    await box.fill(quiz.replace(`id: ${firstId}`, `id: ${otherId}`));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was saved');
    await expect(page.getByText(new RegExp(`duplicate question id "${otherId}"`))).toBeVisible();
    expect(await draftText(IN_STORE(QUIZ_FILE))).toBe(quiz);

    // Checking a renamed id shows what that means for trainees.
    await page.getByLabel('Quiz (YAML)').fill(quiz.replace(`id: ${firstId}`, `id: ${firstId}-v2`));
    await page.getByRole('button', { name: 'Check and preview' }).click();
    const changes = page.getByRole('region', { name: 'Changes compared with the saved quiz' });
    await expect(changes.getByText(`${firstId}-v2`)).toBeVisible();
    await expect(changes).toContainText(`Removed ${firstId}`);
    await expect(changes).toContainText('stays complete');
  });
});

test('the exam bank is browsed by content area with answers and rubrics; trainees cannot reach the studio', async ({
  page,
  browser,
}) => {
  await logIn(page, 'author@example.org');
  await page.goto('/author');
  await page.getByRole('link', { name: 'Crisis Management' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice exam bank: Crisis Management' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Crisis Management' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('(correct)').first()).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('Points');
  // Each rubric level shows its anchor answer to authors (never to trainees: tests/integration/exam-anchors.test.ts).
  await expect(page.getByRole('columnheader', { name: 'Anchor answer' }).first()).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('Thank you for telling me.');
  await expectAccessible(page);

  await page.goto('/author/courses/peer-support-core/units/the-california-peer-role/edit?file=quiz');
  await expect(page.getByRole('region', { name: 'Changes compared with the saved quiz' })).toContainText(
    'No question changes yet.',
  );
  await expectAccessible(page);

  const trainee = await browser.newContext();
  const tp = await trainee.newPage();
  await logIn(tp, 'trainee@example.org');
  for (const path of [
    '/author',
    '/author/courses/peer-support-core/units/what-is-peer-support',
    '/author/courses/peer-support-core/units/what-is-peer-support/edit',
    '/author/courses/peer-support-core/exam',
  ]) {
    const res = await tp.goto(path);
    expect(res?.status(), path).toBe(403);
  }
  const post = await tp.request.post('/author/courses/peer-support-core/units/what-is-peer-support/edit', {
    form: { intent: 'save', source: 'x', baseHash: 'absent' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(403);
  await trainee.close();
});
