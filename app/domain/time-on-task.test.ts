import { describe, expect, it } from 'vitest';
import {
  type CreditedInterval,
  DEFAULT_TIME_LIMITS,
  decideHeartbeat,
  decideRequest,
  EMPTY_CLOCK,
  formatDuration,
  formatMinutes,
  maxHeartbeatSeconds,
  meterInput,
  meterShown,
  meterTake,
  meterTick,
  startMeter,
  type TimeClock,
} from './time-on-task';

const T = 1_800_000_000_000;
const s = (n: number) => n * 1000;
const beat = (unit: string, activeSeconds: number, now: number, course = 'c') => ({ course, unit, activeSeconds, now });
const req = (unit: string, now: number, course = 'c') => ({ course, unit, now });

describe('decideHeartbeat', () => {
  it('credits the active seconds claimed, ending now', () => {
    const d = decideHeartbeat(EMPTY_CLOCK, beat('a', 30, T));
    expect(d.interval).toEqual({ course: 'c', unit: 'a', startedAt: T - s(30), endedAt: T, seconds: 30, source: 'heartbeat' });
    expect(d.clock.creditedUntil).toBe(T);
    expect(d.changed).toBe(true);
  });
  it('caps one heartbeat at the interval plus slack', () => {
    expect(maxHeartbeatSeconds(DEFAULT_TIME_LIMITS)).toBe(40);
    expect(decideHeartbeat(EMPTY_CLOCK, beat('a', 3600, T)).interval?.seconds).toBe(40);
    const short = { ...DEFAULT_TIME_LIMITS, heartbeatSeconds: 2, slackSeconds: 1 };
    expect(decideHeartbeat(EMPTY_CLOCK, beat('a', 30, T), short).interval?.seconds).toBe(3);
  });
  it('never credits more than the wall clock since the last credit', () => {
    const first = decideHeartbeat(EMPTY_CLOCK, beat('a', 30, T));
    const second = decideHeartbeat(first.clock, beat('a', 30, T + s(10)));
    expect(second.interval?.seconds).toBe(10);
    expect(second.interval?.startedAt).toBe(T);
  });
  it('does not count the same time twice for two tabs on two units', () => {
    const a = decideHeartbeat(EMPTY_CLOCK, beat('a', 30, T));
    const b = decideHeartbeat(a.clock, beat('b', 30, T + s(5)));
    expect(b.interval).toMatchObject({ unit: 'b', seconds: 5 });
    // Or across courses.
    const other = decideHeartbeat(b.clock, beat('x', 30, T + s(5), 'other'));
    expect(other.interval).toBeNull();
  });
  it('credits nothing for zero, negative or unreadable claims', () => {
    for (const active of [0, -5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(decideHeartbeat(EMPTY_CLOCK, beat('a', active, T)).interval).toBeNull();
    }
    expect(decideHeartbeat(EMPTY_CLOCK, beat('a', 0.9, T)).interval).toBeNull();
  });
  it('credits nothing when the server clock went backwards, and keeps the later mark', () => {
    const first = decideHeartbeat(EMPTY_CLOCK, beat('a', 30, T));
    const back = decideHeartbeat(first.clock, beat('a', 30, T - s(60)));
    expect(back.interval).toBeNull();
    expect(back.clock.creditedUntil).toBe(T);
    // Once the clock passes the mark again, only the time after it counts.
    expect(decideHeartbeat(back.clock, beat('a', 30, T + s(3))).interval?.seconds).toBe(3);
  });
  it('keeps the fraction of a second for the next credit instead of losing it', () => {
    const clock: TimeClock = { creditedUntil: T, page: null };
    const d = decideHeartbeat(clock, beat('a', 30, T + 1700));
    expect(d.interval).toMatchObject({ startedAt: T, endedAt: T + 1000, seconds: 1 });
    const next = decideHeartbeat(d.clock, beat('a', 30, T + 2400));
    expect(next.interval).toMatchObject({ startedAt: T + 1000, seconds: 1 });
  });
  it('marks the open page view as reporting, only when it is the same unit', () => {
    const open: TimeClock = { creditedUntil: null, page: { course: 'c', unit: 'a', at: T, js: false } };
    const same = decideHeartbeat(open, beat('a', 0, T + 1));
    expect(same).toMatchObject({ interval: null, changed: true });
    expect(same.clock.page?.js).toBe(true);
    const other = decideHeartbeat(open, beat('b', 0, T + 1));
    expect(other).toMatchObject({ interval: null, changed: false });
    expect(other.clock.page?.js).toBe(false);
    expect(decideHeartbeat(same.clock, beat('a', 0, T + 2)).changed).toBe(false);
  });
});

describe('decideRequest (without JavaScript)', () => {
  it('opens a page view on the first request, crediting nothing', () => {
    const d = decideRequest(EMPTY_CLOCK, req('a', T));
    expect(d).toMatchObject({ interval: null, changed: true, clock: { page: { unit: 'a', at: T, js: false } } });
  });
  it('credits the gap between two requests on a unit', () => {
    const first = decideRequest(EMPTY_CLOCK, req('a', T));
    const second = decideRequest(first.clock, req('a', T + s(90)));
    expect(second.interval).toEqual({
      course: 'c',
      unit: 'a',
      startedAt: T,
      endedAt: T + s(90),
      seconds: 90,
      source: 'request',
    });
  });
  it('caps a gap at a few minutes', () => {
    const first = decideRequest(EMPTY_CLOCK, req('a', T));
    expect(decideRequest(first.clock, req('a', T + s(7200))).interval?.seconds).toBe(300);
    const short = { ...DEFAULT_TIME_LIMITS, requestGapCapSeconds: 60 };
    expect(decideRequest(first.clock, req('a', T + s(90)), short).interval?.seconds).toBe(60);
  });
  it('credits the gap to the unit that was open, not the one requested next', () => {
    const first = decideRequest(EMPTY_CLOCK, req('a', T));
    const next = decideRequest(first.clock, req('b', T + s(120)));
    expect(next.interval).toMatchObject({ unit: 'a', seconds: 120 });
    expect(next.clock.page).toMatchObject({ unit: 'b', at: T + s(120) });
  });
  it('does not count a page view that reports heartbeats, while it stays open', () => {
    const open = decideRequest(EMPTY_CLOCK, req('a', T));
    const reporting = decideHeartbeat(open.clock, beat('a', 0, T + 100));
    const again = decideRequest(reporting.clock, req('a', T + s(200)));
    expect(again).toMatchObject({ interval: null, changed: false });
    expect(again.clock.page?.js).toBe(true);
    const moved = decideRequest(again.clock, req('b', T + s(210)));
    expect(moved.interval).toBeNull();
    expect(moved.clock.page).toMatchObject({ unit: 'b', js: false });
  });
  it('never overlaps time already credited by a heartbeat', () => {
    const open = decideRequest(EMPTY_CLOCK, req('a', T));
    // Another tab's heartbeat on b credited the last 40 s.
    const hb = decideHeartbeat(open.clock, beat('b', 40, T + s(100)));
    const next = decideRequest(hb.clock, req('a', T + s(110)));
    expect(next.interval).toMatchObject({ unit: 'a', startedAt: T + s(100), seconds: 10 });
  });
  it('credits nothing when the server clock went backwards between requests', () => {
    const open = decideRequest(EMPTY_CLOCK, req('a', T));
    const back = decideRequest(open.clock, req('a', T - s(600)));
    expect(back.interval).toBeNull();
    expect(back.clock.page?.at).toBe(T - s(600));
    // The next gap is measured on the clock as it now runs.
    expect(decideRequest(back.clock, req('a', T - s(540))).interval?.seconds).toBe(60);
  });
  it('writes nothing for a quick reload, and counts its time at the next request instead', () => {
    const open = decideRequest(EMPTY_CLOCK, req('a', T));
    expect(decideRequest(open.clock, req('a', T)).changed).toBe(false);
    const reload = decideRequest(open.clock, req('a', T + s(9)));
    expect(reload).toMatchObject({ interval: null, changed: false, clock: open.clock });
    expect(decideRequest(reload.clock, req('a', T + s(25))).interval).toMatchObject({ startedAt: T, seconds: 25 });
    // Moving to another unit is always recorded, however soon.
    expect(decideRequest(open.clock, req('b', T + s(2))).interval).toMatchObject({ unit: 'a', seconds: 2 });
  });
});

describe('the ledger as a whole', () => {
  it('never credits more than the wall clock allows, whatever arrives in whatever order', () => {
    // A seeded pseudo-random mix of heartbeats and requests on three units, some out of order.
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 50; run++) {
      let clock = EMPTY_CLOCK;
      let now = T;
      const credited: CreditedInterval[] = [];
      for (let i = 0; i < 200; i++) {
        now += Math.floor((rand() - 0.1) * 60_000);
        const unit = ['a', 'b', 'c'][Math.floor(rand() * 3)];
        const d =
          rand() < 0.6 ? decideHeartbeat(clock, beat(unit, rand() * 100 - 10, now)) : decideRequest(clock, req(unit, now));
        if (d.interval) credited.push(d.interval);
        clock = d.clock;
      }
      const sorted = [...credited].sort((x, y) => x.startedAt - y.startedAt);
      const overlaps = sorted.filter((c, i) => i > 0 && c.startedAt < sorted[i - 1].endedAt);
      const malformed = credited.filter((c) => c.seconds <= 0 || c.endedAt - c.startedAt !== c.seconds * 1000);
      expect({ overlaps, malformed }).toEqual({ overlaps: [], malformed: [] });
      expect(credited.length).toBeGreaterThan(20);
      const span = sorted[sorted.length - 1].endedAt - sorted[0].startedAt;
      expect(credited.reduce((sum, c) => sum + c.seconds * 1000, 0)).toBeLessThanOrEqual(span);
    }
  });
});

describe('the page meter (with JavaScript)', () => {
  const idle = 180;
  it('counts visible time after input', () => {
    let m = startMeter(0);
    for (let t = 1000; t <= 30_000; t += 1000) m = meterTick(m, t, true, idle);
    expect(m.activeMs).toBe(30_000);
    expect(m.sinceReportMs).toBe(30_000);
  });
  it('stops the clock after a few minutes without input, and input starts it again', () => {
    let m = startMeter(0);
    for (let t = 1000; t <= 600_000; t += 1000) m = meterTick(m, t, true, idle);
    expect(m.activeMs).toBe(180_000);
    m = meterInput(m, 600_500, true, idle);
    m = meterTick(m, 601_000, true, idle);
    expect(m.activeMs).toBe(180_500);
  });
  it('does not count a hidden tab, and coming back counts as input', () => {
    let m = startMeter(0);
    m = meterTick(m, 10_000, true, idle);
    for (let t = 11_000; t <= 100_000; t += 1000) m = meterTick(m, t, false, idle);
    expect(m.activeMs).toBe(5000);
    m = meterShown(m, 400_000);
    m = meterTick(m, 401_000, true, idle);
    expect(m.activeMs).toBe(6000);
  });
  it('caps a timer that fires late, after the computer slept', () => {
    let m = startMeter(0);
    m = meterTick(m, 60_000, true, idle);
    expect(m.activeMs).toBe(5000);
  });
  it('ignores a clock that runs backwards', () => {
    let m = startMeter(10_000);
    m = meterTick(m, 5_000, true, idle);
    expect(m).toMatchObject({ activeMs: 0, lastTick: 10_000 });
    m = meterInput(m, 2_000, true, idle);
    expect(m.lastInput).toBe(10_000);
  });
  it('reports whole seconds and keeps the fraction', () => {
    let m = startMeter(0);
    m = meterTick(m, 2500, true, idle);
    const taken = meterTake(m);
    expect(taken.seconds).toBe(2);
    expect(taken.meter).toMatchObject({ activeMs: 500, sinceReportMs: 0 });
  });
});

describe('formatting', () => {
  it('names measured and planned time plainly', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(19)).toBe('under a minute');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3600 + 5 * 60 + 59)).toBe('1 h 5 min');
    expect(formatMinutes(465)).toBe('7 h 45 min');
    expect(formatMinutes(25)).toBe('25 min');
  });
});
