import type { Page } from '@playwright/test';
import { courseUnits } from './content';
import { completeAllUnits, countAttempts, lookup, writtenItemId } from './db';
import { expect, test } from './fixtures';
import { expectAccessible, logIn, logOut, uniqueEmail } from './helpers';

const EXAM = '/courses/peer-support-core/exam';

async function signUpWithCode(page: Page, name: string) {
  const email = uniqueEmail('cohort');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Join code (optional)').fill('DEMO2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  return email;
}

/** A small RFC 4180 reader, so the test checks the file as a spreadsheet would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

test('a trainer grades anonymously, releases, the trainee sees the final result; the CSV matches the dashboard', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const name = `Morgan Quill ${Date.now()}`;
  const email = await signUpWithCode(page, name);
  await completeAllUnits(email);
  await page.goto(EXAM);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await page.getByRole('group').getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Save and next' }).click();
  await page.getByRole('link', { name: 'Question 41, not answered' }).click();
  await page
    .getByLabel('Your written answer')
    .fill('I would stay calm, listen, offer choices, and follow the agency protocol with my supervisor.');
  await page.getByRole('button', { name: 'Save and review' }).click();
  await page.getByLabel('I am ready to submit my answers').check();
  await page.getByRole('button', { name: 'Submit my exam' }).click();
  await expect(page.getByRole('heading', { name: 'Submitted: awaiting grading' })).toBeVisible();
  const [attempt] = await countAttempts(email);
  await logOut(page);

  // The trainer grades without seeing who wrote it.
  await logIn(page, 'trainer@example.org');
  await page.getByRole('link', { name: 'Grading queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grading queue' })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await expectAccessible(page);
  await page.goto(`/trainer/grading/${attempt.grading_token}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Grade: Candidate [0-9A-Z]{5}-[0-9A-Z]{5}$/ })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await expect(page.getByText('I would stay calm, listen')).toBeVisible();
  // Graders see an anchor answer for each rubric level, so two graders place answers alike.
  await expect(page.getByText(/^Example answer at this level: /).first()).toBeVisible();
  await expectAccessible(page);

  const section = page.getByRole('region', { name: /Question 41: written answer/ });
  // Finalising with a criterion left blank is refused next to that criterion.
  await section.getByRole('group').first().getByRole('radio').last().check();
  await section.getByRole('button', { name: 'Finalise grade' }).click();
  await expect(page.getByText(/before finalising\./).first()).toBeVisible();
  const groups = section.getByRole('group');
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio').last().check();
  await section.getByLabel('Overall comment for the trainee (optional)').fill('Clear and kind. Well done.');
  await section.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
  await section.getByRole('button', { name: 'Finalise grade' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Grade finalised.' })).toBeVisible();

  // A change to a final grade needs a reason, and is kept in the history.
  await section.getByRole('group').first().getByRole('radio').first().check();
  await section.getByRole('button', { name: 'Save the changed grade' }).click();
  await expect(page.getByText('Say why you are changing a final grade.')).toBeVisible();
  await section.getByLabel('Reason for changing this final grade').fill('Second reading: the first part needed more detail.');
  await section.getByRole('button', { name: 'Save the changed grade' }).click();
  await expect(page.getByText(/Reason: Second reading/)).toBeVisible();

  await page.getByRole('button', { name: 'Release this result to the trainee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Grade: ${name}`) })).toBeVisible();

  // Question analysis covers the graded attempt.
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Question analysis' }).click();
  await page.getByLabel('Questions from').selectOption({ label: 'Practice exam: Short practice form' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { name: 'The whole test' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Statistics per question' })).toBeVisible();
  await expectAccessible(page);

  // The dashboard and its CSV agree.
  await page.goto('/trainer');
  await page.getByRole('link', { name: 'Demo cohort' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo cohort' })).toBeVisible();
  await expectAccessible(page);
  const rows = page.locator('table.matrix tbody tr');
  // Columns found by their headers, so a new column elsewhere does not shift them.
  const headers = (await page.locator('table.matrix thead th').allTextContents()).map((h) => h.trim());
  const unitsCol = headers.indexOf('Units');
  const examCol = headers.indexOf('Exam');
  const dashboard: Record<string, { units: string; exam: string }> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('th, td');
    dashboard[(await cells.first().textContent()) ?? ''] = {
      units: (await cells.nth(unitsCol).textContent()) ?? '',
      exam: (await cells.nth(examCol).textContent()) ?? '',
    };
  }
  const unitCount = courseUnits().length;
  expect(dashboard[name].units).toBe(`${unitCount}/${unitCount}`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'progress matrix (CSV)' }).click();
  const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
  expect(csv.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark, so Excel reads it as UTF-8').toBe(true);
  const [header, ...records] = parseCsv(csv.slice(1));
  expect(records.length).toBe(Object.keys(dashboard).length);
  expect(header).toContain('Last activity in Pacific time (ISO 8601)');
  for (const cols of records) {
    const row = dashboard[cols[0]];
    expect(row, `CSV row for ${cols[0]} is on the dashboard`).toBeTruthy();
    expect(`${cols[header.indexOf('Units complete')]}/${unitCount}`).toBe(row.units);
    const examStatus = cols[header.indexOf('Exam status')];
    const pct = cols[header.indexOf('Exam %')];
    expect(pct ? `${examStatus} (${pct}%)` : examStatus).toBe(row.exam);
  }
  await logOut(page);

  // The trainee sees the final score and the breakdown by content area.
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await page.goto(`${EXAM}/attempts/${attempt.id}/result`);
  await expect(
    page.getByRole('heading', { name: /You passed this practice exam|Not yet: you are building toward it/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Readiness by content area' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Crisis Management' })).toBeVisible();
  await expect(page.getByText("Trainer's overall note: Clear and kind. Well done.")).toBeVisible();
  await expectAccessible(page);
});

test('trainers reach only their own cohorts, trainees and attempts; trainees reach none', async ({ page }) => {
  const traineeEmail = await signUpWithCode(page, 'Rowan Private');
  await completeAllUnits(traineeEmail);
  await page.goto(EXAM);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await page.getByRole('button', { name: 'Save and next' }).click();
  const [attempt] = await countAttempts(traineeEmail);
  const traineeId = await lookup('user', traineeEmail);
  const cohortId = await lookup('cohort', 'Demo cohort');
  const targets = [
    `/trainer/cohorts/${cohortId}`,
    `/trainer/cohorts/${cohortId}/progress.csv`,
    `/trainer/cohorts/${cohortId}/exam-results.csv`,
    `/trainer/trainees/${traineeId}`,
    `/trainer/grading/${attempt.grading_token}`,
    '/trainer/grading',
    '/trainer/analysis',
  ];
  for (const t of targets) expect((await page.request.get(t)).status(), t).toBe(403);
  const origin = new URL(page.url()).origin;
  const post = await page.request.post(`/trainer/trainees/${traineeId}`, {
    form: { intent: 'accommodation', multiplier: '4' },
    headers: { Origin: origin },
  });
  expect(post.status()).toBe(403);
  await logOut(page);

  // An admin makes a second trainer, who sees none of the demo cohort.
  const otherEmail = uniqueEmail('trainer2');
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Other Trainer');
  await page.getByLabel('Email').fill(otherEmail);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await logOut(page);
  await logIn(page, 'admin@example.org');
  await page.getByLabel(`Role for ${otherEmail}`).selectOption('trainer');
  await page
    .getByRole('row', { name: new RegExp(otherEmail) })
    .getByRole('button', { name: 'Change role' })
    .click();
  await expect(page.getByRole('status')).toHaveText('Role changed to trainer.');
  await logOut(page);

  await page.goto('/login');
  await page.getByLabel('Email').fill(otherEmail);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your training groups' })).toBeVisible();
  for (const t of targets.slice(0, 5)) expect((await page.request.get(t)).status(), t).toBe(404);
  const extend = await page.request.post(`/trainer/trainees/${traineeId}`, {
    form: { intent: 'extend', attemptId: attempt.id, minutes: '30' },
    headers: { Origin: origin },
  });
  expect(extend.status()).toBe(404);
  await page.goto('/trainer/grading');
  await expect(page.getByText('Nothing is waiting.')).toBeVisible();

  // The cohort's own trainer can set an accommodation and extend the attempt in progress.
  await logOut(page);
  await logIn(page, 'trainer@example.org');
  await page.goto(`/trainer/trainees/${traineeId}`);
  await expect(page.getByText('Reflection notes are private to the trainee and are never shown here.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Time multiplier').fill('9');
  await page.getByRole('button', { name: 'Save accommodation' }).click();
  await expect(page.getByText('Use at most 4 (four times the time).')).toBeVisible();
  await page.getByLabel('Time multiplier').fill('1.5');
  await page.getByRole('button', { name: 'Save accommodation' }).click();
  await expect(page.getByRole('status')).toHaveText('Accommodation saved. It applies to attempts started from now on.');
  await page.getByRole('button', { name: 'Extend' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 15 minutes to the attempt.');
});

/** Takes the short practice form with one written answer and submits it. */
async function takeShortExamWithWrittenAnswer(page: Page, answer: string) {
  await page.goto(EXAM);
  await page.getByRole('button', { name: 'Start the short practice form' }).click();
  await page.getByRole('link', { name: 'Question 41, not answered' }).click();
  await page.getByLabel('Your written answer').fill(answer);
  await page.getByRole('button', { name: 'Save and review' }).click();
  await page.getByLabel('I am ready to submit my answers').check();
  await page.getByRole('button', { name: 'Submit my exam' }).click();
  await expect(page.getByRole('heading', { name: 'Submitted: awaiting grading' })).toBeVisible();
}

test('the curious trainer cannot tie a candidate to a person before release, nor grade their own exam', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `Avery Lindqvist ${Date.now()}`;
  const answer = `I would sit with them, listen, and ask what support they want ${Date.now()}.`;
  const email = await signUpWithCode(page, name);
  await completeAllUnits(email);
  await takeShortExamWithWrittenAnswer(page, answer);
  const [attempt] = await countAttempts(email);
  const userId = await lookup('user', email);
  const cohortId = await lookup('cohort', 'Demo cohort');
  const token = attempt.grading_token;
  const label = `Candidate ${token.slice(0, 5)}-${token.slice(5)}`;
  const person = [name, email, userId];
  const candidate = [token, label];
  await logOut(page);

  await logIn(page, 'trainer@example.org');
  /** Fails if what the trainer sees at this place names both the person and the candidate. */
  const neverBoth = (where: string, text: string) => {
    const names = person.filter((p) => text.includes(p));
    const candidates = candidate.filter((c) => text.includes(c));
    expect(names.length && candidates.length ? `${where} shows ${names} with ${candidates}` : 'apart').toBe('apart');
  };

  // The queue and the grading page (HTML with its loader data, and the URL) know only the candidate.
  await page.goto('/trainer/grading');
  await expect(page.getByRole('link', { name: label })).toBeVisible();
  neverBoth('grading queue', `${page.url()} ${await page.content()}`);
  for (const p of person) expect(await page.content()).not.toContain(p);
  await page.getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Grade: ${label}` })).toBeVisible();
  await expect(page.getByText(answer)).toBeVisible();
  expect(page.url()).not.toContain(attempt.id);
  const gradingHtml = await page.content();
  neverBoth('grading page', `${page.url()} ${gradingHtml}`);
  for (const p of [...person, attempt.id]) expect(gradingHtml).not.toContain(p);

  // The trainee page, the dashboard and both CSVs know only the person.
  await page.goto(`/trainer/trainees/${userId}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByText('Answers', { exact: true }).click();
  await expect(page.getByText('Written answer: awaiting grading.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Written answers and grades' })).toHaveCount(0);
  const traineeHtml = await page.content();
  neverBoth('trainee page', `${page.url()} ${traineeHtml}`);
  for (const c of [...candidate, '/trainer/grading/', answer]) expect(traineeHtml).not.toContain(c);
  await page.goto(`/trainer/cohorts/${cohortId}`);
  neverBoth('cohort dashboard', await page.content());
  for (const path of [`/trainer/cohorts/${cohortId}/exam-results.csv`, `/trainer/cohorts/${cohortId}/progress.csv`]) {
    const csv = await (await page.request.get(path)).text();
    expect(csv).toContain(name);
    neverBoth(path, csv);
    expect(csv).not.toContain(answer);
  }

  // Once released, the link may be shown.
  await page.goto(`/trainer/grading/${token}`);
  const section = page.getByRole('region', { name: /Question 41: written answer/ });
  const groups = section.getByRole('group');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').last().check();
  await section.getByRole('button', { name: 'Finalise grade' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Grade finalised.' })).toBeVisible();
  await page.goto(`/trainer/trainees/${userId}`);
  await expect(page.getByRole('link', { name: 'Written answers and grades' })).toHaveCount(0);
  await page.goto(`/trainer/grading/${token}`);
  await page.getByRole('button', { name: 'Release this result to the trainee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Grade: ${name}`) })).toBeVisible();
  await page.goto(`/trainer/trainees/${userId}`);
  await page.getByRole('link', { name: 'Written answers and grades' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Grade: ${name}`) })).toBeVisible();

  // A trainer who joins their own group and takes the exam cannot grade it, even by hand.
  await page.goto('/account');
  await page.getByLabel('Join a group with a code').fill('DEMO2026');
  await page.getByRole('button', { name: 'Join group' }).click();
  await expect(page.getByText('You joined Demo cohort.')).toBeVisible();
  await completeAllUnits('trainer@example.org');
  await takeShortExamWithWrittenAnswer(page, 'My own answer, which I must not grade.');
  const [own] = await countAttempts('trainer@example.org');
  await page.goto('/trainer/grading');
  await expect(page.getByRole('heading', { level: 1, name: 'Grading queue' })).toBeVisible();
  expect(await page.content()).not.toContain(own.grading_token);
  expect((await page.request.get(`/trainer/grading/${own.grading_token}`)).status()).toBe(404);
  const origin = new URL(page.url()).origin;
  const forged = await page.request.post(`/trainer/grading/${own.grading_token}`, {
    form: { itemId: await writtenItemId(own.id), intent: 'final', 'level:pathways': '4', 'level:anything': '1000' },
    headers: { Origin: origin },
  });
  expect(forged.status()).toBe(404);
  const release = await page.request.post(`/trainer/grading/${own.grading_token}`, {
    form: { intent: 'release' },
    headers: { Origin: origin },
  });
  expect(release.status()).toBe(404);
  expect((await countAttempts('trainer@example.org'))[0].status).toBe('submitted');
});
