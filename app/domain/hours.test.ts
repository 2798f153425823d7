import { describe, expect, it } from 'vitest';
import {
  attendanceMinutes,
  creditSessions,
  creditUnits,
  decimalHours,
  formatHours,
  hoursLedger,
  type LedgerSession,
  type LedgerUnit,
  pacificDay,
  pacificTimeOfDay,
  percentOf,
} from './hours';

const H = 3_600_000;
const T0 = Date.UTC(2026, 9, 1, 17); // 10:00 in California
const session = (
  id: string,
  startHour: number,
  duration: number,
  status: LedgerSession['status'],
  minutes: number | null = null,
  makeup = false,
): LedgerSession => ({
  id,
  title: id,
  startsAt: T0 + startHour * H,
  durationMinutes: duration,
  makeup,
  status,
  minutes,
});
const unit = (slug: string, planned: number, complete: boolean, measuredSeconds: number): LedgerUnit => ({
  slug,
  title: slug,
  plannedMinutes: planned,
  complete,
  measuredSeconds,
});

describe('attendanceMinutes', () => {
  it('credits a present trainee the whole session', () => expect(attendanceMinutes('present', null, 120)).toBe(120));
  it('ignores minutes entered for present (the session length counts)', () =>
    expect(attendanceMinutes('present', 30, 120)).toBe(120));
  it('credits late and left-early the minutes entered', () => {
    expect(attendanceMinutes('late', 95, 120)).toBe(95);
    expect(attendanceMinutes('left-early', 60, 120)).toBe(60);
  });
  it('caps entered minutes at the session length', () => expect(attendanceMinutes('late', 500, 120)).toBe(120));
  it('never credits negative or fractional minutes', () => {
    expect(attendanceMinutes('late', -10, 120)).toBe(0);
    expect(attendanceMinutes('late', 30.9, 120)).toBe(30);
    expect(attendanceMinutes('late', null, 120)).toBe(0);
  });
  it('credits nothing for absent, excused or no mark', () => {
    expect(attendanceMinutes('absent', 60, 120)).toBe(0);
    expect(attendanceMinutes('excused', 60, 120)).toBe(0);
    expect(attendanceMinutes(null, 60, 120)).toBe(0);
  });
});

describe('creditSessions', () => {
  it('sums separate sessions', () => {
    const lines = creditSessions([session('a', 0, 120, 'present'), session('b', 24, 90, 'late', 80)]);
    expect(lines.map((l) => l.credited)).toEqual([120, 80]);
  });
  it('counts a make-up session toward the same hours', () => {
    const lines = creditSessions([session('a', 0, 120, 'excused'), session('m', 48, 120, 'present', null, true)]);
    expect(lines.map((l) => l.credited)).toEqual([0, 120]);
    expect(lines[0].reason).toEqual({ key: 'excused' });
  });
  it('credits two sessions at the same time once', () => {
    const lines = creditSessions([session('a', 0, 120, 'present'), session('b', 0, 120, 'present')]);
    expect(lines.reduce((s, l) => s + l.credited, 0)).toBe(120);
    expect(lines[1].overlapFresh).toBe(0);
  });
  it('credits a partly overlapping session only its new part', () => {
    // 10:00-12:00 and 11:00-13:00: three hours of clock time, not four.
    const lines = creditSessions([session('a', 0, 120, 'present'), session('b', 1, 120, 'present')]);
    expect(lines.map((l) => l.credited)).toEqual([120, 60]);
  });
  it('does not shrink an overlapping session the trainee did not attend first', () => {
    const lines = creditSessions([session('a', 0, 120, 'absent'), session('b', 1, 120, 'present')]);
    expect(lines.map((l) => l.credited)).toEqual([0, 120]);
  });
  it('keeps a partial mark when it is below the fresh part', () => {
    const lines = creditSessions([session('a', 0, 120, 'present'), session('b', 1, 120, 'left-early', 30)]);
    expect(lines.map((l) => l.credited)).toEqual([120, 30]);
  });
  it('handles a session nested inside a longer one', () => {
    const lines = creditSessions([session('long', 0, 240, 'present'), session('inner', 1, 60, 'present')]);
    expect(lines.map((l) => l.credited)).toEqual([240, 0]);
  });
  it('resets overlap tracking after a gap', () => {
    const lines = creditSessions([
      session('a', 0, 60, 'present'),
      session('b', 0.5, 60, 'present'),
      session('c', 5, 60, 'present'),
    ]);
    expect(lines.map((l) => l.credited)).toEqual([60, 30, 60]);
  });
  it('orders by start time whatever the input order', () => {
    const lines = creditSessions([session('b', 1, 120, 'present'), session('a', 0, 120, 'present')]);
    expect(lines.map((l) => [l.id, l.credited])).toEqual([
      ['a', 120],
      ['b', 60],
    ]);
  });
  it('explains a mark with no attendance', () =>
    expect(creditSessions([session('a', 0, 60, null)])[0].reason).toEqual({ key: 'none' }));
  it('says when entered minutes were capped', () =>
    expect(creditSessions([session('a', 0, 60, 'late', 90)])[0].reason).toEqual({
      key: 'late',
      raw: 60,
      entered: 90,
      capped: true,
    }));
});

describe('creditUnits', () => {
  it('credits nothing for an incomplete unit, however long it was open', () => {
    const [l] = creditUnits([unit('u', 30, false, 3600)]);
    expect(l.credited).toBe(0);
    expect(l.reason).toEqual({ key: 'incomplete', measured: 60 });
  });
  it('credits measured time of a complete unit', () =>
    expect(creditUnits([unit('u', 30, true, 20 * 60 + 59)])[0].credited).toBe(20));
  it('caps a complete unit at its planned minutes', () => {
    const [l] = creditUnits([unit('u', 30, true, 5 * 3600)]);
    expect(l.credited).toBe(30);
    expect(l.reason).toEqual({ key: 'capped', measured: 300, planned: 30 });
  });
  it('credits a complete unit with no measured time nothing', () =>
    expect(creditUnits([unit('u', 30, true, 0)])[0].credited).toBe(0));
});

describe('hoursLedger', () => {
  const base = {
    sessions: [session('a', 0, 120, 'present'), session('b', 24, 120, 'late', 100)],
    units: [unit('u1', 30, true, 40 * 60), unit('u2', 45, true, 20 * 60), unit('u3', 60, false, 600)],
  };
  it('adds live and self-paced time', () => {
    const l = hoursLedger({ ...base, adjustments: [] });
    expect(l.liveMinutes).toBe(220);
    expect(l.selfPacedMinutes).toBe(50);
    expect(l.totalMinutes).toBe(270);
    expect(l.adjustmentMinutes).toBe(0);
  });
  it('adds adjustments to their own kind', () => {
    const l = hoursLedger({
      ...base,
      adjustments: [
        { id: 'x', kind: 'live', minutes: 600, reason: 'Transfer from a partner program', at: 2 },
        { id: 'y', kind: 'self-paced', minutes: 30, reason: 'Reading packet', at: 1 },
      ],
    });
    expect(l.liveMinutes).toBe(820);
    expect(l.selfPacedMinutes).toBe(80);
    expect(l.adjustmentMinutes).toBe(630);
    expect(l.adjustments.map((a) => a.id)).toEqual(['y', 'x']);
  });
  it('lets a negative adjustment remove minutes but never below zero', () => {
    const l = hoursLedger({
      ...base,
      adjustments: [{ id: 'x', kind: 'live', minutes: -10_000, reason: 'Duplicate record', at: 1 }],
    });
    expect(l.liveMinutes).toBe(0);
    expect(l.totalMinutes).toBe(50);
    const m = hoursLedger({ ...base, adjustments: [{ id: 'x', kind: 'live', minutes: -20, reason: 'Left for a call', at: 1 }] });
    expect(m.liveMinutes).toBe(200);
  });
  it('is empty for a new trainee', () => {
    const l = hoursLedger({ sessions: [], units: [], adjustments: [] });
    expect([l.liveMinutes, l.selfPacedMinutes, l.totalMinutes]).toEqual([0, 0, 0]);
  });
});

describe('formatting', () => {
  it('formats hours', () => {
    expect(formatHours(4800)).toBe('80 h');
    expect(formatHours(750)).toBe('12 h 30 min');
    expect(formatHours(45)).toBe('45 min');
    expect(formatHours(0)).toBe('0 min');
    expect(formatHours(-120)).toBe('-2 h');
  });
  it('gives decimal hours for spreadsheets', () => {
    expect(decimalHours(90)).toBe(1.5);
    expect(decimalHours(20)).toBe(0.33);
  });
  it('computes a percent toward the total, at most 100', () => {
    expect(percentOf(2400, 4800)).toBe(50);
    expect(percentOf(4799, 4800)).toBe(99);
    expect(percentOf(9000, 4800)).toBe(100);
    expect(percentOf(-5, 4800)).toBe(0);
  });
});

describe('Pacific calendar', () => {
  it('gives the California day and time of an instant', () => {
    // 02:00 UTC on 21 November is still the evening of the 20th in California.
    expect(pacificDay(Date.UTC(2026, 10, 21, 2, 0))).toBe('2026-11-20');
    expect(pacificTimeOfDay(Date.UTC(2026, 10, 21, 2, 0))).toBe('18:00');
    expect(pacificTimeOfDay(Date.UTC(2026, 6, 1, 7, 5))).toBe('00:05');
  });
});
