// Unit progress, exam unlock and quiz attempt rules. Pure.

export type UnitStatus = 'not-started' | 'started' | 'complete';

export interface UnitProgressRow {
  unit_slug: string;
  completed_at: number | null;
  best_percent: number | null;
  last_visited_at: number;
}

export function unitStatus(row: UnitProgressRow | undefined): UnitStatus {
  if (!row) return 'not-started';
  return row.completed_at ? 'complete' : 'started';
}

export interface CourseProgress {
  complete: number;
  total: number;
  percent: number;
  /** The unit to continue with: the last one visited if not complete, else the first not complete. */
  continueWith: string | null;
  remaining: string[];
}

/**
 * Progress through units in course order. A unit is complete when its quiz was passed (or,
 * without a quiz, when marked done); completion is kept when the quiz changes later.
 */
export function courseProgress(unitSlugs: string[], rows: UnitProgressRow[]): CourseProgress {
  const bySlug = new Map(rows.map((r) => [r.unit_slug, r]));
  const remaining = unitSlugs.filter((s) => !bySlug.get(s)?.completed_at);
  const complete = unitSlugs.length - remaining.length;
  const lastVisited = rows
    .filter((r) => unitSlugs.includes(r.unit_slug))
    .sort((a, b) => b.last_visited_at - a.last_visited_at)[0];
  const continueWith = lastVisited && !lastVisited.completed_at ? lastVisited.unit_slug : (remaining[0] ?? null);
  return {
    complete,
    total: unitSlugs.length,
    percent: unitSlugs.length ? Math.round((complete / unitSlugs.length) * 100) : 0,
    continueWith,
    remaining,
  };
}

/**
 * The practice exam opens only when every unit of the course is complete (and the course has
 * units). The one definition: the course page, the exam guard and the trainer dashboard call it.
 */
export function examUnlocked(progress: Pick<CourseProgress, 'complete' | 'total'>): boolean {
  return progress.total > 0 && progress.complete === progress.total;
}

export interface AttemptRules {
  quizAttemptLimit: number | null;
  quizWaitMinutes: number;
}

export type AttemptPermission = { ok: true } | { ok: false; reason: 'limit' } | { ok: false; reason: 'wait'; until: number };

/**
 * Whether another quiz attempt may start now, given the earlier attempts: the attempt limit,
 * and the wait after a FAILED attempt (after a pass, a retake is open at once).
 */
export function canAttemptQuiz(
  rules: AttemptRules,
  attempts: { submitted_at: number; passed: boolean }[],
  now: number,
): AttemptPermission {
  if (rules.quizAttemptLimit !== null && attempts.length >= rules.quizAttemptLimit) return { ok: false, reason: 'limit' };
  if (rules.quizWaitMinutes > 0 && attempts.length) {
    const last = attempts.reduce((a, b) => (b.submitted_at > a.submitted_at ? b : a));
    const until = last.submitted_at + rules.quizWaitMinutes * 60_000;
    if (!last.passed && now < until) return { ok: false, reason: 'wait', until };
  }
  return { ok: true };
}

export interface UnitTimeGate {
  /** 0 when the course sets no minimum. */
  minimumSeconds: number;
  spentSeconds: number;
  met: boolean;
}

/**
 * The course's minimum time on a unit (`rules.minimumUnitMinutes`, off when absent or 0) against
 * the time measured on it. A passing quiz, or marking a unit without a quiz done, completes the
 * unit only once this is met.
 */
export function unitTimeGate(minimumUnitMinutes: number | undefined, spentSeconds: number): UnitTimeGate {
  const minimumSeconds = Math.max(0, (minimumUnitMinutes ?? 0) * 60);
  return { minimumSeconds, spentSeconds, met: spentSeconds >= minimumSeconds };
}

/** Whether a quiz attempt completes its unit: it passed, and the minimum time (if any) is met. */
export function quizCompletesUnit(passed: boolean, gate: UnitTimeGate): boolean {
  return passed && gate.met;
}

/** Attempts left under the limit; null when there is no limit. */
export function attemptsLeft(rules: AttemptRules, used: number): number | null {
  return rules.quizAttemptLimit === null ? null : Math.max(0, rules.quizAttemptLimit - used);
}
