import { describe, expect, it } from 'vitest';
import { pacificDayEnd, pacificDayStart, pacificIso, pacificIsoDate } from './dates';

describe('pacificDayEnd', () => {
  it('ends a winter day at 08:00 UTC the next day (PST)', () => {
    expect(new Date(pacificDayEnd('2026-12-01')).toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });
  it('ends a summer day at 07:00 UTC the next day (PDT)', () => {
    expect(new Date(pacificDayEnd('2026-07-01')).toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });
  it('handles the days the clocks change and month ends', () => {
    expect(new Date(pacificDayEnd('2026-03-08')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(new Date(pacificDayEnd('2026-11-01')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(new Date(pacificDayEnd('2026-12-31')).toISOString()).toBe('2027-01-01T08:00:00.000Z');
  });
  it('the last moment of the day is still that day in California', () => {
    for (const d of ['2026-01-15', '2026-03-08', '2026-07-01', '2026-11-01']) {
      expect(pacificIsoDate(pacificDayEnd(d) - 1)).toBe(d);
      expect(pacificIsoDate(pacificDayEnd(d))).not.toBe(d);
    }
  });
});

describe('pacificDayStart', () => {
  it('is the end of the day before, across month ends and clock changes', () => {
    expect(new Date(pacificDayStart('2026-12-01')).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(new Date(pacificDayStart('2027-01-01')).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(new Date(pacificDayStart('2026-03-09')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(pacificIsoDate(pacificDayStart('2026-03-08'))).toBe('2026-03-08');
  });
});

describe('pacificIso', () => {
  it('writes ISO 8601 in Pacific time with the offset of that day', () => {
    expect(pacificIso(Date.parse('2026-11-23T23:45:00Z'))).toBe('2026-11-23T15:45:00-08:00');
    expect(pacificIso(Date.parse('2026-07-04T07:05:09Z'))).toBe('2026-07-04T00:05:09-07:00');
    expect(pacificIso(null)).toBe('');
  });
});
