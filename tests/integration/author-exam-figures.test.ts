import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireCourse } from '../../app/content/content.server';
import { bankCoverage, bankQuality, formatBankQuality } from '../../app/content/quiz-quality';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { createUser } from '../../app/models/user.server';
import { loader } from '../../app/routes/author.courses.$course.exam';
import { freshSqlite, type TestDb } from '../setup/db';

// The author exam view shows the bank size against the forms and the answer-cue figures that
// `content:check` prints, from the same functions.

let t: TestDb;
beforeEach(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
});
afterEach(async () => {
  await t.cleanup();
});

const course = 'peer-support-core';
const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };

describe('author exam view figures', () => {
  it('lists each area with its bank size, largest draw ratio, and the area and bank cue figures', async () => {
    const id = await createUser(t.handle.db, { email: 'author@example.org', name: 'A', passwordHash: 'x', role: 'author' });
    const cookie = (await createSession(id)).split(';')[0];
    const exam = (await requireCourse(course)).exam;
    if (!exam) throw new Error('the course has no exam');
    const area = exam.definition.areas[1].id;
    const r = (await loader({
      request: new Request(`http://localhost/author/courses/${course}/exam?area=${area}`, { headers: { Cookie: cookie } }),
      params: { course },
      context: ctx,
    })) as Response;
    expect(r.status).toBe(200);
    const data = await r.json();
    const coverage = bankCoverage(
      exam.definition,
      exam.items.filter((i) => i.use !== 'practice'),
    );
    expect(
      data.areas.map((a: { id: string; items: number; ratio: number; needed: number }) => [a.id, a.items, a.ratio, a.needed]),
    ).toEqual(coverage.map((c) => [c.area, c.items, c.ratio, c.needed]));
    expect(data.figures).toEqual({
      area: formatBankQuality(bankQuality(exam.items.filter((i) => i.area === area))),
      bank: formatBankQuality(bankQuality(exam.items)),
    });
    expect(data.figures.bank).toMatch(/^longest option is the key in \d+\/\d+ \(\d+%\); key by position: 1:/);
  }, 60_000);
});
