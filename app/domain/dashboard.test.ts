import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { buildDashboard, sortAndFilter } from './dashboard';

const units = [
  { slug: 'a', title: 'A', minutes: 10 },
  { slug: 'b', title: 'B', minutes: 20 },
];
const members = [
  { id: 'u1', name: 'Zoe', email: 'z@example.org' },
  { id: 'u2', name: 'Ana', email: 'a@example.org' },
  { id: 'u3', name: 'Max', email: 'm@example.org' },
];
const p = (user_id: string, unit_slug: string, completed_at: number | null, best: number | null, seen: number) => ({
  user_id,
  unit_slug,
  completed_at,
  best_percent: best,
  last_visited_at: seen,
});

describe('buildDashboard', () => {
  const rows = buildDashboard({
    units,
    members,
    progress: [p('u1', 'a', 5, 90, 5), p('u1', 'b', 9, 100, 9), p('u2', 'a', null, 40, 3)],
    exams: [
      { user_id: 'u1', status: 'released', passed: 0, final_percent: 55, started_at: 10, submitted_at: 20 },
      { user_id: 'u1', status: 'submitted', passed: null, final_percent: null, started_at: 30, submitted_at: 40 },
    ],
    quizActivity: [{ user_id: 'u2', last: 7 }],
    time: [
      { user_id: 'u1', unit_slug: 'a', seconds: 12 },
      { user_id: 'u1', unit_slug: 'b', seconds: 7 },
      { user_id: 'u2', unit_slug: 'a', seconds: 1500 },
      { user_id: 'u2', unit_slug: 'retired-unit', seconds: 999 },
    ],
  });
  it('gives each member a status and best score per unit', () => {
    expect(rows[0].cells).toEqual([
      { unit: 'a', status: 'complete', best: 90, seconds: 12 },
      { unit: 'b', status: 'complete', best: 100, seconds: 7 },
    ]);
    expect(rows[1].cells[0]).toEqual({ unit: 'a', status: 'started', best: 40, seconds: 1500 });
    expect(rows[2].cells.every((c) => c.status === 'not-started')).toBe(true);
  });
  it('takes the exam status from the latest attempt, else locked or unlocked', () => {
    expect(rows.map((r) => r.exam)).toEqual(['awaiting-grading', 'locked', 'locked']);
    const unlocked = buildDashboard({
      units,
      members: [members[0]],
      progress: [p('u1', 'a', 1, 1, 1), p('u1', 'b', 1, 1, 1)],
      exams: [],
      quizActivity: [],
      time: [],
    });
    expect(unlocked[0].exam).toBe('unlocked');
  });
  it('reports passed and not yet with the released score', () => {
    const r = buildDashboard({
      units,
      members: [members[0]],
      progress: [],
      exams: [{ user_id: 'u1', status: 'released', passed: 1, final_percent: 88, started_at: 1, submitted_at: 2 }],
      quizActivity: [],
      time: [],
    });
    expect(r[0]).toMatchObject({ exam: 'passed', examPercent: 88 });
  });
  it('counts completed units, their planned minutes, the measured time and the last activity', () => {
    // Two units complete in 19 measured seconds: the planned 30 minutes are not time spent.
    expect(rows[0]).toMatchObject({ complete: 2, plannedMinutesCompleted: 30, secondsSpent: 19, lastActivity: 40 });
    // Time on a unit no longer in the course is not counted in this course's total.
    expect(rows[1]).toMatchObject({ complete: 0, plannedMinutesCompleted: 0, secondsSpent: 1500, lastActivity: 7 });
    expect(rows[2]).toMatchObject({ secondsSpent: 0, lastActivity: null });
  });
  it('sorts and filters', () => {
    expect(sortAndFilter(rows, { sort: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['Ana', 'Max', 'Zoe']);
    expect(sortAndFilter(rows, { sort: 'progress', dir: 'desc' }).map((r) => r.name)).toEqual(['Zoe', 'Ana', 'Max']);
    expect(sortAndFilter(rows, { sort: 'time', dir: 'desc' }).map((r) => r.name)).toEqual(['Ana', 'Zoe', 'Max']);
    expect(sortAndFilter(rows, { sort: 'activity', dir: 'desc' }).map((r) => r.name)).toEqual(['Zoe', 'Ana', 'Max']);
    expect(sortAndFilter(rows, { sort: 'name', dir: 'asc', exam: 'locked' }).map((r) => r.name)).toEqual(['Ana', 'Max']);
    expect(sortAndFilter(rows, { sort: 'name', dir: 'asc', q: 'M@EX' }).map((r) => r.name)).toEqual(['Max']);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and new lines', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', 'two\nlines'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });
  it('neutralises spreadsheet formulas in text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
