// Issue #20 item 5: Spanish strings run about a third longer than English. Every page of the
// layout walk, in Spanish on a 360 px phone: no sideways scrolling, axe clean, <html lang="es">,
// a Spanish meta description, and a screenshot of each page for a person to look over
// (test-results/spanish-360/, attached to the report too).
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { logIn } from './helpers';
import { LAYOUT_PAGES, SIGNED_OUT_PAGES } from './layout-pages';

const DIR = 'test-results/spanish-360';
// The author studio is not translated yet (issue #20: its sweep comes later); its page is still
// walked for fit, axe and a screenshot, but its words are English.
const NOT_YET_IN_SPANISH = new Set(['/author']);

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
const description = (page: Page) => page.locator('meta[name="description"]').getAttribute('content');

async function checkInSpanish(page: Page, path: string, name: string, testInfo: TestInfo) {
  // The English description of the same page, to tell that the Spanish one is not it.
  await page.goto(withLang(path, 'en'));
  const english = await description(page);
  const response = await page.goto(withLang(path, 'es'));
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.locator('html'), path).toHaveAttribute('lang', 'es');
  const spanish = await description(page);
  expect(spanish, `${path} describes itself`).toMatch(/.{20,}/);
  if (!NOT_YET_IN_SPANISH.has(path)) expect.soft(spanish, `${path} describes itself in Spanish`).not.toBe(english);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect.soft(overflow, `${path} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
  mkdirSync(DIR, { recursive: true });
  const file = `${DIR}/${name}-${path.replace(/^\//, '').replace(/[/?=&]+/g, '_') || 'home'}.png`;
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${name} ${path}`, { path: file, contentType: 'image/png' });
  // Every page is checked even when an earlier one failed: the report lists them all.
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect
    .soft(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      `axe on ${path}`,
    )
    .toEqual([]);
}

test.beforeEach(async ({ page }) => {
  // Two loads, a full-page screenshot and an axe run per page: minutes on a busy machine.
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 360, height: 740 });
});

test('at 360 px in Spanish the signed-out pages fit, pass axe and describe themselves in Spanish', async ({ page }, testInfo) => {
  for (const path of SIGNED_OUT_PAGES) await checkInSpanish(page, path, 'signed-out', testInfo);
});

for (const [who, list] of Object.entries(LAYOUT_PAGES)) {
  const name = who.split('@')[0];
  test(`at 360 px in Spanish every page of ${name} fits, passes axe and describes itself in Spanish`, async ({
    page,
  }, testInfo) => {
    await logIn(page, who);
    const paths = [...list];
    if (name === 'trainer') {
      await page.getByRole('link', { name: 'Demo cohort' }).click();
      paths.push(new URL(page.url()).pathname);
    }
    for (const path of paths) await checkInSpanish(page, path, name, testInfo);
  });
}
