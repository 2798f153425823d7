import { describe, expect, it } from 'vitest';
import type { Quiz, QuizQuestion } from '../content/schema';
import { attemptFeedback, drawQuiz, effectiveQuizRules, reviewView, unansweredQuestions } from './quiz';

const single = (id: string, section?: string, fixedOrder?: boolean): QuizQuestion => ({
  id,
  type: 'single',
  prompt: `Prompt ${id}`,
  options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: `${id} option ${o}` })),
  answer: 'a',
  rationale: `Because ${id}`,
  ...(section ? { section } : {}),
  ...(fixedOrder ? { fixedOrder } : {}),
});
const pool = (n: number, sections = 1): Quiz => ({
  passPercent: 80,
  draw: 4,
  questions: Array.from({ length: n }, (_, i) => single(`q${i + 1}`, `Section ${(i % sections) + 1}`)),
});
const ids = (q: Quiz) => q.questions.map((x) => x.id);

describe('drawQuiz', () => {
  it('gives the same draw for the same seed and a different one for another seed', () => {
    const quiz = pool(12);
    expect(drawQuiz(quiz, 'seed-1')).toEqual(drawQuiz(quiz, 'seed-1'));
    expect(ids(drawQuiz(quiz, 'seed-1'))).not.toEqual(ids(drawQuiz(quiz, 'seed-2')));
  });
  it('asks `draw` distinct questions from the pool', () => {
    for (let s = 0; s < 50; s++) {
      const drawn = ids(drawQuiz(pool(12), `s${s}`));
      expect(drawn).toHaveLength(4);
      expect(new Set(drawn).size).toBe(4);
      for (const id of drawn) expect(id).toMatch(/^q([1-9]|1[0-2])$/);
    }
  });
  it('uses the whole pool over many attempts', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 40; s++) for (const id of ids(drawQuiz(pool(12), `s${s}`))) seen.add(id);
    expect(seen.size).toBe(12);
  });
  it('asks every question when no draw is given, in a shuffled order', () => {
    const { draw: _, ...all } = pool(8);
    const drawn = ids(drawQuiz(all, 'x'));
    expect([...drawn].sort()).toEqual(ids(all).sort());
    const orders = new Set(Array.from({ length: 10 }, (_, s) => ids(drawQuiz(all, `o${s}`)).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
  it('never repeats the last attempt’s questions when the pool has enough others', () => {
    const quiz = pool(8);
    for (let s = 0; s < 30; s++) {
      const first = ids(drawQuiz(quiz, `a${s}`));
      const retake = ids(drawQuiz(quiz, `b${s}`, first));
      expect(retake.filter((id) => first.includes(id))).toEqual([]);
    }
  });
  it('fills from the last attempt’s questions only when the pool is short', () => {
    const quiz = pool(6);
    const first = ids(drawQuiz(quiz, 'a'));
    const retake = ids(drawQuiz(quiz, 'b', first));
    expect(retake.filter((id) => !first.includes(id))).toHaveLength(2);
    expect(new Set(retake).size).toBe(4);
  });
  it('spreads the draw evenly over sections with drawBy: section', () => {
    const quiz: Quiz = { ...pool(12, 4), drawBy: 'section' };
    for (let s = 0; s < 20; s++) {
      const drawn = drawQuiz(quiz, `s${s}`).questions;
      expect(new Set(drawn.map((q) => q.section)).size).toBe(4);
    }
  });
  it('shuffles options, keeping each option’s id and text together, except a fixed order and true/false', () => {
    const quiz: Quiz = {
      passPercent: 50,
      questions: [
        single('q1'),
        single('q2', undefined, true),
        { id: 'q3', type: 'truefalse', prompt: 'P', answer: true, rationale: 'R' },
      ],
    };
    const orders = new Set<string>();
    for (let s = 0; s < 20; s++) {
      const byId = new Map(drawQuiz(quiz, `s${s}`).questions.map((q) => [q.id, q]));
      const q1 = byId.get('q1');
      const q2 = byId.get('q2');
      if (q1?.type !== 'single' || q2?.type !== 'single') throw new Error('types');
      orders.add(q1.options.map((o) => o.id).join(''));
      for (const o of q1.options) expect(o.text).toBe(`q1 option ${o.id}`);
      expect(q2.options.map((o) => o.id).join('')).toBe('abcd');
      expect(byId.get('q3')).toEqual(quiz.questions[2]);
    }
    expect(orders.size).toBeGreaterThan(3);
  });
});

describe('reviewView: what each policy shows in each state', () => {
  const base = { feedback: 'which-wrong' as const, passedEver: false, attemptsLeft: null };
  it('after-each-attempt shows everything at once', () => {
    expect(reviewView({ ...base, policy: 'after-each-attempt' })).toEqual({ showWhichRight: true, showKey: true });
  });
  it('after-pass-or-last holds the key back until a pass or the last attempt', () => {
    const p = { ...base, policy: 'after-pass-or-last' as const };
    expect(reviewView(p)).toEqual({ showWhichRight: true, showKey: false });
    expect(reviewView({ ...p, attemptsLeft: 1 })).toEqual({ showWhichRight: true, showKey: false });
    expect(reviewView({ ...p, passedEver: true })).toEqual({ showWhichRight: true, showKey: true });
    expect(reviewView({ ...p, attemptsLeft: 0 })).toEqual({ showWhichRight: true, showKey: true });
    expect(reviewView({ ...p, feedback: 'score-only' })).toEqual({ showWhichRight: false, showKey: false });
  });
  it('never shows the key, even after a pass', () => {
    const p = { ...base, policy: 'never' as const, passedEver: true, attemptsLeft: 0 };
    expect(reviewView(p)).toEqual({ showWhichRight: true, showKey: false });
    expect(reviewView({ ...p, feedback: 'score-only' })).toEqual({ showWhichRight: false, showKey: false });
  });
});

describe('attemptFeedback follows the view exactly', () => {
  const asked: Quiz = { passPercent: 80, questions: [single('q1', 'Hope'), single('q2', 'Listening')] };
  const responses = { q1: ['a'], q2: ['b'] };
  it('with the key: answers and rationales', () => {
    const f = attemptFeedback(asked, responses, { showWhichRight: true, showKey: true });
    expect(f.questions.map((q) => [q.right, q.answer, q.rationale])).toEqual([
      [true, ['a'], 'Because q1'],
      [false, ['a'], 'Because q2'],
    ]);
    expect(f.sections).toEqual(['Listening']);
  });
  it('which-wrong: right or not, no answers, no rationales, the sections to look back at', () => {
    const f = attemptFeedback(asked, responses, { showWhichRight: true, showKey: false });
    expect(f.questions.map((q) => [q.right, q.answer, q.rationale, q.chosen])).toEqual([
      [true, null, null, ['a']],
      [false, null, null, ['b']],
    ]);
    expect(JSON.stringify(f)).not.toContain('Because');
    expect(f.sections).toEqual(['Listening']);
  });
  it('score only: no questions at all, every section asked', () => {
    const f = attemptFeedback(asked, responses, { showWhichRight: false, showKey: false });
    expect(f.questions).toEqual([]);
    expect(f).toMatchObject({ correct: 1, total: 2, percent: 50, passed: false, sections: ['Hope', 'Listening'] });
  });
});

describe('unansweredQuestions', () => {
  it('lists the drawn questions with no answer', () => {
    const asked: Quiz = { passPercent: 80, questions: [single('q1'), single('q2'), single('q3')] };
    expect(unansweredQuestions(asked, { q2: ['a'] })).toEqual(['q1', 'q3']);
    expect(unansweredQuestions(asked, { q1: ['a'], q2: ['b'], q3: ['c'] })).toEqual([]);
  });
});

describe('effectiveQuizRules', () => {
  const course = {
    quizAttemptLimit: null,
    quizWaitMinutes: 0,
    quizReview: 'after-pass-or-last' as const,
    quizFeedback: 'which-wrong' as const,
  };
  it('takes the course rules, then the quiz override, then the group override', () => {
    expect(effectiveQuizRules(course, null, null)).toEqual({
      quizAttemptLimit: null,
      quizWaitMinutes: 0,
      review: 'after-pass-or-last',
      feedback: 'which-wrong',
    });
    expect(effectiveQuizRules(course, { review: 'never' }, null).review).toBe('never');
    expect(
      effectiveQuizRules(
        course,
        { review: 'never' },
        { quizReview: 'after-each-attempt', quizAttemptLimit: 3, quizWaitMinutes: 15 },
      ),
    ).toEqual({ quizAttemptLimit: 3, quizWaitMinutes: 15, review: 'after-each-attempt', feedback: 'which-wrong' });
  });
  it('lets a group lift a course limit with an explicit null', () => {
    expect(effectiveQuizRules({ ...course, quizAttemptLimit: 2 }, null, { quizAttemptLimit: null }).quizAttemptLimit).toBeNull();
    expect(effectiveQuizRules({ ...course, quizAttemptLimit: 2 }, null, {}).quizAttemptLimit).toBe(2);
  });
});
