import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { issueCertificate } from '../../app/models/certificate.server';
import { addMember } from '../../app/models/cohort.server';
import { createUser } from '../../app/models/user.server';
import { openDatabase } from '../../db/connect';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, uniqueEmail } from './helpers';

// Certificates in the browser (ADR 023, 024). The record's "confirm completion" flow is not on
// this branch, so each test issues its certificate through the model, as that flow will: the
// trainee downloads it, an anonymous visitor checks the number and the credential, an admin
// revokes it and the check page says so. Then the same with JavaScript off.

const DB_URL = 'file:./tests/.tmp/e2e.db';
const COURSE = 'peer-support-core';

/** A trainee in the demo cohort (demo password) with a certificate issued by the demo trainer. */
async function traineeWithCertificate(legalName: string) {
  const { db } = openDatabase(DB_URL);
  try {
    const demo = await db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('email', '=', 'trainee@example.org')
      .executeTakeFirstOrThrow();
    const trainer = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'trainer@example.org')
      .executeTakeFirstOrThrow();
    const cohort = await db.selectFrom('cohorts').select('id').where('name', '=', 'Demo cohort').executeTakeFirstOrThrow();
    const email = uniqueEmail('certified');
    const userId = await createUser(db, {
      email,
      name: `Sky ${email.split('@')[0].split('-').pop()}`,
      passwordHash: demo.password_hash,
    });
    await addMember(db, cohort.id, userId);
    const cert = await db.transaction().execute((trx) =>
      issueCertificate(trx, {
        userId,
        issuedBy: trainer.id,
        completionId: `e2e-${userId}`,
        facts: {
          legalName,
          courseSlug: COURSE,
          courseTitle: 'Peer Support Specialist Core Training',
          liveMinutes: 3000,
          selfPacedMinutes: 1800,
          startedOn: '2026-09-01',
          completedOn: '2026-11-20',
          competencies: ['Ethics and boundaries', 'Recovery-oriented practice'],
          signerName: 'Jordan Trainer',
          signerTitle: 'Lead Trainer',
        },
      }),
    );
    return { email, userId, ...cert };
  } finally {
    await db.destroy();
  }
}

/** A fresh browser context, optionally without JavaScript, acting from its own address. */
async function visitor(browser: Browser, address: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': address } });
  return context.newPage();
}

async function pdfText(path: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

test('a trainee downloads the certificate, a visitor verifies it, an admin revokes it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const cert = await traineeWithCertificate('Skyler Ann Rivera');

  await logIn(page, cert.email);
  await page.goto(`/courses/${COURSE}`);
  const block = page.getByRole('region', { name: 'Your certificate of completion' });
  await expect(block).toContainText(cert.number);
  await expectAccessible(page);
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    block.getByRole('link', { name: /Download your certificate/ }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`certificate-${cert.number}.pdf`);
  const text = await pdfText(await pdf.path());
  expect(text).toContain('Skyler Ann Rivera');
  expect(text).toContain('50 hours live');
  expect(text).toContain(cert.number);
  expect(text).toContain('Bay Area Peer Training (test)');

  // The wallet credential verifies against the key the site publishes.
  const [badge] = await Promise.all([
    page.waitForEvent('download'),
    block.getByRole('link', { name: /digital credential/ }).click(),
  ]);
  const jwt = readFileSync(await badge.path(), 'utf8');
  const jwks = await (await page.request.get('/.well-known/jwks.json')).json();
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks));
  expect(payload.type).toContain('OpenBadgeCredential');

  // An anonymous visitor checks the number, then the credential.
  const anon = await visitor(browser, '198.51.100.10');
  await anon.goto('/verify');
  await anon.getByRole('textbox', { name: 'Certificate number' }).fill(cert.number.toLowerCase().replace(/-/g, ' '));
  await anon.getByRole('button', { name: 'Check the number' }).click();
  await expect(anon).toHaveURL(`/verify/${cert.number}`);
  await expect(anon.getByText('Valid.')).toBeVisible();
  await expect(anon.getByText('Skyler Ann Rivera')).toBeVisible();
  await expect(anon.getByText('80 hours (50 hours live, 30 hours self-paced)')).toBeVisible();
  await expect(anon.getByText(cert.email)).toHaveCount(0);
  await expectAccessible(anon);
  await anon.goto('/verify');
  await anon.getByLabel('Paste the credential').fill(jwt);
  await anon.getByRole('button', { name: 'Check the credential' }).click();
  await expect(anon.getByRole('heading', { name: 'This credential is valid' })).toBeVisible();
  await expect(anon.getByText('Status: not revoked.')).toBeVisible();
  await expectAccessible(anon);

  // An admin revokes it from the trainee's page.
  const admin = await visitor(browser, '198.51.100.11');
  await logIn(admin, 'admin@example.org');
  await admin.goto(`/trainer/trainees/${cert.userId}?course=${COURSE}`);
  const section = admin.getByRole('region', { name: 'Certificates' });
  await expect(section).toContainText(cert.number);
  await section.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(section.getByText('Write the reason, in a few words.')).toBeVisible();
  await admin.getByLabel('Reason for revoking').fill('Completion recorded in error');
  await admin.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(admin).toHaveURL(new RegExp(`/trainer/trainees/${cert.userId}`));
  await expect(admin.getByRole('region', { name: 'Certificates' })).toContainText('Revoked');

  await anon.goto(`/verify/${cert.number}`);
  await expect(anon.getByText('Revoked.')).toBeVisible();
  await expect(anon.getByText(/was revoked on/)).toBeVisible();
  await anon.goto('/verify');
  await anon.getByLabel('Paste the credential').fill(jwt);
  await anon.getByRole('button', { name: 'Check the credential' }).click();
  await expect(anon.getByRole('heading', { name: 'This credential is not valid' })).toBeVisible();
  await expect(anon.getByText('Status: revoked.')).toBeVisible();
  // The trainee's course page no longer offers it.
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole('region', { name: 'Your certificate of completion' })).toHaveCount(0);
});

test('without JavaScript: download, a trainer reissues, a visitor sees the old number replaced and the new one valid', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const cert = await traineeWithCertificate('Dana Quinn Okafor');
  const trainee = await visitor(browser, '198.51.100.20', false);
  await logIn(trainee, cert.email);
  await trainee.goto(`/courses/${COURSE}`);
  const link = trainee.getByRole('link', { name: /Download your certificate/ });
  const href = await link.getAttribute('href');
  const pdf = await trainee.request.get(href ?? '');
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const trainer = await visitor(browser, '198.51.100.21', false);
  await logIn(trainer, 'trainer@example.org');
  await trainer.goto(`/trainer/trainees/${cert.userId}?course=${COURSE}`);
  const section = trainer.getByRole('region', { name: 'Certificates' });
  await expect(section.getByRole('button', { name: 'Revoke certificate' })).toHaveCount(0);
  await trainer.getByLabel('Reason for reissuing').fill('Middle name was missing');
  await section.getByRole('button', { name: 'Reissue certificate' }).click();
  await expect(trainer.getByRole('region', { name: 'Certificates' })).toContainText('Replaced by a reissue');
  await expect(trainer.getByRole('region', { name: 'Certificates' })).toContainText('Middle name was missing');

  const anon = await visitor(browser, '198.51.100.22', false);
  await anon.goto('/verify');
  await anon.getByRole('textbox', { name: 'Certificate number' }).fill('ABCD-1234');
  await anon.getByRole('button', { name: 'Check the number' }).click();
  await expect(anon.getByText(/not a valid certificate number/)).toBeVisible();
  await anon.getByRole('textbox', { name: 'Certificate number' }).fill(cert.number);
  await anon.getByRole('button', { name: 'Check the number' }).click();
  await expect(anon.getByText('Replaced.')).toBeVisible();
  await trainee.goto(`/courses/${COURSE}`);
  const block = trainee.getByRole('region', { name: 'Your certificate of completion' });
  const fresh = (await block.locator('strong').first().textContent()) ?? '';
  expect(fresh).not.toBe(cert.number);
  await anon.goto(`/verify/${fresh}`);
  await expect(anon.getByText('Valid.')).toBeVisible();
  await expect(anon.getByText('Dana Quinn Okafor')).toBeVisible();
});
