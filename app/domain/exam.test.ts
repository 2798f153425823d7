import { describe, expect, it } from 'vitest';
import type { ExamForm, ExamItem, Scenario } from '../content/schema';
import { BlueprintError, canStartExam, drawExam, examDeadline, isPastDeadline, publicItem, rubricMax, scoreExam } from './exam';
import { rng, shuffle } from './random';

const item = (id: string, area: string): ExamItem => ({
  id,
  area,
  competencies: ['c'],
  prompt: `Prompt ${id}`,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
    { id: 'd', text: 'D' },
  ],
  answer: 'c',
  rationale: `Because ${id}`,
});
const bank = [
  ...Array.from({ length: 10 }, (_, i) => item(`x${i}`, 'x')),
  ...Array.from({ length: 6 }, (_, i) => item(`y${i}`, 'y')),
];
const scenario = (id: string): Scenario => ({
  id,
  area: 'x',
  competencies: ['c'],
  prompt: 'Write',
  rubric: [
    {
      id: 'k1',
      criterion: 'K1',
      levels: [
        { points: 0, description: 'none' },
        { points: 2, description: 'some' },
        { points: 4, description: 'all' },
      ],
    },
    {
      id: 'k2',
      criterion: 'K2',
      levels: [
        { points: 0, description: 'none' },
        { points: 3, description: 'all' },
      ],
    },
  ],
});
const scenarios = [scenario('s1'), scenario('s2'), scenario('s3')];
const form: ExamForm = {
  id: 'f',
  title: 'F',
  description: 'D',
  timeLimitMinutes: 60,
  attemptsAllowed: 2,
  waitHoursBetweenAttempts: 24,
  scenarios: 2,
  blueprint: { x: 4, y: 3 },
};

describe('rng and shuffle', () => {
  it('repeat for a seed and differ between seeds', () => {
    const a = shuffle([1, 2, 3, 4, 5, 6, 7, 8], rng('seed-1'));
    expect(shuffle([1, 2, 3, 4, 5, 6, 7, 8], rng('seed-1'))).toEqual(a);
    expect(shuffle([1, 2, 3, 4, 5, 6, 7, 8], rng('seed-2'))).not.toEqual(a);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('drawExam', () => {
  it('draws the blueprint count per area without repeats, then the written scenarios', () => {
    const d = drawExam(form, bank, scenarios, 'abc');
    expect(d).toHaveLength(9);
    expect(d.filter((i) => i.area === 'y' && i.snapshot.kind === 'choice')).toHaveLength(3);
    expect(d.filter((i) => i.area === 'x' && i.snapshot.kind === 'choice')).toHaveLength(4);
    expect(new Set(d.map((i) => i.itemId)).size).toBe(9);
    expect(d.slice(7).map((i) => i.snapshot.kind)).toEqual(['written', 'written']);
    expect(d.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('is reproducible from the seed and varies between seeds', () => {
    const ids = (seed: string) => drawExam(form, bank, scenarios, seed).map((i) => i.itemId);
    expect(ids('same')).toEqual(ids('same'));
    const seeds = ['1', '2', '3', '4', '5'].map(ids).map((x) => x.join());
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
  it('shuffles options but keeps the answer pointing at the same option', () => {
    for (const seed of ['p', 'q', 'r']) {
      for (const d of drawExam(form, bank, scenarios, seed)) {
        const snap = d.snapshot;
        if (snap.kind !== 'choice') continue;
        expect(snap.options.find((o) => o.id === snap.answer)?.text).toBe('C');
        expect([...snap.options.map((o) => o.id)].sort()).toEqual(['a', 'b', 'c', 'd']);
      }
    }
  });
  it('refuses a blueprint the bank cannot fill', () => {
    expect(() => drawExam({ ...form, blueprint: { y: 7 } }, bank, scenarios, 's')).toThrow(BlueprintError);
    expect(() => drawExam({ ...form, scenarios: 4 }, bank, scenarios, 's')).toThrow(BlueprintError);
  });
  it('never draws a practice-only item, and counts only exam and both items as the pool', () => {
    const marked = bank.map((i, n) => ({
      ...i,
      use: n % 3 === 0 ? ('practice' as const) : n % 3 === 1 ? ('exam' as const) : undefined,
    }));
    const practiceOnly = new Set(marked.filter((i) => i.use === 'practice').map((i) => i.id));
    for (const seed of ['a', 'b', 'c', 'd', 'e'])
      for (const d of drawExam({ ...form, blueprint: { x: 6, y: 4 } }, marked, scenarios, seed))
        expect(practiceOnly.has(d.itemId)).toBe(false);
    // y has 6 items, 2 of them practice-only: 4 can be drawn, 5 cannot.
    expect(() => drawExam({ ...form, blueprint: { y: 5 } }, marked, scenarios, 's')).toThrow(BlueprintError);
  });
});

describe('publicItem', () => {
  it('hides the answer, rationale and rubric', () => {
    const [choice] = drawExam(form, bank, scenarios, 'z');
    const text = JSON.stringify(publicItem(choice.snapshot));
    expect(text).not.toContain('answer');
    expect(text).not.toContain('Because');
    const written = drawExam(form, bank, scenarios, 'z').at(-1)!;
    expect(JSON.stringify(publicItem(written.snapshot))).not.toContain('rubric');
  });
});

describe('examDeadline', () => {
  it('is start + limit x multiplier, or none for no time limit', () => {
    expect(examDeadline(1000, 60, { multiplier: 1, noLimit: false })).toBe(1000 + 3_600_000);
    expect(examDeadline(0, 60, { multiplier: 1.5, noLimit: false })).toBe(5_400_000);
    expect(examDeadline(0, 60, { multiplier: 0.5, noLimit: false })).toBe(3_600_000);
    expect(examDeadline(0, 60, { multiplier: 2, noLimit: true })).toBeNull();
  });
  it('accepts answers up to the deadline itself', () => {
    expect(isPastDeadline(100, 100)).toBe(false);
    expect(isPastDeadline(100, 101)).toBe(true);
    expect(isPastDeadline(null, 10 ** 15)).toBe(false);
  });
});

describe('canStartExam', () => {
  const a = (id: string, status: string, started_at: number, submitted_at: number | null, form_id = 'f') => ({
    id,
    form_id,
    status,
    started_at,
    submitted_at,
  });
  it('allows a first attempt', () => {
    expect(canStartExam(form, [], 0)).toEqual({ ok: true });
  });
  it('sends the trainee back to an attempt in progress', () => {
    expect(canStartExam(form, [a('1', 'in_progress', 0, null)], 5)).toEqual({ ok: false, reason: 'active', attemptId: '1' });
  });
  it('enforces the wait after the last attempt at this form', () => {
    const day = 24 * 3_600_000;
    expect(canStartExam(form, [a('1', 'submitted', 0, 1000)], 1000 + day - 1)).toEqual({
      ok: false,
      reason: 'wait',
      until: 1000 + day,
    });
    expect(canStartExam(form, [a('1', 'submitted', 0, 1000)], 1000 + day)).toEqual({ ok: true });
  });
  it('enforces the attempt limit per form and ignores other forms', () => {
    expect(canStartExam(form, [a('1', 'released', 0, 1), a('2', 'released', 0, 2)], 10 ** 12)).toEqual({
      ok: false,
      reason: 'limit',
    });
    expect(canStartExam(form, [a('1', 'released', 0, 1, 'other'), a('2', 'released', 0, 2, 'other')], 10 ** 12)).toEqual({
      ok: true,
    });
  });
});

describe('scoreExam', () => {
  const c = (area: string, correct: 0 | 1) => ({ area, kind: 'choice' as const, correct, points: null, maxPoints: 1 });
  const w = (area: string, points: number | null, maxPoints: number) => ({
    area,
    kind: 'written' as const,
    correct: null,
    points,
    maxPoints,
  });
  it('scores choice items one point each and passes at the mark', () => {
    const s = scoreExam([c('x', 1), c('x', 1), c('y', 1), c('y', 0)], 75, ['x', 'y']);
    expect(s).toMatchObject({ objectiveCorrect: 3, objectiveTotal: 4, percent: 75, passed: true, complete: true });
    expect(s.areas).toEqual([
      { area: 'x', earned: 2, possible: 2, percent: 100 },
      { area: 'y', earned: 1, possible: 2, percent: 50 },
    ]);
  });
  it('is partial and never passed while written answers await grading', () => {
    const s = scoreExam([c('x', 1), c('x', 1), w('y', null, 7)], 10, ['x', 'y']);
    expect(s.complete).toBe(false);
    expect(s.passed).toBe(false);
  });
  it('adds rubric points once graded', () => {
    const s = scoreExam([c('x', 1), c('x', 0), w('y', 5, 7)], 60, ['x', 'y']);
    expect(s).toMatchObject({ writtenPoints: 5, writtenMax: 7, percent: 66.7, passed: true, complete: true });
    expect(s.areas[1]).toEqual({ area: 'y', earned: 5, possible: 7, percent: 71.4 });
  });
  it('never counts stored written points outside 0..max (a forged grade cannot pass anyone)', () => {
    const s = scoreExam([c('x', 0), w('y', 1000, 12), w('y', -50, 12)], 50, ['x', 'y']);
    expect(s).toMatchObject({ writtenPoints: 12, writtenMax: 24, percent: 48, passed: false });
    expect(s.areas[1]).toEqual({ area: 'y', earned: 12, possible: 24, percent: 50 });
    expect(scoreExam([w('y', Number.NaN, 4)], 50, ['y'])).toMatchObject({ writtenPoints: 0, percent: 0, complete: true });
  });
  it('leaves out areas with nothing drawn', () => {
    expect(scoreExam([c('x', 0)], 50, ['x', 'y', 'z']).areas.map((a) => a.area)).toEqual(['x']);
  });
});

describe('rubricMax', () => {
  it('adds the top level of each criterion', () => {
    expect(rubricMax(scenario('s').rubric)).toBe(7);
  });
});
