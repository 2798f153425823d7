import type { Quiz, QuizQuestion } from '../content/schema';

// Unit quiz scoring. Pure: the server's copy of the quiz in, a score out.

/** A question as the trainee may see it before submitting: no answer, no rationale. */
export interface PublicQuestion {
  id: string;
  type: QuizQuestion['type'];
  prompt: string;
  options: { id: string; text: string }[];
}

export const TRUE_FALSE_OPTIONS = [
  { id: 'true', text: 'True' },
  { id: 'false', text: 'False' },
];

export function optionsOf(q: QuizQuestion): { id: string; text: string }[] {
  return q.type === 'truefalse' ? TRUE_FALSE_OPTIONS : q.options;
}

/** The correct option ids of a question, sorted. */
export function answerOf(q: QuizQuestion): string[] {
  if (q.type === 'truefalse') return [String(q.answer)];
  if (q.type === 'single') return [q.answer];
  return [...q.answer].sort();
}

export function publicQuiz(quiz: Quiz): { passPercent: number; questions: PublicQuestion[] } {
  return {
    passPercent: quiz.passPercent,
    questions: quiz.questions.map((q) => ({ id: q.id, type: q.type, prompt: q.prompt, options: optionsOf(q) })),
  };
}

export type Responses = Record<string, string[]>;

/**
 * Keeps only answers to questions in this quiz and options those questions have; a single
 * choice keeps at most one. Anything else a hand-made request sends is ignored.
 */
export function normaliseResponses(quiz: Quiz, raw: Record<string, string[]>): Responses {
  const out: Responses = {};
  for (const q of quiz.questions) {
    const allowed = new Set(optionsOf(q).map((o) => o.id));
    const chosen = [...new Set((raw[q.id] ?? []).filter((v) => allowed.has(v)))].sort();
    const kept = q.type === 'multiple' ? chosen : chosen.slice(0, 1);
    if (kept.length) out[q.id] = kept;
  }
  return out;
}

export interface QuestionResult {
  id: string;
  chosen: string[];
  answer: string[];
  right: boolean;
  answered: boolean;
}

export interface QuizScore {
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  unanswered: number;
  results: QuestionResult[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Scores a quiz. A question is right only when the chosen set equals the answer set exactly
 * (no partial credit for multiple select); an unanswered question is not right. Percent is
 * rounded to one decimal; passing compares the unrounded value with the pass mark.
 */
export function scoreQuiz(quiz: Quiz, responses: Responses): QuizScore {
  const results = quiz.questions.map((q) => {
    const chosen = responses[q.id] ?? [];
    const answer = answerOf(q);
    return { id: q.id, chosen, answer, right: sameSet(chosen, answer), answered: chosen.length > 0 };
  });
  const correct = results.filter((r) => r.right).length;
  const total = results.length;
  const exact = total ? (correct / total) * 100 : 0;
  return {
    correct,
    total,
    percent: Math.round(exact * 10) / 10,
    passed: total > 0 && exact >= quiz.passPercent,
    unanswered: results.filter((r) => !r.answered).length,
    results,
  };
}
