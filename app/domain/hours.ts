// The hours ledger (docs/decisions/022-training-hours-ledger.md): what a trainee's training
// hours toward a course are made of, and why each line counts as much as it does. Pure: rows in,
// a ledger out. All amounts are whole minutes.

export const ATTENDANCE_STATUSES = ['present', 'late', 'left-early', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** Statuses whose minutes are what the trainer entered (the others are all or nothing). */
export const PARTIAL_STATUSES: readonly AttendanceStatus[] = ['late', 'left-early'];

export const ADJUSTMENT_KINDS = ['live', 'self-paced'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export interface LedgerSession {
  id: string;
  title: string;
  startsAt: number;
  durationMinutes: number;
  makeup: boolean;
  /** null = no attendance taken for this trainee. */
  status: AttendanceStatus | null;
  minutes: number | null;
}

export interface LedgerUnit {
  slug: string;
  title: string;
  plannedMinutes: number;
  complete: boolean;
  measuredSeconds: number;
}

export interface LedgerAdjustment {
  id: string;
  kind: AdjustmentKind;
  /** Signed: a negative adjustment removes minutes. */
  minutes: number;
  reason: string;
  at: number;
}

/** Why a line counts what it does, as a key and numbers, for pages to put in their own words. */
export type SessionReason =
  | { key: 'none' | 'absent' | 'excused' }
  | { key: 'present'; raw: number }
  | { key: 'late' | 'left-early'; raw: number; entered: number; capped: boolean };
export type UnitReason =
  | { key: 'incomplete'; measured: number }
  | { key: 'capped' | 'measured'; measured: number; planned: number };

export interface SessionLine extends LedgerSession {
  credited: number;
  reason: SessionReason;
  /** Set when an overlap with an earlier session cut what this one counts. */
  overlapFresh: number | null;
}
export interface UnitLine extends LedgerUnit {
  credited: number;
  reason: UnitReason;
}

export interface Ledger {
  sessions: SessionLine[];
  units: UnitLine[];
  adjustments: LedgerAdjustment[];
  /** Live minutes: sessions plus live adjustments, never below 0. */
  liveMinutes: number;
  /** Self-paced minutes: units plus self-paced adjustments, never below 0. */
  selfPacedMinutes: number;
  /** The adjustments' net effect, for display and for the completion record. */
  adjustmentMinutes: number;
  totalMinutes: number;
}

const MINUTE = 60_000;

/** Minutes one attendance mark is worth before overlaps: never more than the session lasted. */
export function attendanceMinutes(status: AttendanceStatus | null, minutes: number | null, durationMinutes: number): number {
  const duration = Math.max(0, Math.floor(durationMinutes));
  switch (status) {
    case 'present':
      return duration;
    case 'late':
    case 'left-early':
      return Math.min(duration, Math.max(0, Math.floor(minutes ?? 0)));
    default:
      return 0;
  }
}

function sessionReason(s: LedgerSession, raw: number): SessionReason {
  switch (s.status) {
    case null:
      return { key: 'none' };
    case 'absent':
    case 'excused':
      return { key: s.status };
    case 'present':
      return { key: 'present', raw };
    default: {
      const entered = Math.max(0, Math.floor(s.minutes ?? 0));
      return { key: s.status, raw, entered, capped: entered > raw };
    }
  }
}

/**
 * Live minutes per session. A session counts what its attendance mark is worth, capped at its
 * length; sessions whose scheduled times overlap (a make-up held while another session ran) are
 * credited at most the time their union spans, the earlier session first, so nobody gets two
 * hours for one hour in two rooms.
 */
export function creditSessions(sessions: LedgerSession[]): SessionLine[] {
  const ordered = [...sessions].sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  const lines: SessionLine[] = [];
  // Within a cluster of overlapping sessions: the time span already credited, as [from, to).
  let clusterEnd = Number.NEGATIVE_INFINITY;
  let creditedUntil = Number.NEGATIVE_INFINITY;
  for (const s of ordered) {
    const raw = attendanceMinutes(s.status, s.minutes, s.durationMinutes);
    const start = s.startsAt;
    const end = s.startsAt + Math.max(0, s.durationMinutes) * MINUTE;
    let credited = raw;
    let overlapFresh: number | null = null;
    if (start < clusterEnd && raw > 0) {
      // The part of this session's window not already covered by earlier attended sessions.
      const fresh = Math.max(0, Math.floor((end - Math.max(start, creditedUntil)) / MINUTE));
      if (fresh < raw) {
        credited = fresh;
        overlapFresh = fresh;
      }
    }
    if (start >= clusterEnd) creditedUntil = Number.NEGATIVE_INFINITY;
    clusterEnd = Math.max(clusterEnd, end);
    if (credited > 0) creditedUntil = Math.max(creditedUntil, end);
    lines.push({ ...s, credited, reason: sessionReason(s, raw), overlapFresh });
  }
  return lines;
}

/** Self-paced minutes per unit: measured time on task, credited up to the planned minutes, once complete. */
export function creditUnits(units: LedgerUnit[]): UnitLine[] {
  return units.map((u) => {
    const measured = Math.max(0, Math.floor(u.measuredSeconds / 60));
    const planned = Math.max(0, Math.floor(u.plannedMinutes));
    if (!u.complete) {
      return {
        ...u,
        credited: 0,
        reason: { key: 'incomplete', measured },
      };
    }
    if (measured > planned)
      return {
        ...u,
        credited: planned,
        reason: { key: 'capped', measured, planned },
      };
    return {
      ...u,
      credited: measured,
      reason: { key: 'measured', measured, planned },
    };
  });
}

export function hoursLedger(input: { sessions: LedgerSession[]; units: LedgerUnit[]; adjustments: LedgerAdjustment[] }): Ledger {
  const sessions = creditSessions(input.sessions);
  const units = creditUnits(input.units);
  const sum = (xs: { credited: number }[]) => xs.reduce((s, x) => s + x.credited, 0);
  const adjust = (kind: AdjustmentKind) =>
    input.adjustments.filter((a) => a.kind === kind).reduce((s, a) => s + Math.trunc(a.minutes), 0);
  const liveMinutes = Math.max(0, sum(sessions) + adjust('live'));
  const selfPacedMinutes = Math.max(0, sum(units) + adjust('self-paced'));
  return {
    sessions,
    units,
    adjustments: [...input.adjustments].sort((a, b) => a.at - b.at),
    liveMinutes,
    selfPacedMinutes,
    adjustmentMinutes: adjust('live') + adjust('self-paced'),
    totalMinutes: liveMinutes + selfPacedMinutes,
  };
}

/** Whole percent toward a required total, at most 100. */
export function percentOf(minutes: number, requiredMinutes: number): number {
  if (requiredMinutes <= 0) return 100;
  return Math.min(100, Math.floor((Math.max(0, minutes) / requiredMinutes) * 100));
}

/** "80 h", "12 h 30 min", "45 min", "-2 h": an amount of training time, for people. */
export function formatHours(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.trunc(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (!h) return `${sign}${rest} min`;
  return rest ? `${sign}${h} h ${rest} min` : `${sign}${h} h`;
}

/** Hours with two decimals for spreadsheets (CSV): 90 min -> 1.5. */
export const decimalHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** "2026-11-20": the calendar day in California of an instant. */
export const pacificDay = (ms: number) => dayFormat.format(ms);

const timeOfDayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/Los_Angeles',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** "18:00": the time of day in California of an instant (for a time input's value). */
export const pacificTimeOfDay = (ms: number) => timeOfDayFormat.format(ms);
