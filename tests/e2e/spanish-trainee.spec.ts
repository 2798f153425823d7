import type { Page } from '@playwright/test';
import { askedQuestionIds, courseUnits, type QuizQ, questionById } from './content';
import { expect, test } from './fixtures';
import { expectAccessible as checkAxe, expectAccessible, uniqueEmail } from './helpers';

// The trainee's path in Spanish: the choice made in the header, then the course page, a unit,
// its quiz and the result, all with Spanish interface text and <html lang="es">. Only interface
// strings are asserted: the course's own words come from whichever edition is installed.

const COURSE = '/courses/peer-support-core';
const units = courseUnits();
const quizUnit = units.findIndex((u) => u.quiz);

async function signUpInEnglish(page: Page) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Rosa Aprendiz');
  await page.getByLabel('Email').fill(uniqueEmail('es-path'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** The option ids that answer a question right (ids line up across editions). */
function rightIds(q: QuizQ): string[] {
  if (q.type === 'truefalse') return [String(q.answer)];
  return Array.isArray(q.answer) ? q.answer : [String(q.answer)];
}

/** The walk; axe runs only with JavaScript (it is a script in the page). */
async function walk(page: Page, withAxe: boolean) {
  const expectAccessible = withAxe ? checkAxe : async (_: Page) => {};
  await signUpInEnglish(page);

  // The header's language switch: a plain form, so it works with or without JavaScript.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: 'Sus cursos' })).toBeVisible();
  await expect(page.getByText(`0 de ${units.length} unidades completadas`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
  await expectAccessible(page);

  // The course page.
  await page.goto(COURSE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 2, name: 'Su avance' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Unidades' })).toBeVisible();
  await expect(page.getByText(`0 de ${units.length} unidades completadas (0 %)`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Glosario de términos clave' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Empezar: / }).click();

  // The first unit.
  await expect(page.getByRole('heading', { name: 'En esta unidad usted va a' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('navigation', { name: 'Unidades' }).getByRole('link', { name: /^Siguiente: / })).toBeVisible();
  await expectAccessible(page);

  // A unit with a quiz: an empty submission first, sent back with each question marked.
  await page.goto(`${COURSE}/units/${units[quizUnit].slug}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Compruebe lo que ha aprendido' })).toBeVisible();
  const asked = await askedQuestionIds(page);
  expect(asked.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
  await expect(page.getByRole('alert')).toContainText('así que no se registró nada');
  await expect(page.getByText('Por favor, elija una respuesta para esta pregunta.')).toHaveCount(asked.length);
  await expectAccessible(page);

  // Then every question answered right.
  for (const [i, id] of asked.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Pregunta ${i + 1}\\.`) });
    await expect(group).toBeVisible();
    const q = questionById(units[quizUnit], id);
    if (q.type === 'truefalse') {
      await group.getByLabel(q.answer ? 'Verdadero' : 'Falso', { exact: true }).check();
      continue;
    }
    for (const option of rightIds(q)) await group.locator(`input[value="${option}"]`).check();
  }
  await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();

  // The result.
  await expect(page.getByRole('heading', { level: 2, name: 'Aprobó este cuestionario' })).toBeVisible();
  await expect(page.getByText(`Respondió bien ${asked.length} de ${asked.length}`)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectAccessible(page);

  // The choice is kept on the account: the course page after the quiz is still in Spanish.
  await page.goto(COURSE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 2, name: 'Su avance' })).toBeVisible();
  await expect(page.getByText(/^1 de \d+ unidades? completadas?/)).toBeVisible();
}

test.describe('a trainee in Spanish, with JavaScript', () => {
  test('walks from the course page through a unit and its quiz to the result', async ({ page }) => {
    test.setTimeout(120_000);
    await walk(page, true);
  });
});

test.describe('a trainee in Spanish, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('walks from the course page through a unit and its quiz to the result', async ({ page }) => {
    test.setTimeout(120_000);
    await walk(page, false);
  });
});

test.describe('a first visit from a Spanish browser', () => {
  // The browser's language setting: Chromium sends `Accept-Language: es-MX`.
  test.use({ locale: 'es-MX' });
  test('gets Spanish pages, and links keep the language', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: 'Aprenda apoyo entre pares a su propio ritmo' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Crear una cuenta' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Iniciar sesión' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();

    await page.goto('/about');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: 'Acerca de Peer Academy' })).toBeVisible();
    await expect(page).toHaveTitle('Acerca de · Peer Academy');
  });
});
