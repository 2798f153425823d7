import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaQuantile,
  groupReadiness,
  HALF_LIFE_DAYS,
  MIN_ANSWERS,
  posterior,
  readiness,
  recencyWeight,
} from './readiness';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const answers = (area: string, right: number, wrong: number, daysAgo = 0) => [
  ...Array.from({ length: right }, () => ({ area, correct: true, at: NOW - daysAgo * DAY })),
  ...Array.from({ length: wrong }, () => ({ area, correct: false, at: NOW - daysAgo * DAY })),
];

describe('Beta distribution', () => {
  it('matches closed forms', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 10);
    expect(betaCdf(0.5, 2, 1)).toBeCloseTo(0.25, 10); // x^2
    expect(betaCdf(0.5, 1, 2)).toBeCloseTo(0.75, 10); // 1 - (1-x)^2
    expect(betaCdf(0.5, 7, 7)).toBeCloseTo(0.5, 10);
    expect(betaQuantile(0.9, 1, 1)).toBeCloseTo(0.9, 8);
    expect(betaQuantile(0.5, 2, 1)).toBeCloseTo(Math.SQRT1_2, 8);
    // Beta(20, 10): mean 2/3; the 10% and 90% quantiles (reference values from scipy.stats.beta.ppf).
    expect(betaQuantile(0.1, 20, 10)).toBeCloseTo(0.554762, 5);
    expect(betaQuantile(0.9, 20, 10)).toBeCloseTo(0.773585, 5);
  });
});

describe('readiness', () => {
  it('starts at the prior: 50% with a wide range, and says there are not enough answers', () => {
    const [r] = readiness(['a'], [], NOW);
    expect(r).toMatchObject({ area: 'a', answered: 0, mean: 0.5, enough: false });
    expect(r.low).toBeCloseTo(0.1, 6);
    expect(r.high).toBeCloseTo(0.9, 6);
  });
  it('updates with answers, narrows with more of them, and keeps areas apart', () => {
    const few = readiness(['a', 'b'], [...answers('a', 4, 1), ...answers('b', 0, 5)], NOW);
    expect(few[0].mean).toBeCloseTo(5 / 7, 6);
    expect(few[1].mean).toBeCloseTo(1 / 7, 6);
    const many = readiness(['a'], answers('a', 40, 10), NOW)[0];
    expect(many.mean).toBeCloseTo(41 / 52, 6);
    expect(many.high - many.low).toBeLessThan(few[0].high - few[0].low);
    expect(many.low).toBeLessThan(many.mean);
    expect(many.high).toBeGreaterThan(many.mean);
  });
  it(`needs ${MIN_ANSWERS} answers in an area before it shows a figure`, () => {
    expect(readiness(['a'], answers('a', MIN_ANSWERS - 1, 0), NOW)[0].enough).toBe(false);
    expect(readiness(['a'], answers('a', MIN_ANSWERS, 0), NOW)[0].enough).toBe(true);
  });
  it('weighs recent answers more: an old answer counts half after the half-life', () => {
    expect(recencyWeight(NOW, NOW)).toBe(1);
    expect(recencyWeight(NOW - HALF_LIFE_DAYS * DAY, NOW)).toBeCloseTo(0.5, 10);
    // Wrong long ago, right lately: the estimate leans to the recent answers.
    const p = posterior([...answers('a', 0, 10, 60), ...answers('a', 10, 0, 0)], NOW);
    expect(p.alpha).toBeCloseTo(11, 6);
    expect(p.beta).toBeCloseTo(1 + 10 * 0.25, 6);
    expect(readiness(['a'], [...answers('a', 0, 10, 60), ...answers('a', 10, 0, 0)], NOW)[0].mean).toBeGreaterThan(0.7);
  });
  it('a group: pooled estimate, members below the target, and areas to revisit', () => {
    const g = groupReadiness(
      ['a', 'b'],
      [
        [...answers('a', 9, 1), ...answers('b', 2, 8)],
        [...answers('a', 8, 2), ...answers('b', 1, 2)],
      ],
      NOW,
    );
    expect(g[0]).toMatchObject({ area: 'a', answered: 20, trainees: 2, below: 0, revisit: false });
    expect(g[1]).toMatchObject({ area: 'b', answered: 13, trainees: 1, below: 1, revisit: true });
  });
});
