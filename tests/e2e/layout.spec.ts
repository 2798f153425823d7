// Layout promises (issue #19): wide trainer pages use a wide screen, and no page scrolls
// sideways on a 360 px phone (wide tables scroll inside their own labelled region instead).
import { courseUnits } from './content';
import { expect, test } from './fixtures';
import { logIn, logOut } from './helpers';
import { LAYOUT_PAGES, SIGNED_OUT_PAGES } from './layout-pages';

test('at 1280 px the progress matrix shows every unit without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await logIn(page, 'trainer@example.org');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  const matrix = page.getByRole('table', { name: 'Trainees by unit' });
  await expect(matrix).toBeVisible();
  const units = courseUnits();
  const last = matrix.getByRole('columnheader', { name: `U${units.length}`, exact: true });
  // Inside its scroll region and inside the window, without scrolling either.
  const region = await page.getByRole('region', { name: /Progress matrix/ }).boundingBox();
  const box = await last.boundingBox();
  expect(box && region).toBeTruthy();
  const right = (box?.x ?? 0) + (box?.width ?? 0);
  expect(right).toBeLessThanOrEqual((region?.x ?? 0) + (region?.width ?? 0));
  expect(right).toBeLessThanOrEqual(1280);
});

for (const [who, list] of Object.entries(LAYOUT_PAGES)) {
  test(`at 360 px no page of ${who.split('@')[0]} scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const paths = [...list];
    if (who.startsWith('admin')) {
      // A long address, as real ones can be, must not push the admin table off the screen.
      await page.goto('/signup');
      await page.getByLabel('Your name').fill('Maximiliana Esperanza Gutierrez-Villanueva');
      await page
        .getByLabel('Email')
        .fill(`maximiliana.esperanza.gutierrez-villanueva.${Date.now()}@county-behavioral-health.example.org`);
      await page.getByLabel('Password').fill('a long enough password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await logOut(page);
    }
    await logIn(page, who);
    if (who.startsWith('trainer')) {
      await page.getByRole('link', { name: 'Demo cohort' }).click();
      paths.push(new URL(page.url()).pathname);
    }
    for (const path of paths) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
      // Every page describes itself to search engines and link previews.
      await expect(page.locator('meta[name="description"]'), path).toHaveAttribute('content', /.{20,}/);
    }
  });
}

test('at 360 px the signed-out pages do not scroll sideways either', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of SIGNED_OUT_PAGES) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
    await expect(page.locator('meta[name="description"]'), path).toHaveAttribute('content', /.{20,}/);
  }
});
