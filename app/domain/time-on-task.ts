// Time on task: how much of a reported interval may be credited to a trainee's unit. Pure: the
// caller reads the trainee's clock, asks here, and writes what comes back
// (docs/decisions/017-time-on-task.md).
//
// Two sources feed one ledger:
// - 'heartbeat': with JavaScript, the unit page reports active seconds (visible, with input in the
//   last few minutes) every so often and when it is left.
// - 'request': without JavaScript, the time between two page requests, credited to the unit page
//   that was open in between, capped.
// Whatever the source, credited intervals of one trainee never overlap: each starts no earlier than
// the end of the last one, across all units. So the total can never exceed the wall-clock time that
// passed, and two tabs on two units cannot count the same minute twice.

export type TimeSource = 'heartbeat' | 'request';

export interface TimeLimits {
  /** How often the page reports. */
  heartbeatSeconds: number;
  /** Allowance for a late timer or a slow network on top of one heartbeat. */
  slackSeconds: number;
  /** Without JavaScript: the most one gap between requests can credit. */
  requestGapCapSeconds: number;
  /**
   * Without JavaScript: a request for the page already open sooner than this after the last
   * counted one writes nothing; its time is counted from the earlier request at the next one, so
   * nothing is lost, and a reload storm costs no writes.
   */
  requestMinGapSeconds: number;
  /** With JavaScript: the page stops the clock after this long without input. */
  idleSeconds: number;
}

export const DEFAULT_TIME_LIMITS: TimeLimits = {
  heartbeatSeconds: 30,
  slackSeconds: 10,
  requestGapCapSeconds: 300,
  requestMinGapSeconds: 10,
  idleSeconds: 180,
};

/** The most one heartbeat may claim. */
export const maxHeartbeatSeconds = (limits: TimeLimits) => limits.heartbeatSeconds + limits.slackSeconds;

/** The unit page a trainee last requested. */
export interface PageView {
  course: string;
  unit: string;
  /** Server time of the request (epoch ms). */
  at: number;
  /** True once that page view has reported a heartbeat: its time then comes from heartbeats only. */
  js: boolean;
}

/** Per trainee, across all units and courses. */
export interface TimeClock {
  /** End of the latest credited interval (epoch ms); null before the first credit. */
  creditedUntil: number | null;
  page: PageView | null;
}

export interface CreditedInterval {
  course: string;
  unit: string;
  startedAt: number;
  endedAt: number;
  seconds: number;
  source: TimeSource;
}

export interface CreditDecision {
  /** What to add to the ledger; null when nothing may be credited. */
  interval: CreditedInterval | null;
  /** The clock to store. */
  clock: TimeClock;
  /** False when the clock is unchanged, so nothing needs writing. */
  changed: boolean;
}

export const EMPTY_CLOCK: TimeClock = { creditedUntil: null, page: null };

/**
 * Credits up to `claimedMs` ending at `now` to a unit, never before `creditedUntil` and never
 * for a clock that went backwards. Whole seconds only: the interval ends at its start plus its
 * seconds, so a leftover fraction stays available to the next credit instead of being lost.
 */
function credit(
  clock: TimeClock,
  target: { course: string; unit: string },
  claimedMs: number,
  now: number,
  source: TimeSource,
): CreditedInterval | null {
  if (!Number.isFinite(claimedMs) || !Number.isFinite(now) || claimedMs <= 0) return null;
  const start = Math.max(now - claimedMs, clock.creditedUntil ?? Number.NEGATIVE_INFINITY);
  const seconds = Math.floor((now - start) / 1000);
  if (seconds <= 0) return null;
  return { course: target.course, unit: target.unit, startedAt: start, endedAt: start + seconds * 1000, seconds, source };
}

const samePage = (p: PageView | null, course: string, unit: string) => p !== null && p.course === course && p.unit === unit;

/**
 * A heartbeat from a unit page: `activeSeconds` of visible, interacted-with time since the page's
 * previous heartbeat. Credits at most one heartbeat's worth (plus slack), and only the part after
 * the trainee's last credit. A heartbeat for the page view the server knows about marks it as
 * reporting, so its request gaps are not counted as well.
 */
export function decideHeartbeat(
  clock: TimeClock,
  beat: { course: string; unit: string; activeSeconds: number; now: number },
  limits: TimeLimits = DEFAULT_TIME_LIMITS,
): CreditDecision {
  const claimed = Math.min(Math.max(beat.activeSeconds, 0), maxHeartbeatSeconds(limits)) * 1000;
  const interval = credit(clock, beat, claimed, beat.now, 'heartbeat');
  const markPage = samePage(clock.page, beat.course, beat.unit) && !clock.page?.js;
  const page = markPage && clock.page ? { ...clock.page, js: true } : clock.page;
  return {
    interval,
    clock: { creditedUntil: interval ? interval.endedAt : clock.creditedUntil, page },
    changed: interval !== null || markPage,
  };
}

/**
 * A request for a unit page. Without JavaScript the only evidence of reading is the next request:
 * the gap since the previous unit page request is credited to that previous page (it is what was
 * on screen), capped, unless that page view reports heartbeats. Then this page becomes the open one.
 */
export function decideRequest(
  clock: TimeClock,
  req: { course: string; unit: string; now: number },
  limits: TimeLimits = DEFAULT_TIME_LIMITS,
): CreditDecision {
  const prev = clock.page;
  // The page already open: with JavaScript its heartbeats count its time; without, a quick
  // reload waits to be counted with the next request.
  if (prev && samePage(prev, req.course, req.unit)) {
    const gap = req.now - prev.at;
    if (prev.js || (gap >= 0 && gap < limits.requestMinGapSeconds * 1000)) return { interval: null, clock, changed: false };
  }
  let interval: CreditedInterval | null = null;
  if (prev && !prev.js && req.now > prev.at) {
    const gap = Math.min(req.now - prev.at, limits.requestGapCapSeconds * 1000);
    interval = credit(clock, prev, gap, req.now, 'request');
  }
  // NOTE: `at` is this request's time even when the server clock went backwards: the next gap is
  // then measured on the clock as it is now, and `creditedUntil` still stops any overlap.
  return {
    interval,
    clock: {
      creditedUntil: interval ? interval.endedAt : clock.creditedUntil,
      page: { course: req.course, unit: req.unit, at: req.now, js: false },
    },
    changed: true,
  };
}

/** "0 min", "under a minute", "12 min", "2 h 5 min": measured time, for people. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s === 0 ? '0 min' : 'under a minute';
  const minutes = Math.floor(s / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${m} min` : `${m} min`;
}

/** "7 h 45 min": planned (nominal) minutes, for people. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h ? `${h} h ${m} min` : `${m} min`;
}

/**
 * The page's own meter (with JavaScript), on a monotonic clock (performance.now()), so changing
 * the computer's clock changes nothing. Time counts only while the page is visible and within
 * `idleSeconds` of the last input; a late timer (a sleeping laptop) counts at most `METER_MAX_TICK_MS`.
 */
export interface ActivityMeter {
  activeMs: number;
  lastTick: number;
  lastInput: number;
  /** Time since the last report, active or not: when it reaches a heartbeat, the page reports. */
  sinceReportMs: number;
}

export const METER_MAX_TICK_MS = 5000;

/** Opening the page counts as input. */
export const startMeter = (now: number): ActivityMeter => ({ activeMs: 0, lastTick: now, lastInput: now, sinceReportMs: 0 });

export function meterTick(m: ActivityMeter, now: number, visible: boolean, idleSeconds: number): ActivityMeter {
  const elapsed = now - m.lastTick;
  if (!(elapsed > 0)) return { ...m, lastTick: Math.max(m.lastTick, now) };
  const activeUntil = Math.min(now, m.lastInput + idleSeconds * 1000);
  const add = visible ? Math.min(Math.max(activeUntil - m.lastTick, 0), METER_MAX_TICK_MS) : 0;
  return { ...m, activeMs: m.activeMs + add, lastTick: now, sinceReportMs: m.sinceReportMs + elapsed };
}

/** Input: the time up to it is settled under the previous input first, so an idle stretch never counts. */
export function meterInput(m: ActivityMeter, now: number, visible: boolean, idleSeconds: number): ActivityMeter {
  const settled = meterTick(m, now, visible, idleSeconds);
  return { ...settled, lastInput: Math.max(settled.lastInput, now) };
}

/** The page became visible again: nothing while hidden counts, and coming back is input. */
export const meterShown = (m: ActivityMeter, now: number): ActivityMeter => ({ ...m, lastTick: now, lastInput: now });

/** Whole seconds to report; the fraction stays for the next report. */
export function meterTake(m: ActivityMeter): { seconds: number; meter: ActivityMeter } {
  const seconds = Math.floor(m.activeMs / 1000);
  return { seconds, meter: { ...m, activeMs: m.activeMs - seconds * 1000, sinceReportMs: 0 } };
}
