import type { ExamForm, ExamItem, Scenario } from '../content/schema';
import { rng, shuffle } from './random';

// The practice exam's pure core: draws, deadlines, attempt rules and scoring.

export interface ChoiceSnapshot {
  kind: 'choice';
  prompt: string;
  options: { id: string; text: string }[];
  answer: string;
  rationale: string;
  competencies: string[];
}
export interface WrittenSnapshot {
  kind: 'written';
  prompt: string;
  rubric: Scenario['rubric'];
  competencies: string[];
}
export type ItemSnapshot = ChoiceSnapshot | WrittenSnapshot;

export interface DrawnItem {
  position: number;
  itemId: string;
  area: string;
  snapshot: ItemSnapshot;
}

export class BlueprintError extends Error {}

/** The one rule for which bank items the practice exam may ask: exam-only and both, never practice-only. */
export const inExamPool = (item: Pick<ExamItem, 'use'>) => item.use !== 'practice';
/** The one rule for which bank items practice sets may ask: practice-only and both, never exam-only. */
export const inPracticePool = (item: Pick<ExamItem, 'use'>) => item.use !== 'exam';

/**
 * Draws an attempt's items: for each area of the blueprint, that many distinct items at random;
 * the multiple-choice items in a shuffled order with shuffled options, then the written
 * scenarios. The same seed and bank always give the same draw.
 */
export function drawExam(form: ExamForm, items: ExamItem[], scenarios: Scenario[], seed: string): DrawnItem[] {
  const random = rng(seed);
  const chosen: ExamItem[] = [];
  for (const [area, n] of Object.entries(form.blueprint)) {
    const pool = items.filter((i) => i.area === area && inExamPool(i));
    if (pool.length < n) throw new BlueprintError(`The ${area} area has ${pool.length} items; the blueprint asks for ${n}.`);
    chosen.push(...shuffle(pool, random).slice(0, n));
  }
  if (scenarios.length < form.scenarios)
    throw new BlueprintError(`The bank has ${scenarios.length} scenarios; the form asks for ${form.scenarios}.`);
  const written = shuffle(scenarios, random).slice(0, form.scenarios);
  const drawn: DrawnItem[] = shuffle(chosen, random).map((item, i) => ({
    position: i + 1,
    itemId: item.id,
    area: item.area,
    snapshot: {
      kind: 'choice',
      prompt: item.prompt,
      options: shuffle(item.options, random),
      answer: item.answer,
      rationale: item.rationale,
      competencies: item.competencies,
    },
  }));
  for (const s of written) {
    drawn.push({
      position: drawn.length + 1,
      itemId: s.id,
      area: s.area,
      snapshot: { kind: 'written', prompt: s.prompt, rubric: s.rubric, competencies: s.competencies },
    });
  }
  return drawn;
}

/** What the trainee may see of an item while the attempt is open: no answer, rationale or rubric. */
export function publicItem(s: ItemSnapshot): {
  kind: 'choice' | 'written';
  prompt: string;
  options: { id: string; text: string }[];
} {
  return { kind: s.kind, prompt: s.prompt, options: s.kind === 'choice' ? s.options : [] };
}

/**
 * The deadline of an attempt, fixed at its start: start + limit x the trainee's time
 * multiplier, or null when the trainee has no time limit.
 */
export function examDeadline(
  startedAt: number,
  limitMinutes: number,
  accommodation: { multiplier: number; noLimit: boolean },
): number | null {
  if (accommodation.noLimit) return null;
  return startedAt + Math.round(limitMinutes * Math.max(1, accommodation.multiplier) * 60_000);
}

/** Answers are accepted up to and including the deadline's millisecond. */
export function isPastDeadline(deadline: number | null, now: number): boolean {
  return deadline !== null && now > deadline;
}

/** Why a new exam attempt may not start now. */
export type StartRefusal =
  | { ok: false; reason: 'active'; attemptId: string }
  | { ok: false; reason: 'limit' }
  | { ok: false; reason: 'wait'; until: number };

/** Whether a new attempt may start; once started, the model answers with the new attempt's id. */
export type StartPermission<Started = object> = ({ ok: true } & Started) | StartRefusal;

/** Whether a new attempt at this form may start: one at a time, the attempt limit and the wait. */
export function canStartExam(
  form: Pick<ExamForm, 'id' | 'attemptsAllowed' | 'waitHoursBetweenAttempts'>,
  attempts: { id: string; form_id: string; status: string; started_at: number; submitted_at: number | null }[],
  now: number,
): StartPermission {
  const active = attempts.find((a) => a.status === 'in_progress');
  if (active) return { ok: false, reason: 'active', attemptId: active.id };
  const ofForm = attempts.filter((a) => a.form_id === form.id);
  if (form.attemptsAllowed !== null && ofForm.length >= form.attemptsAllowed) return { ok: false, reason: 'limit' };
  if (form.waitHoursBetweenAttempts > 0 && ofForm.length) {
    const last = Math.max(...ofForm.map((a) => a.submitted_at ?? a.started_at));
    const until = last + form.waitHoursBetweenAttempts * 3_600_000;
    if (now < until) return { ok: false, reason: 'wait', until };
  }
  return { ok: true };
}

export interface ScoredItem {
  area: string;
  kind: 'choice' | 'written';
  correct: number | null;
  points: number | null;
  maxPoints: number;
}

export interface AreaResult {
  area: string;
  earned: number;
  possible: number;
  percent: number;
}

export interface ExamScore {
  objectiveCorrect: number;
  objectiveTotal: number;
  writtenPoints: number;
  writtenMax: number;
  /** Every point on the exam counts the same: choice items 1 point each, written items their rubric maximum. */
  percent: number;
  passed: boolean;
  complete: boolean;
  areas: AreaResult[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scores an attempt. Choice items are worth one point each; written items their rubric's
 * maximum. Until every written item is graded the score is partial (complete=false) and
 * `passed` is false: callers must not present it as final.
 */
export function scoreExam(scored: ScoredItem[], passPercent: number, areaOrder: string[]): ExamScore {
  // NOTE: stored points are trusted only within 0..max: a grade forged before rubric checks
  // existed (or a hand-edited row) must not lift a score past 100% or an area below 0%.
  const items = scored.map((i) =>
    i.kind === 'written' && i.points !== null
      ? { ...i, points: Number.isFinite(i.points) ? Math.min(Math.max(i.points, 0), i.maxPoints) : 0 }
      : i,
  );
  const choice = items.filter((i) => i.kind === 'choice');
  const written = items.filter((i) => i.kind === 'written');
  const objectiveCorrect = choice.filter((i) => i.correct === 1).length;
  const writtenPoints = written.reduce((s, i) => s + (i.points ?? 0), 0);
  const writtenMax = written.reduce((s, i) => s + i.maxPoints, 0);
  const complete = written.every((i) => i.points !== null);
  const possible = choice.length + writtenMax;
  const percent = possible ? round1(((objectiveCorrect + writtenPoints) / possible) * 100) : 0;
  const areas = areaOrder
    .map((area) => {
      const inArea = items.filter((i) => i.area === area);
      const earned = inArea.reduce((s, i) => s + (i.kind === 'choice' ? (i.correct === 1 ? 1 : 0) : (i.points ?? 0)), 0);
      const max = inArea.reduce((s, i) => s + (i.kind === 'choice' ? 1 : i.maxPoints), 0);
      return { area, earned, possible: max, percent: max ? round1((earned / max) * 100) : 0 };
    })
    .filter((a) => a.possible > 0);
  return {
    objectiveCorrect,
    objectiveTotal: choice.length,
    writtenPoints,
    writtenMax,
    percent,
    passed: complete && possible > 0 && ((objectiveCorrect + writtenPoints) / possible) * 100 >= passPercent,
    complete,
    areas,
  };
}

/** Whether a choice item's saved response (an option id, or null when unanswered) is its key. */
export function isChoiceRight(snapshot: ChoiceSnapshot, response: string | null): boolean {
  return response !== null && response === snapshot.answer;
}

/** Maximum points of a rubric: the top level of each criterion. */
export function rubricMax(rubric: Scenario['rubric']): number {
  return rubric.reduce((s, c) => s + Math.max(...c.levels.map((l) => l.points)), 0);
}
