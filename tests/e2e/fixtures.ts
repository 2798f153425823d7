import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test fails on a script error in the page (a hydration mismatch, an uncaught
 * exception). Failed resource loads are left out: some tests visit 403 and 404 pages on purpose.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on('page', (page) => {
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
        });
      });
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
