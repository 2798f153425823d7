import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  digestCutoff,
  mailPlan,
  pacificToEpoch,
  pacificWall,
  parsePacificLocal,
  readPreferences,
} from './notifications';

describe('mail preferences', () => {
  it('fall back to the defaults for anything missing or unreadable', () => {
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences('not json')).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences('[1]')).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences('{"result":"daily","announcement":"loud","certificate":"never","account":"never"}')).toEqual({
      result: 'daily',
      announcement: 'each',
      certificate: 'never',
    });
  });
  it('account notices always go by their own mail; others follow the preference when the address may get mail', () => {
    const prefs = { ...DEFAULT_PREFERENCES, result: 'daily' as const };
    expect(mailPlan('account', prefs, false)).toBe('separate');
    expect(mailPlan('result', prefs, true)).toBe('daily');
    expect(mailPlan('announcement', prefs, true)).toBe('each');
    expect(mailPlan('announcement', prefs, false)).toBe('never');
  });
});

describe('Pacific time', () => {
  it('converts wall time to instants in winter and summer', () => {
    expect(pacificToEpoch(2026, 1, 15, 9, 30)).toBe(Date.UTC(2026, 0, 15, 17, 30));
    expect(pacificToEpoch(2026, 7, 15, 9, 30)).toBe(Date.UTC(2026, 6, 15, 16, 30));
    expect(pacificWall(Date.UTC(2026, 6, 15, 16, 30))).toMatchObject({ year: 2026, month: 7, day: 15, hour: 9, minute: 30 });
  });
  it('handles the days the clocks change', () => {
    // 2026-03-08: 02:00 PST jumps to 03:00 PDT; 2026-11-01: 02:00 PDT falls back to 01:00 PST.
    expect(pacificToEpoch(2026, 3, 8, 0, 0)).toBe(Date.UTC(2026, 2, 8, 8, 0));
    expect(pacificToEpoch(2026, 3, 8, 12, 0)).toBe(Date.UTC(2026, 2, 8, 19, 0));
    expect(pacificToEpoch(2026, 11, 1, 12, 0)).toBe(Date.UTC(2026, 10, 1, 20, 0));
  });
  it('reads datetime-local values and refuses impossible ones', () => {
    expect(parsePacificLocal('2026-12-01T09:30')).toBe(Date.UTC(2026, 11, 1, 17, 30));
    expect(parsePacificLocal('2026-02-30T09:30')).toBeNull();
    expect(parsePacificLocal('2026-13-01T09:30')).toBeNull();
    expect(parsePacificLocal('tomorrow')).toBeNull();
    expect(parsePacificLocal('2026-12-01T09:30:00Z')).toBeNull();
  });
  it('sends digests from 7 am Pacific, collecting what waited before that midnight', () => {
    // 6:59 am PST on Dec 2: not yet.
    expect(digestCutoff(Date.UTC(2026, 11, 2, 14, 59))).toBeNull();
    // 7:00 am PST on Dec 2: everything before midnight Dec 2 Pacific (08:00 UTC).
    expect(digestCutoff(Date.UTC(2026, 11, 2, 15, 0))).toBe(Date.UTC(2026, 11, 2, 8, 0));
    // 11 pm Pacific the same day: the same cutoff (one digest a day).
    expect(digestCutoff(Date.UTC(2026, 11, 3, 7, 0))).toBe(Date.UTC(2026, 11, 2, 8, 0));
    // Summer: midnight PDT is 07:00 UTC.
    expect(digestCutoff(Date.UTC(2026, 6, 2, 15, 0))).toBe(Date.UTC(2026, 6, 2, 7, 0));
  });
});
