import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HOSTILE_UNITS } from '../fixtures/hostile-units';
import { draftText } from './db';
import { logIn } from './helpers';

// docs/decisions/012-content-trust-model.md, on the production build: every hostile unit posted
// to the studio's "Check and preview" is refused with a message at its line and column, no preview
// is shown, and nothing in it runs on the server (the canary file is never written).

const UNIT_FILE = 'tests/.tmp/e2e-content/courses/peer-support-core/units/01-what-is-peer-support.mdx';
const FILE = /01-what-is-peer-support\.mdx/.source;
const canary = join(tmpdir(), `pa-e2e-canary-${process.pid}`);

const EDIT = '/author/courses/peer-support-core/units/what-is-peer-support/edit';
const ROUTE = 'routes/author.courses.$course.units.$unit.edit';
const hostile = (unit: (typeof HOSTILE_UNITS)[number]) =>
  unit.source({ canary, slug: 'what-is-peer-support', order: 1, competency: 'advocacy' });

test.describe('without JavaScript, as the plain form posts it', () => {
  test.use({ javaScriptEnabled: false });

  test('the studio refuses every hostile unit with a message and runs none of it', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    rmSync(canary, { force: true });
    const saved = await draftText(UNIT_FILE.replace('tests/.tmp/e2e-content/', ''));
    await logIn(page, 'author@example.org');
    await page.goto(EDIT);
    await expect(page.getByRole('heading', { level: 1, name: 'Edit unit: What peer support is' })).toBeVisible();

    // Through the form an author uses, for a few: the message shows next to the editor, no preview.
    const check = page.getByRole('region', { name: 'Check' });
    const preview = page.getByRole('region', { name: 'Preview' });
    for (const unit of HOSTILE_UNITS.filter((u) => ['js', 'prop-expression', 'link-javascript'].includes(u.name))) {
      await page.getByLabel('Unit text (MDX with frontmatter)').fill(hostile(unit));
      await page.getByRole('button', { name: 'Check and preview' }).click();
      await expect(check.getByRole('status'), unit.name).toContainText(/problems? to fix before saving/);
      expect(existsSync(canary), `${unit.name}: the hostile code ran on the server`).toBe(false);
      await expect(check.getByText(new RegExp(`${FILE}:${unit.at} .*${unit.message.source}`)), unit.name).toBeVisible();
      await expect(preview.getByRole('heading', { name: 'Pwned' })).toHaveCount(0);
      await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    }

    // The whole corpus, posted to the same action as the author's browser would, a few at a time.
    const post = async (unit: (typeof HOSTILE_UNITS)[number]) => {
      const res = await page.request.post(`${EDIT}?_data=${encodeURIComponent(ROUTE)}`, {
        form: { intent: 'preview', source: hostile(unit), baseHash: '0000000000000000' },
        headers: { Origin: baseURL ?? '' },
      });
      expect(res.status(), unit.name).toBe(200);
      expect(existsSync(canary), `${unit.name}: the hostile code ran on the server`).toBe(false);
      const { check: result } = (await res.json()) as {
        check: { problems: { file: string; line: number; column: number; message: string }[]; unit: unknown };
      };
      expect(result.unit, unit.name).toBeNull();
      const mine = result.problems.filter((p) => new RegExp(FILE).test(p.file));
      expect(
        mine.some((p) => `${p.line}:${p.column}` === unit.at && unit.message.test(p.message)),
        `${unit.name}: ${JSON.stringify(mine)}`,
      ).toBe(true);
    };
    for (let i = 0; i < HOSTILE_UNITS.length; i += 6) await Promise.all(HOSTILE_UNITS.slice(i, i + 6).map(post));
    expect(existsSync(canary), 'the hostile code ran on the server').toBe(false);
    expect(await draftText(UNIT_FILE.replace('tests/.tmp/e2e-content/', ''))).toBe(saved);
  });
});
