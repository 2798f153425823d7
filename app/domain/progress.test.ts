import { describe, expect, it } from 'vitest';
import {
  attemptsLeft,
  canAttemptQuiz,
  courseProgress,
  examUnlocked,
  quizCompletesUnit,
  unitStatus,
  unitTimeGate,
} from './progress';

const row = (unit_slug: string, completed_at: number | null, last_visited_at: number) => ({
  unit_slug,
  completed_at,
  best_percent: null,
  last_visited_at,
});

describe('unitStatus', () => {
  it('is not-started, started or complete', () => {
    expect(unitStatus(undefined)).toBe('not-started');
    expect(unitStatus(row('a', null, 1))).toBe('started');
    expect(unitStatus(row('a', 5, 1))).toBe('complete');
  });
});

describe('courseProgress', () => {
  const units = ['a', 'b', 'c'];
  it('starts at the first unit', () => {
    expect(courseProgress(units, [])).toEqual({
      complete: 0,
      total: 3,
      percent: 0,
      continueWith: 'a',
      remaining: ['a', 'b', 'c'],
    });
  });
  it('continues with the last visited unit when it is not complete', () => {
    const p = courseProgress(units, [row('a', 10, 10), row('c', null, 20)]);
    expect(p.continueWith).toBe('c');
    expect(p.remaining).toEqual(['b', 'c']);
    expect(p.percent).toBe(33);
  });
  it('otherwise continues with the first unit not complete', () => {
    expect(courseProgress(units, [row('b', 10, 30), row('a', null, 5)]).continueWith).toBe('a');
  });
  it('ignores progress on units no longer in the course', () => {
    expect(courseProgress(units, [row('gone', 1, 99)]).continueWith).toBe('a');
  });
  it('has nothing to continue with once all are complete', () => {
    const p = courseProgress(units, [row('a', 1, 1), row('b', 1, 2), row('c', 1, 3)]);
    expect(p.continueWith).toBeNull();
    expect(examUnlocked(p)).toBe(true);
  });
  it('keeps the exam locked while any unit remains, and for an empty course', () => {
    expect(examUnlocked(courseProgress(units, [row('a', 1, 1), row('b', 1, 2)]))).toBe(false);
    expect(examUnlocked(courseProgress([], []))).toBe(false);
  });
});

const failed = (...times: number[]) => times.map((submitted_at) => ({ submitted_at, passed: false }));

describe('canAttemptQuiz', () => {
  it('allows unlimited attempts by default', () => {
    expect(canAttemptQuiz({ quizAttemptLimit: null, quizWaitMinutes: 0 }, failed(1, 2, 3, 4, 5), 10)).toEqual({ ok: true });
  });
  it('enforces an attempt limit', () => {
    expect(canAttemptQuiz({ quizAttemptLimit: 2, quizWaitMinutes: 0 }, failed(1, 2), 10)).toEqual({ ok: false, reason: 'limit' });
    expect(canAttemptQuiz({ quizAttemptLimit: 2, quizWaitMinutes: 0 }, failed(1), 10)).toEqual({ ok: true });
  });
  it('enforces a wait after the latest failed attempt', () => {
    const rules = { quizAttemptLimit: null, quizWaitMinutes: 10 };
    expect(canAttemptQuiz(rules, failed(60_000, 0), 60_000 + 9 * 60_000)).toEqual({ ok: false, reason: 'wait', until: 660_000 });
    expect(canAttemptQuiz(rules, failed(0, 60_000), 660_000)).toEqual({ ok: true });
  });
  it('does not make a trainee wait after a pass', () => {
    const rules = { quizAttemptLimit: null, quizWaitMinutes: 10 };
    expect(canAttemptQuiz(rules, [...failed(0), { submitted_at: 60_000, passed: true }], 120_000)).toEqual({ ok: true });
  });
  it('counts attempts left under the limit', () => {
    expect(attemptsLeft({ quizAttemptLimit: 3, quizWaitMinutes: 0 }, 1)).toBe(2);
    expect(attemptsLeft({ quizAttemptLimit: 3, quizWaitMinutes: 0 }, 4)).toBe(0);
    expect(attemptsLeft({ quizAttemptLimit: null, quizWaitMinutes: 0 }, 4)).toBeNull();
  });
});

describe('unitTimeGate and quizCompletesUnit', () => {
  it('is off without a minimum', () => {
    expect(unitTimeGate(undefined, 0)).toEqual({ minimumSeconds: 0, spentSeconds: 0, met: true });
    expect(unitTimeGate(0, 0).met).toBe(true);
    expect(quizCompletesUnit(true, unitTimeGate(undefined, 0))).toBe(true);
  });
  it('lets a pass complete the unit only once the measured time reaches the minimum', () => {
    expect(quizCompletesUnit(true, unitTimeGate(10, 599))).toBe(false);
    expect(quizCompletesUnit(true, unitTimeGate(10, 600))).toBe(true);
    expect(quizCompletesUnit(false, unitTimeGate(10, 6000))).toBe(false);
    expect(quizCompletesUnit(false, unitTimeGate(undefined, 0))).toBe(false);
  });
});
