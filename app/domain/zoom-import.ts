import { parse } from 'csv-parse/sync';
import type { AttendanceStatus } from './hours';
import type { Said } from './said';

// Reads a Zoom participant report (CSV) into proposed attendance for one session: rows are
// matched to the group's trainees by email (or, for a row with no email, by a name that fits
// exactly one trainee), a person's several joins are summed as the union of their intervals so
// overlapping or duplicated rows never count twice, and every row that fits nobody is listed.
// Pure: text in, a proposal out; the trainer sees it and saves it (or not) as attendance.
// Every word for the trainer is a catalogue id with its values (ZoomSaid), translated by the page.

/** What the import says: an unreadable file, a row it could not use, or how a proposal was worked out. */
export type ZoomSaid =
  | Said<'trainer.zoom.unreadable' | 'trainer.zoom.noColumns' | 'trainer.zoom.notTrainee', undefined>
  | Said<'trainer.zoom.noEmailNoName' | 'trainer.zoom.noEmailManyNames', undefined>
  | Said<'trainer.zoom.notInReport' | 'trainer.zoom.durationOnly' | 'trainer.zoom.byName', undefined>
  | Required<Said<'trainer.zoom.unreadableNear', { line: number }>>
  | Required<Said<'trainer.zoom.badJoin' | 'trainer.zoom.badLeave', { line: number; text: string }>>
  | Required<Said<'trainer.zoom.joins', { count: number }>>
  | Required<Said<'trainer.zoom.capped', { minutes: number; duration: number }>>;

export interface ImportTrainee {
  id: string;
  name: string;
  email: string;
}

export interface ProposedAttendance {
  userId: string;
  name: string;
  status: AttendanceStatus;
  minutes: number;
  /** Report rows that were this person's. */
  rows: number;
  /** How the proposal was worked out, in sentences to be shown one after another. */
  note: ZoomSaid[];
}

export interface UnmatchedRow {
  line: number;
  name: string;
  email: string;
  minutes: number | null;
  reason: ZoomSaid;
}

export type ZoomImport =
  | { ok: true; proposals: ProposedAttendance[]; unmatched: UnmatchedRow[]; problems: ZoomSaid[]; rowsRead: number }
  | { ok: false; error: ZoomSaid };

const TZ = 'America/Los_Angeles';
const MINUTE = 60_000;
/** Minutes short of the full session that still count as present (a slow start, a dropped call). */
export const PRESENT_GRACE_MINUTES = 5;

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Pacific time is from UTC at an instant, in ms (negative: behind). */
function pacificOffset(ms: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(ms).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return asUtc - (ms - (ms % 1000));
}

/** A wall-clock time in California as an instant (epoch ms); NaN when the fields are out of range. */
export function pacificToEpoch(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return Number.NaN;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - pacificOffset(guess);
  return guess - pacificOffset(first);
}

/**
 * A time as Zoom or a spreadsheet writes it, read as Pacific time unless it names its zone:
 * "11/20/2026 06:02:13 PM", "11/20/2026 18:02", "2026-11-20 18:02:13", ISO with an offset, or an
 * Excel serial day number like 46346.7515 (what a report re-saved from Excel can hold).
 */
export function parseReportTime(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : ms;
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return finite(pacificToEpoch(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(t);
  if (m) {
    let hour = +m[4];
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm === 'PM' ? 12 : 0);
    }
    const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    return finite(pacificToEpoch(year, +m[1], +m[2], hour, +m[5], +(m[6] ?? 0)));
  }
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    // Excel's day 0 is 1899-12-30; the fraction is the time of day, in the sheet's (Pacific) time.
    const serial = Number(t);
    const days = Math.floor(serial);
    const secondsOfDay = Math.round((serial - days) * 86_400);
    const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
    return finite(
      pacificToEpoch(
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        Math.floor(secondsOfDay / 3600),
        Math.floor((secondsOfDay % 3600) / 60),
        secondsOfDay % 60,
      ),
    );
  }
  return null;
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** Total length of a set of intervals, each counted once however they overlap. */
export function unionMs(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const [a, b] of sorted) {
    if (a > to) {
      if (to > from) total += to - from;
      from = a;
      to = b;
    } else if (b > to) to = b;
  }
  if (to > from) total += to - from;
  return total;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function findColumns(header: string[]) {
  const at = (re: RegExp) => header.findIndex((h) => re.test(h.trim()));
  return {
    name: at(/^(name|participant name|display name|user name)\b/i),
    email: at(/e-?mail/i),
    join: at(/join/i),
    leave: at(/leave/i),
    duration: at(/duration/i),
  };
}

interface ReportRow {
  line: number;
  name: string;
  email: string;
  join: number | null;
  leave: number | null;
  durationMinutes: number | null;
}

export function importZoomReport(
  text: string,
  session: { startsAt: number; durationMinutes: number },
  trainees: ImportTrainee[],
): ZoomImport {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    const line = e && typeof e === 'object' && 'lines' in e ? Number((e as { lines: unknown }).lines) : Number.NaN;
    return {
      ok: false,
      error: Number.isFinite(line)
        ? { code: 'trainer.zoom.unreadableNear', values: { line } }
        : { code: 'trainer.zoom.unreadable' },
    };
  }
  // A Zoom report may open with a meeting summary block (Topic, Start Time, ...): the
  // participants' header is the first row naming a person column and a join or duration column.
  const headerIndex = records.findIndex((r) => {
    const c = findColumns(r);
    return c.name >= 0 && (c.join >= 0 || c.duration >= 0);
  });
  if (headerIndex < 0) return { ok: false, error: { code: 'trainer.zoom.noColumns' } };
  const cols = findColumns(records[headerIndex]);
  const problems: ZoomSaid[] = [];
  const rows: ReportRow[] = [];
  records.slice(headerIndex + 1).forEach((r, i) => {
    const line = headerIndex + i + 2;
    const cell = (n: number) => (n >= 0 ? (r[n] ?? '').trim() : '');
    if (r.every((c) => c.trim() === '')) return;
    const joinText = cell(cols.join);
    const leaveText = cell(cols.leave);
    const join = parseReportTime(joinText);
    const leave = parseReportTime(leaveText);
    if (joinText && join === null) problems.push({ code: 'trainer.zoom.badJoin', values: { line, text: joinText } });
    if (leaveText && leave === null) problems.push({ code: 'trainer.zoom.badLeave', values: { line, text: leaveText } });
    const durationText = cell(cols.duration);
    const duration = /^\d+(\.\d+)?$/.test(durationText) ? Math.floor(Number(durationText)) : null;
    const email = cell(cols.email).toLowerCase();
    rows.push({ line, name: cell(cols.name), email: email.includes('@') ? email : '', join, leave, durationMinutes: duration });
  });

  const byEmail = new Map(trainees.map((t) => [norm(t.email), t]));
  const byName = new Map<string, ImportTrainee[]>();
  for (const t of trainees) byName.set(norm(t.name), [...(byName.get(norm(t.name)) ?? []), t]);
  const matched = new Map<string, { trainee: ImportTrainee; rows: ReportRow[]; byName: boolean }>();
  const unmatched: UnmatchedRow[] = [];
  for (const row of rows) {
    let trainee: ImportTrainee | undefined;
    let viaName = false;
    let reason: ZoomSaid = { code: 'trainer.zoom.notTrainee' };
    if (row.email) {
      trainee = byEmail.get(norm(row.email));
    } else {
      // "Name (Original Name)": Zoom puts the name the person signed in with in parentheses.
      const names = [row.name, /\(([^)]+)\)\s*$/.exec(row.name)?.[1] ?? '', row.name.replace(/\s*\([^)]*\)\s*$/, '')];
      const candidates = new Set(names.filter(Boolean).flatMap((n) => byName.get(norm(n)) ?? []));
      if (candidates.size === 1) {
        trainee = [...candidates][0];
        viaName = true;
      } else reason = { code: candidates.size > 1 ? 'trainer.zoom.noEmailManyNames' : 'trainer.zoom.noEmailNoName' };
    }
    if (!trainee) {
      unmatched.push({ line: row.line, name: row.name, email: row.email, minutes: rowMinutes(row), reason });
      continue;
    }
    const entry = matched.get(trainee.id) ?? { trainee, rows: [], byName: false };
    entry.rows.push(row);
    entry.byName ||= viaName;
    matched.set(trainee.id, entry);
  }

  const start = session.startsAt;
  const duration = session.durationMinutes;
  const proposals: ProposedAttendance[] = trainees.map((t) => {
    const entry = matched.get(t.id);
    if (!entry)
      return { userId: t.id, name: t.name, status: 'absent', minutes: 0, rows: 0, note: [{ code: 'trainer.zoom.notInReport' }] };
    const timed = entry.rows.filter((r) => r.join !== null && r.leave !== null) as (ReportRow & {
      join: number;
      leave: number;
    })[];
    let minutes: number;
    const note: ZoomSaid[] = [];
    if (entry.byName) note.push({ code: 'trainer.zoom.byName' });
    if (timed.length) {
      minutes = Math.round(unionMs(timed.map((r) => [r.join, r.leave])) / MINUTE);
      note.push({ code: 'trainer.zoom.joins', values: { count: entry.rows.length } });
    } else {
      // No usable times: the longest stated duration, since durations alone cannot show overlap.
      minutes = Math.max(0, ...entry.rows.map((r) => r.durationMinutes ?? 0));
      note.push({ code: 'trainer.zoom.durationOnly' });
    }
    const capped = Math.min(minutes, duration);
    if (minutes > duration) note.push({ code: 'trainer.zoom.capped', values: { minutes, duration } });
    let status: AttendanceStatus;
    if (capped <= 0) status = 'absent';
    else if (capped >= duration - PRESENT_GRACE_MINUTES) status = 'present';
    else {
      const firstJoin = Math.min(...timed.map((r) => r.join));
      status = timed.length && firstJoin > start + PRESENT_GRACE_MINUTES * MINUTE ? 'late' : 'left-early';
    }
    return {
      userId: t.id,
      name: t.name,
      status,
      minutes: status === 'present' ? duration : capped,
      rows: entry.rows.length,
      note,
    };
  });
  return { ok: true, proposals, unmatched, problems, rowsRead: rows.length };
}

function rowMinutes(row: ReportRow): number | null {
  if (row.join !== null && row.leave !== null && row.leave > row.join) return Math.round((row.leave - row.join) / MINUTE);
  return row.durationMinutes;
}
