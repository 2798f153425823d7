import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'peer-academy-demo';

/** Fails on any serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

let counter = 0;
/** A unique address for an account made in a test. */
export function uniqueEmail(prefix = 'person') {
  counter++;
  return `${prefix}-${Date.now()}-${counter}@example.org`;
}

/** Logs out and waits until the page shows the signed-out navigation. */
export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible();
}

/**
 * Publishes the draft from the studio's publish page, as the signed-in author (ADR 030), and
 * waits for the confirmation: the serving instance switches at once.
 */
export async function publishDraft(page: Page, message: string) {
  await page.goto('/author/publish');
  await expect(page.getByRole('heading', { level: 1, name: 'Publish' })).toBeVisible();
  await page.getByLabel('What changed').fill(message);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published. Trainees see the new version now.')).toBeVisible();
}
