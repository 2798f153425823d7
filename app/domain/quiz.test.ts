import { describe, expect, it } from 'vitest';
import type { Quiz } from '../content/schema';
import { answerOf, normaliseResponses, publicQuiz, scoreQuiz } from './quiz';

const quiz: Quiz = {
  passPercent: 80,
  questions: [
    {
      id: 'q1',
      type: 'single',
      prompt: 'P1',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
      answer: 'b',
      rationale: 'R1',
    },
    {
      id: 'q2',
      type: 'multiple',
      prompt: 'P2',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
        { id: 'c', text: 'C' },
      ],
      answer: ['c', 'a'],
      rationale: 'R2',
    },
    { id: 'q3', type: 'truefalse', prompt: 'P3', answer: false, rationale: 'R3' },
    {
      id: 'q4',
      type: 'single',
      prompt: 'P4',
      options: [
        { id: 'x', text: 'X' },
        { id: 'y', text: 'Y' },
      ],
      answer: 'x',
      rationale: 'R4',
    },
    { id: 'q5', type: 'truefalse', prompt: 'P5', answer: true, rationale: 'R5' },
  ],
};

describe('publicQuiz', () => {
  it('carries no answers or rationales', () => {
    const text = JSON.stringify(publicQuiz(quiz));
    expect(text).not.toMatch(/answer|rationale|R1|R2/);
    expect(publicQuiz(quiz).questions[2].options.map((o) => o.id)).toEqual(['true', 'false']);
  });
});

describe('answerOf', () => {
  it('sorts multiple-select answers and stringifies true/false', () => {
    expect(answerOf(quiz.questions[1])).toEqual(['a', 'c']);
    expect(answerOf(quiz.questions[2])).toEqual(['false']);
  });
});

describe('normaliseResponses', () => {
  it('drops unknown questions and options, and extra choices on single questions', () => {
    expect(normaliseResponses(quiz, { q1: ['a', 'b'], q2: ['c', 'zz', 'a', 'a'], nope: ['a'], q3: ['maybe'] })).toEqual({
      q1: ['a'],
      q2: ['a', 'c'],
    });
  });
});

describe('scoreQuiz', () => {
  it('scores all right as 100% and passed', () => {
    const s = scoreQuiz(quiz, { q1: ['b'], q2: ['a', 'c'], q3: ['false'], q4: ['x'], q5: ['true'] });
    expect(s).toMatchObject({ correct: 5, total: 5, percent: 100, passed: true, unanswered: 0 });
  });
  it('gives no partial credit for multiple select', () => {
    const s = scoreQuiz(quiz, { q2: ['a'] });
    expect(s.results[1]).toMatchObject({ right: false, answered: true });
  });
  it('counts unanswered questions as not right', () => {
    const s = scoreQuiz(quiz, { q1: ['b'] });
    expect(s).toMatchObject({ correct: 1, unanswered: 4, passed: false, percent: 20 });
  });
  it('passes exactly at the pass mark', () => {
    const s = scoreQuiz(quiz, { q1: ['b'], q2: ['a', 'c'], q3: ['false'], q4: ['x'] });
    expect(s.percent).toBe(80);
    expect(s.passed).toBe(true);
  });
  it('fails just under the pass mark without rounding up', () => {
    const q: Quiz = { ...quiz, passPercent: 67 };
    const three = { ...q, questions: q.questions.slice(0, 3) };
    const s = scoreQuiz(three, { q1: ['b'], q2: ['a', 'c'] });
    expect(s.percent).toBe(66.7);
    expect(s.passed).toBe(false);
  });
});
