import type { Quiz, QuizQuestion } from '../content/schema';
import type { FeedbackPolicy, ReviewPolicy } from './quiz-policy';
import { rng, shuffle } from './random';

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

/**
 * Whether the options chosen answer a question right: the chosen set equals the answer set
 * exactly (no partial credit for multiple select); nothing chosen is not right. The one
 * definition of a right quiz answer: scoring, item analysis and the trainer's view call it.
 */
export function isAnswerRight(q: QuizQuestion, chosen: readonly string[]): boolean {
  const answer = answerOf(q);
  const picked = [...new Set(chosen)].sort();
  return picked.length === answer.length && picked.every((v, i) => v === answer[i]);
}

/**
 * Scores a quiz. A question is right only when the chosen set equals the answer set exactly
 * (no partial credit for multiple select); an unanswered question is not right. Percent is
 * rounded to one decimal; passing compares the unrounded value with the pass mark.
 */
export function scoreQuiz(quiz: Quiz, responses: Responses): QuizScore {
  const results = quiz.questions.map((q) => {
    const chosen = responses[q.id] ?? [];
    return { id: q.id, chosen, answer: answerOf(q), right: isAnswerRight(q, chosen), answered: chosen.length > 0 };
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

/**
 * Draws one attempt's questions from the quiz's pool: `draw` questions (default all), spread
 * evenly over sections or tags when `drawBy` says so, in a shuffled order, each with its options
 * shuffled unless marked `fixedOrder` (true/false keeps True, False). Questions in `avoid` (the
 * last attempt's) are taken only when the pool has too few others, so a retake asks different
 * questions whenever the pool allows. The same seed, quiz and `avoid` give the same draw.
 * The result is a quiz of its own, as asked: scored, stored and shown as it is.
 */
export function drawQuiz(quiz: Quiz, seed: string, avoid: readonly string[] = []): Quiz {
  const random = rng(seed);
  const skip = new Set(avoid);
  const size = Math.min(quiz.draw ?? quiz.questions.length, quiz.questions.length);
  const keyOf = (q: QuizQuestion) => (quiz.drawBy === 'section' ? (q.section ?? '') : quiz.drawBy === 'tag' ? (q.tag ?? '') : '');
  const groups = new Map<string, QuizQuestion[]>();
  for (const q of quiz.questions) groups.set(keyOf(q), [...(groups.get(keyOf(q)) ?? []), q]);
  // Within a group: fresh questions first, each part in random order.
  const queues = shuffle([...groups.values()], random).map((g) => [
    ...shuffle(
      g.filter((q) => !skip.has(q.id)),
      random,
    ),
    ...shuffle(
      g.filter((q) => skip.has(q.id)),
      random,
    ),
  ]);
  // Round robin over the groups keeps the spread even; fresh questions win over repeats.
  const chosen: QuizQuestion[] = [];
  for (const pass of [false, true]) {
    let more = true;
    while (chosen.length < size && more) {
      more = false;
      for (const queue of queues) {
        if (chosen.length >= size) break;
        const i = queue.findIndex((q) => pass || !skip.has(q.id));
        if (i < 0) continue;
        chosen.push(queue.splice(i, 1)[0]);
        more = true;
      }
    }
  }
  return {
    ...quiz,
    questions: shuffle(chosen, random).map((q) =>
      q.type === 'truefalse' || q.fixedOrder ? q : { ...q, options: shuffle(q.options, random) },
    ),
  };
}

/** What of a submitted attempt a trainee may see now. */
export interface ReviewView {
  /** Whether each answer was right. */
  showWhichRight: boolean;
  /** The correct answers and the rationales. */
  showKey: boolean;
}

/**
 * The review policy applied to a trainee's state. `after-pass-or-last` opens review once the
 * trainee has passed this quiz (on any attempt) or has no attempt left; before that, and
 * always under `never`, the feedback policy decides whether right and wrong are shown.
 */
export function reviewView(input: {
  policy: ReviewPolicy;
  feedback: FeedbackPolicy;
  passedEver: boolean;
  attemptsLeft: number | null;
}): ReviewView {
  const open =
    input.policy === 'after-each-attempt' ||
    (input.policy === 'after-pass-or-last' && (input.passedEver || input.attemptsLeft === 0));
  return { showKey: open, showWhichRight: open || input.feedback === 'which-wrong' };
}

/** One question of an attempt's feedback; null marks what the policy holds back. */
export interface FeedbackQuestion {
  id: string;
  prompt: string;
  options: { id: string; text: string }[];
  chosen: string[];
  right: boolean | null;
  answer: string[] | null;
  rationale: string | null;
  section: string | null;
}

export interface AttemptFeedback {
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  passPercent: number;
  review: ReviewView;
  /** Empty when only the score may be shown. */
  questions: FeedbackQuestion[];
  /** Sections of the unit to look back at: those of the questions not yet right, or (score only) of every question asked. */
  sections: string[];
}

/**
 * The feedback on a submitted attempt, holding back exactly what the review view does not
 * allow: this is what goes to the browser.
 */
export function attemptFeedback(asked: Quiz, responses: Responses, view: ReviewView): AttemptFeedback {
  const score = scoreQuiz(asked, responses);
  const questions = view.showWhichRight
    ? asked.questions.map((q, i) => ({
        id: q.id,
        prompt: q.prompt,
        options: optionsOf(q),
        chosen: score.results[i].chosen,
        right: score.results[i].right,
        answer: view.showKey ? score.results[i].answer : null,
        rationale: view.showKey ? q.rationale : null,
        section: q.section ?? null,
      }))
    : [];
  const toReview = view.showWhichRight ? asked.questions.filter((_, i) => !score.results[i].right) : asked.questions;
  return {
    correct: score.correct,
    total: score.total,
    percent: score.percent,
    passed: score.passed,
    passPercent: asked.passPercent,
    review: view,
    questions,
    sections: [...new Set(toReview.flatMap((q) => (q.section ? [q.section] : [])))],
  };
}

/** Ids of the drawn questions left unanswered: a submission with any is sent back, not scored. */
export function unansweredQuestions(asked: Quiz, responses: Responses): string[] {
  return asked.questions.filter((q) => !responses[q.id]?.length).map((q) => q.id);
}

/** A trainer's overrides of the course's quiz rules for one group; a missing key keeps the course's. */
export interface GroupQuizSettings {
  quizAttemptLimit?: number | null;
  quizWaitMinutes?: number;
  quizReview?: ReviewPolicy;
  quizFeedback?: FeedbackPolicy;
}

export interface QuizRules {
  quizAttemptLimit: number | null;
  quizWaitMinutes: number;
  review: ReviewPolicy;
  feedback: FeedbackPolicy;
}

/**
 * The rules one trainee's quiz runs under. The trainer's group setting wins (a deliberate,
 * recorded choice for real people), then the quiz's own `review`, then the course's rules.
 */
export function effectiveQuizRules(
  course: { quizAttemptLimit: number | null; quizWaitMinutes: number; quizReview: ReviewPolicy; quizFeedback: FeedbackPolicy },
  quiz: { review?: ReviewPolicy } | null,
  group: GroupQuizSettings | null,
): QuizRules {
  return {
    quizAttemptLimit: group?.quizAttemptLimit !== undefined ? group.quizAttemptLimit : course.quizAttemptLimit,
    quizWaitMinutes: group?.quizWaitMinutes ?? course.quizWaitMinutes,
    review: group?.quizReview ?? quiz?.review ?? course.quizReview,
    feedback: group?.quizFeedback ?? course.quizFeedback,
  };
}
