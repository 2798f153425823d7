import { describe, expect, it } from 'vitest';
import { addDays, isDue, LADDER, nextReview, pacificDay, type ReviewState } from './review-schedule';

const at = (iso: string) => Date.parse(iso);

describe('pacificDay', () => {
  it('turns at midnight Pacific, not UTC', () => {
    // 07:59 UTC on 15 Jan is 23:59 PST on 14 Jan; 08:00 UTC is midnight.
    expect(pacificDay(at('2026-01-15T07:59:59Z'))).toBe('2026-01-14');
    expect(pacificDay(at('2026-01-15T08:00:00Z'))).toBe('2026-01-15');
    // In summer (PDT, UTC-7) the day turns at 07:00 UTC.
    expect(pacificDay(at('2026-07-15T06:59:59Z'))).toBe('2026-07-14');
    expect(pacificDay(at('2026-07-15T07:00:00Z'))).toBe('2026-07-15');
  });
  it('handles the DST changes: the 23-hour and the 25-hour day', () => {
    // 8 Mar 2026: clocks spring forward at 2:00 PST. Midnight that day is 08:00 UTC; the next midnight is 07:00 UTC.
    expect(pacificDay(at('2026-03-08T08:00:00Z'))).toBe('2026-03-08');
    expect(pacificDay(at('2026-03-09T06:59:59Z'))).toBe('2026-03-08');
    expect(pacificDay(at('2026-03-09T07:00:00Z'))).toBe('2026-03-09');
    // 1 Nov 2026: clocks fall back at 2:00 PDT; 1 Nov lasts from 07:00 UTC to 08:00 UTC on 2 Nov.
    expect(pacificDay(at('2026-11-01T07:00:00Z'))).toBe('2026-11-01');
    expect(pacificDay(at('2026-11-02T07:59:59Z'))).toBe('2026-11-01');
    expect(pacificDay(at('2026-11-02T08:00:00Z'))).toBe('2026-11-02');
  });
});

describe('addDays', () => {
  it('is calendar arithmetic across months, years and DST', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-07', 3)).toBe('2026-03-10');
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('nextReview', () => {
  it('schedules a missed item for tomorrow, Pacific time', () => {
    // Missed at 11:30 PM Pacific on 7 Mar (07:30 UTC on 8 Mar): due on 8 Mar, not 9 Mar.
    const today = pacificDay(at('2026-03-08T07:30:00Z'));
    expect(nextReview(undefined, false, today)).toEqual({ step: 0, dueDay: '2026-03-08', topStreak: 0, retired: false });
  });
  it('climbs the ladder 1, 3, 7, 21 days on right answers to due reviews', () => {
    let s = nextReview(undefined, false, '2026-01-01') as ReviewState;
    const gaps: number[] = [];
    let day = '2026-01-01';
    for (let i = 0; i < 4; i++) {
      day = s.dueDay;
      s = nextReview(s, true, day) as ReviewState;
      gaps.push((Date.parse(s.dueDay) - Date.parse(day)) / 86_400_000);
    }
    expect(LADDER).toEqual([1, 3, 7, 21]);
    expect(gaps).toEqual([3, 7, 21, 21]);
    expect(s).toMatchObject({ step: 3, topStreak: 1, retired: false });
  });
  it('retires an item answered right twice in a row at the longest interval', () => {
    let s: ReviewState = { step: 3, dueDay: '2026-02-01', topStreak: 0, retired: false };
    s = nextReview(s, true, '2026-02-01') as ReviewState;
    expect(s).toMatchObject({ retired: false, topStreak: 1, dueDay: '2026-02-22' });
    s = nextReview(s, true, '2026-02-23') as ReviewState;
    expect(s.retired).toBe(true);
    expect(isDue(s, '2030-01-01')).toBe(false);
    // A wrong answer in between starts the count again.
    let t: ReviewState = { step: 3, dueDay: '2026-02-01', topStreak: 1, retired: false };
    t = nextReview(t, false, '2026-02-01') as ReviewState;
    expect(t).toEqual({ step: 0, dueDay: '2026-02-02', topStreak: 0, retired: false });
  });
  it('a wrong answer resets to the first rung; a right answer before the due day changes nothing', () => {
    const s: ReviewState = { step: 2, dueDay: '2026-02-10', topStreak: 0, retired: false };
    expect(nextReview(s, true, '2026-02-09')).toEqual(s);
    expect(nextReview(s, false, '2026-02-09')).toEqual({ step: 0, dueDay: '2026-02-10', topStreak: 0, retired: false });
    expect(nextReview(undefined, true, '2026-02-09')).toBeUndefined();
  });
  it('a retired item missed again comes back from the first rung', () => {
    const s: ReviewState = { step: 3, dueDay: '2026-02-10', topStreak: 2, retired: true };
    expect(nextReview(s, true, '2026-03-01')).toEqual(s);
    expect(nextReview(s, false, '2026-03-01')).toEqual({ step: 0, dueDay: '2026-03-02', topStreak: 0, retired: false });
  });
  it('is due on its day and after, in Pacific days', () => {
    const s: ReviewState = { step: 0, dueDay: '2026-03-09', topStreak: 0, retired: false };
    expect(isDue(s, '2026-03-08')).toBe(false);
    expect(isDue(s, '2026-03-09')).toBe(true);
    expect(isDue(s, '2026-03-12')).toBe(true);
    expect(isDue(undefined, '2026-03-12')).toBe(false);
    // 06:30 UTC on 9 Mar is still 8 Mar in California (PST ended at 2 AM on 8 Mar, so PDT: 11:30 PM).
    expect(isDue(s, pacificDay(Date.parse('2026-03-09T06:30:00Z')))).toBe(false);
    expect(isDue(s, pacificDay(Date.parse('2026-03-09T07:00:00Z')))).toBe(true);
  });
});
