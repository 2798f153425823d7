import type { Scenario } from '../content/schema';
import { rubricMax } from './exam';

// Rubric scoring for written answers: the one place that decides which submitted levels
// count. The grading form is client input; a hand-made request can name any field with any
// value, so nothing is summed until every entry is checked against the rubric snapshot.

export type Rubric = Scenario['rubric'];

/** What a grading request sends, in the order sent: `[criterion id, value]` pairs. */
export interface RubricSubmission {
  levels: readonly (readonly [string, string])[];
  comments: readonly (readonly [string, string])[];
}

export type RubricScore =
  | { ok: true; levels: Record<string, number>; comments: Record<string, string>; points: number; max: number; complete: boolean }
  | { ok: false; errors: Record<string, string> };

export const COMMENT_MAX = 5000;
const POINTS = /^\d{1,6}(\.\d{1,3})?$/;

/**
 * Checks a submission against a rubric and scores it. Accepted only if every entry names one
 * of the rubric's criteria, at most once, with one of that criterion's levels; finalising needs
 * a level for every criterion. The points are the sum of the chosen levels, which by
 * construction lies between 0 and the rubric's maximum (checked again, so a malformed rubric
 * cannot lift a score past 100%). Errors are keyed by criterion id, or `form` for what no field
 * on the page could have sent. Errors are message ids; a criterion's error takes `{criterion}`
 * (its words) and `{max}` (COMMENT_MAX) where the page shows it.
 */
export function scoreRubric(rubric: Rubric, submission: RubricSubmission, finalise: boolean): RubricScore {
  const byId = new Map(rubric.map((c) => [c.id, c]));
  const errors: Record<string, string> = {};
  const levels: Record<string, number> = {};
  const seen = new Set<string>();
  for (const [id, raw] of submission.levels) {
    const c = byId.get(id);
    if (!c) {
      errors.form = 'trainer.grade.error.unknownCriterion';
      continue;
    }
    if (seen.has(id)) {
      errors[id] = 'trainer.grade.error.oneLevel';
      continue;
    }
    seen.add(id);
    const value = raw.trim();
    if (value === '') continue;
    const level = POINTS.test(value) ? c.levels.find((l) => l.points === Number(value)) : undefined;
    if (!level) errors[id] = 'trainer.grade.error.levelShown';
    else levels[id] = level.points;
  }
  const comments: Record<string, string> = {};
  const commented = new Set<string>();
  for (const [id, raw] of submission.comments) {
    const c = byId.get(id);
    if (!c || commented.has(id)) {
      errors.form = 'trainer.grade.error.unknownCriterion';
      continue;
    }
    commented.add(id);
    const text = raw.trim();
    if (text.length > COMMENT_MAX) errors[id] = 'trainer.grade.error.commentLong';
    else if (text) comments[id] = text;
  }
  const complete = rubric.every((c) => levels[c.id] !== undefined);
  if (finalise)
    for (const c of rubric)
      if (levels[c.id] === undefined && !errors[c.id]) errors[c.id] = 'trainer.grade.error.levelBeforeFinal';
  if (Object.keys(errors).length) return { ok: false, errors };
  const points = Object.values(levels).reduce((s, v) => s + v, 0);
  const max = rubricMax(rubric);
  if (!(points >= 0 && points <= max)) return { ok: false, errors: { form: 'trainer.grade.error.unscorable' } };
  return { ok: true, levels, comments, points, max, complete };
}
