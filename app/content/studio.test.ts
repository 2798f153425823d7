import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { Quiz } from './schema';
import { compareQuizzes, normaliseNewlines, parseStudioPath, unifiedDiff } from './studio';

describe('parseStudioPath: only the content files of a course', () => {
  it('accepts a unit and its quiz', () => {
    expect(parseStudioPath('courses/peer-support-core/units/01-what-is-peer-support.mdx')).toEqual({
      course: 'peer-support-core',
      order: 1,
      unit: 'what-is-peer-support',
      kind: 'unit',
    });
    expect(parseStudioPath('courses/mini/units/12-first.quiz.yaml')?.kind).toBe('quiz');
  });
  it('accepts exam items, scenarios, the exam file, course.yaml, and the same in an edition folder', () => {
    expect(parseStudioPath('courses/mini/exam/items/area-one.yaml')).toEqual({ course: 'mini', kind: 'items', area: 'area-one' });
    expect(parseStudioPath('courses/mini/exam/scenarios.yaml')?.kind).toBe('scenarios');
    expect(parseStudioPath('courses/mini/exam/exam.yaml')?.kind).toBe('exam');
    expect(parseStudioPath('courses/mini/course.yaml')?.kind).toBe('course');
    expect(parseStudioPath('courses/mini/es/units/01-first.mdx')).toEqual({
      course: 'mini',
      edition: 'es',
      order: 1,
      unit: 'first',
      kind: 'unit',
    });
    expect(parseStudioPath('courses/mini/es/exam/items/area-one.yaml')?.edition).toBe('es');
  });
  it.each([
    '../courses/mini/units/01-first.mdx',
    'courses/mini/units/../../../etc/01-passwd.mdx',
    'courses/mini/units/./01-first.mdx',
    'courses/mini//units/01-first.mdx',
    '/courses/mini/units/01-first.mdx',
    '/etc/passwd',
    'courses\\mini\\units\\01-first.mdx',
    'courses/mini/units/01-first.mdx\0.txt',
    'courses/mini/exam/items/../../course.yaml',
    'courses/mini/exam/items/Area.yaml',
    'courses/mini/exam/other.yaml',
    'courses/mini/images/x.png',
    'courses/mini/course.yml',
    'courses/mini/esp/course.yaml',
    'courses/mini/es/es/course.yaml',
    'courses/mini/units/01-first.md',
    'courses/mini/units/01-first.yaml',
    'courses/mini/units/first.mdx',
    'courses/Mini/units/01-first.mdx',
    'competencies.yaml',
    'README.md',
    '',
  ])('refuses %j', (p) => {
    expect(parseStudioPath(p)).toBeNull();
  });
});

describe('unifiedDiff', () => {
  const names = { from: 'a/file', to: 'b/file' };
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toBe('');
  });
  it('shows a changed line with three lines of context', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
    const after = before.replace('five', 'FIVE');
    expect(unifiedDiff(before, after, names)).toBe(
      [
        '--- a/file',
        '+++ b/file',
        '@@ -2,7 +2,7 @@',
        ' two',
        ' three',
        ' four',
        '-five',
        '+FIVE',
        ' six',
        ' seven',
        ' eight',
        '',
      ].join('\n'),
    );
  });
  it('handles additions to an empty file and removal of everything', () => {
    expect(unifiedDiff('', 'x\n', names)).toBe('--- a/file\n+++ b/file\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('x\ny\n', '', names)).toBe('--- a/file\n+++ b/file\n@@ -1,2 +0,0 @@\n-x\n-y\n');
  });
  it('marks a missing final newline', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb', names)).toBe(
      '--- a/file\n+++ b/file\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n',
    );
  });

  // The system's diff is the reference: same hunks, same lines.
  const cases: [string, string][] = [
    ['a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n', 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\n'],
    ['1\n2\n3\n', '0\n1\n2\n3\n'],
    ['x\ny\nz\n', 'x\nz\n'],
    ['p\nq\nr\ns\nt\nu\nv\nw\n', 'p\nq\nR\ns\nt\nu\nv\n'],
    ['title\n\npara one\n\npara two\n', 'title\n\npara one changed\n\nnew para\n\npara two\n'],
  ];
  it.each(cases)('agrees with diff -u (%#)', (before, after) => {
    const dir = mkdtempSync(join(tmpdir(), 'pa-diff-'));
    try {
      writeFileSync(join(dir, 'a'), before);
      writeFileSync(join(dir, 'b'), after);
      let expected = '';
      try {
        execFileSync('diff', ['-u', '--label', 'a/file', '--label', 'b/file', join(dir, 'a'), join(dir, 'b')], {
          encoding: 'utf8',
        });
      } catch (e) {
        expected = (e as { stdout: string }).stdout;
      }
      // diff writes "-l,1" as "-l" for one-line ranges; ours always gives the count.
      const normalise = (d: string) =>
        d.replace(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm, (_m, a, b, c, d2) => `@@ -${a},${b ?? 1} +${c},${d2 ?? 1} @@`);
      const ours = normalise(unifiedDiff(before, after, names));
      // Two shortest diffs may align a repeated line (a blank one, say) differently: the hunks,
      // the lines removed and added must agree, and the diff must turn before into after.
      const shape = (d: string) => {
        const lines = d.split('\n');
        return {
          headers: lines.filter((l) => /^(@@|---|\+\+\+)/.test(l)),
          removed: lines.filter((l) => /^-(?!--)/.test(l)).sort(),
          added: lines.filter((l) => /^\+(?!\+\+)/.test(l)).sort(),
        };
      };
      expect(shape(ours)).toEqual(shape(normalise(expected)));
      expect(applyPatch(before, ours)).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('normaliseNewlines', () => {
  it('turns CRLF and CR into LF', () => {
    expect(normaliseNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

describe('compareQuizzes: what a quiz edit changes, by question id', () => {
  const quiz: Quiz = {
    passPercent: 80,
    questions: [
      {
        id: 'q-one',
        type: 'single',
        prompt: 'Pick b.',
        options: [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
        ],
        answer: 'b',
        rationale: 'Because.',
      },
      { id: 'q-two', type: 'truefalse', prompt: 'True?', answer: true, rationale: 'Yes.' },
      {
        id: 'q-three',
        type: 'multiple',
        prompt: 'Pick a and b.',
        options: [
          { id: 'a', text: 'A' },
          { id: 'b', text: 'B' },
          { id: 'c', text: 'C' },
        ],
        answer: ['a', 'b'],
        rationale: 'Both.',
      },
    ],
  };
  const clone = (): Quiz => JSON.parse(JSON.stringify(quiz));

  it('finds nothing when only the order of a multiple answer changes', () => {
    const after = clone();
    if (after.questions[2].type === 'multiple') after.questions[2].answer = ['b', 'a'];
    expect(compareQuizzes(quiz, after)).toEqual({ added: [], removed: [], reworded: [], passPercent: null });
  });
  it('reports added, removed and reworded ids, and what changed', () => {
    const after = clone();
    after.questions[0].prompt = 'Choose b.';
    if (after.questions[0].type === 'single') after.questions[0].answer = 'a';
    after.questions[1].rationale = 'It is true.';
    after.questions.splice(2, 1, { id: 'q-four', type: 'truefalse', prompt: 'New?', answer: false, rationale: 'No.' });
    after.passPercent = 70;
    expect(compareQuizzes(quiz, after)).toEqual({
      added: ['q-four'],
      removed: ['q-three'],
      reworded: [
        { id: 'q-one', what: ['prompt', 'answer'] },
        { id: 'q-two', what: ['rationale'] },
      ],
      passPercent: { from: 80, to: 70 },
    });
  });
  it('treats every question as new when there was no valid saved quiz', () => {
    expect(compareQuizzes(null, quiz).added).toEqual(['q-one', 'q-two', 'q-three']);
  });
});
