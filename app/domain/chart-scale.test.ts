import { describe, expect, it } from 'vitest';
import { histogramBins, linearScale, niceTicks } from './chart-scale';
import { pacificDayStart, progressTrend } from './group-trend';

describe('linearScale', () => {
  it('maps the ends of the domain onto the ends of the range, also backwards', () => {
    const s = linearScale([0, 100], [50, 250]);
    expect([s(0), s(50), s(100)]).toEqual([50, 150, 250]);
    const up = linearScale([0, 10], [200, 0]);
    expect([up(0), up(10), up(2.5)]).toEqual([200, 0, 150]);
  });
  it('does not divide by zero on an empty domain', () => {
    expect(Number.isFinite(linearScale([5, 5], [0, 10])(5))).toBe(true);
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [-100, 100, 4, [-100, -50, 0, 50, 100]],
    [0, 7, 4, [0, 2, 4, 6]],
    [0, 1, 4, [0, 0.5, 1]],
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('%d to %d in about %d steps', (lo, hi, n, want) => {
    expect(niceTicks(lo, hi, n)).toEqual(want);
  });
  it('handles a single value and reversed or non-finite input', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(10, 0, 2)).toEqual([0, 5, 10]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('histogramBins', () => {
  it('counts values into equal bins, the last one closed, outliers clamped', () => {
    const bins = histogramBins([0, 9.9, 10, 55, 100, 100, 120, -3, Number.NaN], { from: 0, to: 100, step: 10 });
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 10, count: 3 });
    expect(bins[1].count).toBe(1);
    expect(bins[5].count).toBe(1);
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 3 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(8);
  });
});

describe('progressTrend', () => {
  const at = (iso: string) => Date.parse(iso);
  it('adds completions by Pacific day, cumulatively, from a zero the day before', () => {
    const t = progressTrend(
      [
        at('2026-11-02T18:00:00Z'), // Nov 2, 10:00 Pacific
        at('2026-11-03T07:30:00Z'), // Nov 2, 23:30 Pacific: still the 2nd
        null,
        at('2026-11-05T17:00:00Z'),
      ],
      4,
    );
    expect(t.map((p) => new Date(p.day).toISOString().slice(0, 10))).toEqual(['2026-11-01', '2026-11-02', '2026-11-05']);
    expect(t.map((p) => p.completed)).toEqual([0, 2, 3]);
    expect(t.map((p) => p.perTrainee)).toEqual([0, 0.5, 0.8]);
  });
  it('is empty with no completions or no trainees', () => {
    expect(progressTrend([null], 3)).toEqual([]);
    expect(progressTrend([at('2026-11-02T18:00:00Z')], 0)).toEqual([]);
  });
  it('uses the Pacific date across the DST change', () => {
    expect(new Date(pacificDayStart(at('2026-11-01T08:30:00Z'))).toISOString().slice(0, 10)).toBe('2026-11-01');
    expect(new Date(pacificDayStart(at('2026-11-01T06:30:00Z'))).toISOString().slice(0, 10)).toBe('2026-10-31');
  });
});
