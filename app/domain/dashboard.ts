// The cohort dashboard, computed in one pass over rows fetched in a fixed number of queries.
// Pure: rows in, a matrix out.

import type { MessageId } from '../i18n/catalogues';
import { examUnlocked, type UnitStatus } from './progress';

export type ExamStatus = 'locked' | 'unlocked' | 'in-progress' | 'awaiting-grading' | 'passed' | 'not-yet';
/** The words for each exam status, as message ids (the page and the CSV say them in their language). */
export const EXAM_STATUS_LABEL: Record<ExamStatus, MessageId> = {
  locked: 'trainer.examStatus.locked',
  unlocked: 'trainer.examStatus.unlocked',
  'in-progress': 'trainer.examStatus.inProgress',
  'awaiting-grading': 'trainer.examStatus.awaitingGrading',
  passed: 'trainer.examStatus.passed',
  'not-yet': 'trainer.examStatus.notYet',
};

export interface DashboardInput {
  units: { slug: string; title: string; minutes: number }[];
  members: { id: string; name: string; email: string }[];
  progress: {
    user_id: string;
    unit_slug: string;
    completed_at: number | null;
    best_percent: number | null;
    last_visited_at: number;
  }[];
  exams: {
    user_id: string;
    status: string;
    passed: number | null;
    final_percent: number | null;
    started_at: number;
    submitted_at: number | null;
  }[];
  quizActivity: { user_id: string; last: number | null }[];
  /** Measured time on task per trainee and unit (unit_time_totals). */
  time: { user_id: string; unit_slug: string; seconds: number }[];
}

export interface DashboardRow {
  userId: string;
  name: string;
  email: string;
  cells: { unit: string; status: 'not-started' | 'started' | 'complete'; best: number | null; seconds: number }[];
  complete: number;
  /** Planned (nominal) minutes of the completed units, from the units' front matter: not time anyone spent. */
  plannedMinutesCompleted: number;
  /** Time measured in the course's units (docs/decisions/017-time-on-task.md). */
  secondsSpent: number;
  exam: ExamStatus;
  examPercent: number | null;
  lastActivity: number | null;
}

export function buildDashboard(input: DashboardInput): DashboardRow[] {
  const byUser = new Map<string, Map<string, DashboardInput['progress'][number]>>();
  const activity = new Map<string, number>();
  const touch = (user: string, t: number | null) => {
    if (t !== null && t > (activity.get(user) ?? 0)) activity.set(user, t);
  };
  for (const p of input.progress) {
    if (!byUser.has(p.user_id)) byUser.set(p.user_id, new Map());
    byUser.get(p.user_id)?.set(p.unit_slug, p);
    touch(p.user_id, p.last_visited_at);
    touch(p.user_id, p.completed_at);
  }
  const latestExam = new Map<string, DashboardInput['exams'][number]>();
  for (const e of input.exams) {
    const cur = latestExam.get(e.user_id);
    if (!cur || e.started_at > cur.started_at) latestExam.set(e.user_id, e);
    touch(e.user_id, e.submitted_at ?? e.started_at);
  }
  for (const q of input.quizActivity) touch(q.user_id, q.last);
  const seconds = new Map(input.time.map((t) => [`${t.user_id}\n${t.unit_slug}`, t.seconds]));

  return input.members.map((m) => {
    const mine = byUser.get(m.id);
    let complete = 0;
    let plannedMinutesCompleted = 0;
    let secondsSpent = 0;
    const cells = input.units.map((u) => {
      const p = mine?.get(u.slug);
      const status: UnitStatus = !p ? 'not-started' : p.completed_at ? 'complete' : 'started';
      if (status === 'complete') {
        complete++;
        plannedMinutesCompleted += u.minutes;
      }
      const spent = seconds.get(`${m.id}\n${u.slug}`) ?? 0;
      secondsSpent += spent;
      return { unit: u.slug, status, best: p?.best_percent ?? null, seconds: spent };
    });
    const e = latestExam.get(m.id);
    let exam: ExamStatus = examUnlocked({ complete, total: input.units.length }) ? 'unlocked' : 'locked';
    if (e) {
      if (e.status === 'in_progress') exam = 'in-progress';
      else if (e.status === 'released') exam = e.passed === 1 ? 'passed' : 'not-yet';
      else exam = 'awaiting-grading';
    }
    return {
      userId: m.id,
      name: m.name,
      email: m.email,
      cells,
      complete,
      plannedMinutesCompleted,
      secondsSpent,
      exam,
      examPercent: e?.status === 'released' ? e.final_percent : null,
      lastActivity: activity.get(m.id) ?? null,
    };
  });
}

export type DashboardSort = 'name' | 'progress' | 'time' | 'exam' | 'activity';
const EXAM_ORDER: ExamStatus[] = ['locked', 'unlocked', 'in-progress', 'awaiting-grading', 'not-yet', 'passed'];

/** Sorts and filters rows as the trainer asked (by search params, so it works without JS). */
export function sortAndFilter(
  rows: DashboardRow[],
  opts: { sort: DashboardSort; dir: 'asc' | 'desc'; exam?: ExamStatus; q?: string },
): DashboardRow[] {
  const q = opts.q?.trim().toLowerCase();
  const kept = rows.filter(
    (r) => (!opts.exam || r.exam === opts.exam) && (!q || r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)),
  );
  const key = (r: DashboardRow): number | string => {
    switch (opts.sort) {
      case 'progress':
        return r.complete;
      case 'time':
        return r.secondsSpent;
      case 'exam':
        return EXAM_ORDER.indexOf(r.exam);
      case 'activity':
        return r.lastActivity ?? 0;
      default:
        return r.name.toLowerCase();
    }
  };
  const sign = opts.dir === 'desc' ? -1 : 1;
  return [...kept].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return a.name.localeCompare(b.name);
  });
}
