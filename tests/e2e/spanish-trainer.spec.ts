import type { Page } from '@playwright/test';
import { openDatabase } from '../../db/connect';
import { completeAllUnits, countAttempts, lookup } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, logOut, uniqueEmail } from './helpers';

// A trainer who reads Spanish (issue #20): chosen in the header, kept on the account, and the
// trainer's pages (grading, the group page) in Spanish, with and without JavaScript.

const TRAINER = 'trainer@example.org';
const ANSWER = 'Me quedaría con calma, escucharía, le ofrecería opciones y seguiría el protocolo con mi supervisora.';

/** The demo trainer goes back to no language choice, so the English specs after this one see English. */
async function forgetLanguage() {
  const { db } = openDatabase('file:./tests/.tmp/e2e.db');
  try {
    await db.updateTable('users').set({ locale: null }).where('email', '=', TRAINER).execute();
  } finally {
    await db.destroy();
  }
}

test.afterEach(forgetLanguage);

/** Chooses Spanish with the header's language switch (a plain form post). */
async function chooseSpanish(page: Page) {
  await page.getByRole('form', { name: 'Change language' }).getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}

/** A trainee of the demo group submits the short practice form with a written answer in Spanish. */
async function submitSpanishAnswer(page: Page) {
  const email = uniqueEmail('es-answer');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(`Lucía Ramos ${Date.now()}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Join code (optional)').fill('DEMO2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await completeAllUnits(email);
  await page.goto('/courses/peer-support-core/exam');
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await page.getByRole('link', { name: 'Question 41, not answered' }).click();
  await page.getByLabel('Your written answer').fill(ANSWER);
  await page.getByRole('button', { name: 'Save and review' }).click();
  await page.getByLabel('I am ready to submit my answers').check();
  await page.getByRole('button', { name: 'Submit my exam' }).click();
  await expect(page.getByRole('heading', { name: 'Submitted: awaiting grading' })).toBeVisible();
  const [attempt] = await countAttempts(email);
  await logOut(page);
  return attempt;
}

test('a trainer who chose Spanish grades a written answer in Spanish', async ({ page }) => {
  test.setTimeout(180_000);
  const attempt = await submitSpanishAnswer(page);

  await logIn(page, TRAINER);
  await chooseSpanish(page);
  await page.goto('/trainer');
  await expect(page.getByRole('heading', { level: 1, name: 'Sus grupos de capacitación' })).toBeVisible();
  await page.getByRole('link', { name: 'Lista para calificar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lista para calificar' })).toBeVisible();
  await expect(page).toHaveTitle('Lista para calificar · Peer Academy');
  await expect(page.getByRole('columnheader', { name: 'Estado' })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/trainer/grading/${attempt.grading_token}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: /^Calificar: Candidato [0-9A-Z]{5}-[0-9A-Z]{5}$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'La respuesta del participante' })).toBeVisible();
  await expect(page.getByText(ANSWER)).toBeVisible();
  await expectAccessible(page);

  const section = page.getByRole('region', { name: /Pregunta 41: respuesta escrita/ });
  // Finalising with a criterion left blank is refused in Spanish, next to that criterion.
  await section.getByRole('group').first().getByRole('radio').last().check();
  await section.getByRole('button', { name: 'Finalizar la calificación' }).click();
  await expect(page.getByText(/antes de finalizar\.$/).first()).toBeVisible();
  const groups = section.getByRole('group');
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio').last().check();
  await section.getByLabel('Comentario general para el participante (opcional)').fill('Clara y amable. Muy bien.');
  await section.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Borrador guardado.' })).toBeVisible();
  await section.getByRole('button', { name: 'Finalizar la calificación' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Calificación finalizada.' })).toBeVisible();
  await expect(section.getByText(/^Actual: \d+ de \d+ puntos \(final\)\./)).toBeVisible();

  // A change to a final grade needs a reason, asked for in Spanish.
  await section.getByRole('group').first().getByRole('radio').first().check();
  await section.getByRole('button', { name: 'Guardar la calificación cambiada' }).click();
  await expect(page.getByText('Explique por qué cambia una calificación final.')).toBeVisible();
  await section.getByLabel('Motivo para cambiar esta calificación final').fill('Segunda lectura: faltaba detalle.');
  await section.getByRole('button', { name: 'Guardar la calificación cambiada' }).click();
  await expect(page.getByText(/Motivo: Segunda lectura/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Historial de calificaciones' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Publicar este resultado para el participante' }).click();
  await expect(page.getByText(/Publicado\. Calificación final [\d.]+ %/)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  // The group page in Spanish is accessible too (its no-JavaScript use is the next test).
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Avance \(\d+ participantes?\)$/ })).toBeVisible();
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the group page works in Spanish', async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, TRAINER);
    await chooseSpanish(page);
    const cohortId = await lookup('cohort', 'Demo cohort');
    await page.goto(`/trainer/cohorts/${cohortId}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page).toHaveTitle('Demo cohort · Peer Academy');
    await expect(page.getByRole('heading', { level: 2, name: /^Avance \(\d+ participantes?\)$/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sesiones en vivo y asistencia' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'tabla de avance (CSV)' })).toBeVisible();

    // The filters are a plain GET form.
    await page.getByLabel('Ordenar por').selectOption({ label: 'Última actividad' });
    await page.getByLabel('Orden', { exact: true }).selectOption({ label: 'Descendente' });
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await expect(page).toHaveURL(/sort=activity/);
    await expect(page.getByRole('columnheader', { name: 'Participante', exact: true })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Horas de capacitación', exact: false })).toBeVisible();

    // The quiz settings form posts and comes back with its error in Spanish (nothing is saved).
    const settings = page.getByRole('region', { name: 'Ajustes de los cuestionarios para este grupo' });
    await settings.getByLabel('Límite de intentos').fill('mucho');
    await settings.getByRole('button', { name: 'Guardar los ajustes de los cuestionarios' }).click();
    await expect(page.getByText('Escriba un número entero de intentos, o déjelo vacío.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  });
});
