import { describe, expect, it } from 'vitest';
import { quizQuality } from './quiz-quality';
import type { Quiz, QuizQuestion } from './schema';

const single = (id: string, answer: string, texts: string[]): QuizQuestion => ({
  id,
  type: 'single',
  prompt: 'P',
  options: texts.map((text, i) => ({ id: 'abcd'[i], text })),
  answer,
  rationale: 'R',
});
const multiple = (id: string, answer: string[]): QuizQuestion => ({
  id,
  type: 'multiple',
  prompt: 'P',
  options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: o })),
  answer,
  rationale: 'R',
});
const quiz = (questions: QuizQuestion[]): Quiz => ({ passPercent: 80, questions });

describe('quizQuality', () => {
  it('counts the key as longest only when it is the one longest option', () => {
    const q = quizQuality(
      quiz([
        single('q1', 'a', ['long answer here', 'short', 'tiny']),
        single('q2', 'b', ['same', 'same', 'x']),
        single('q3', 'c', ['a', 'b', 'the longest of all']),
        single('q4', 'a', ['a', 'much longer wrong', 'c']),
        single('q5', 'b', ['a', 'b', 'c']),
      ]),
    );
    expect(q).toMatchObject({ single: 5, longestKey: 2 });
    expect(q.warnings).toEqual([]);
    const more = quizQuality(quiz([single('q1', 'a', ['long answer here', 'x']), single('q2', 'b', ['x', 'y'])]));
    expect(more.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('longest one in 1 of 2 single-choice questions (50%'),
    ]);
  });
  it('warns when every multiple-select has the same number of correct options, not when they vary', () => {
    expect(quizQuality(quiz([multiple('m1', ['a', 'b']), multiple('m2', ['c', 'd'])])).warnings).toEqual([
      { path: ['questions'], message: expect.stringContaining('all 2 multiple-select questions have exactly 2 correct options') },
    ]);
    expect(quizQuality(quiz([multiple('m1', ['a', 'b']), multiple('m2', ['c'])])).warnings).toEqual([]);
    expect(quizQuality(quiz([multiple('m1', ['a', 'b'])])).warnings).toEqual([]);
  });
  it('warns when the key sits in one position far more often than chance, with the figures', () => {
    const abcd = ['w', 'x', 'y', 'z'];
    const skewed = quizQuality(quiz(Array.from({ length: 8 }, (_, i) => single(`q${i}`, i < 6 ? 'c' : 'a', abcd))));
    expect(skewed.keyPositions[2]).toEqual({ position: 3, count: 6, expected: 2 });
    expect(skewed.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('position 3 in 6 of 8 single-choice questions, where chance would give about 2.0'),
    ]);
    const spread = quizQuality(quiz(Array.from({ length: 8 }, (_, i) => single(`q${i}`, 'abcd'[i % 4], abcd))));
    expect(spread.warnings).toEqual([]);
  });
});
