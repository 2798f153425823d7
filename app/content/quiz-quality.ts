import type { Quiz } from './schema';

// Figures that show whether a quiz can be passed by test-taking habits instead of knowledge,
// and the warnings drawn from them. Pure: one home for `content:check` and the author studio.

/** Share of single-choice questions whose key may be the longest option before we warn. */
export const LONGEST_KEY_LIMIT = 0.4;
/** A key position counts as far above chance when chance would give it this rarely. */
const POSITION_P_VALUE = 0.05;

export interface KeyPosition {
  /** 1-based position of the option in the written list. */
  position: number;
  count: number;
  expected: number;
}

export interface QuizQuality {
  single: number;
  /** Single-choice questions whose key is the one longest option. */
  longestKey: number;
  /** Number of correct options of each multiple-select question. */
  multipleCorrect: number[];
  /** Where the key stands in the written option list of single-choice questions. */
  keyPositions: KeyPosition[];
  warnings: { path: (string | number)[]; message: string }[];
}

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let sum = 0;
  let term = (1 - p) ** n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += term;
    term = (term * (n - i) * p) / ((i + 1) * (1 - p));
  }
  return Math.min(1, sum);
}

const pct = (a: number, b: number) => `${b ? Math.round((a / b) * 100) : 0}%`;

export function quizQuality(quiz: Quiz): QuizQuality {
  const singles = quiz.questions.flatMap((q) => (q.type === 'single' ? [q] : []));
  const longestKey = singles.filter((q) => {
    const key = q.options.find((o) => o.id === q.answer);
    if (!key) return false;
    return q.options.every((o) => o === key || o.text.length < key.text.length);
  }).length;
  const multipleCorrect = quiz.questions.flatMap((q) => (q.type === 'multiple' ? [q.answer.length] : []));

  const maxOptions = Math.max(0, ...singles.map((q) => q.options.length));
  const keyPositions: KeyPosition[] = [];
  for (let p = 0; p < maxOptions; p++) {
    const withP = singles.filter((q) => q.options.length > p);
    keyPositions.push({
      position: p + 1,
      count: withP.filter((q) => q.options[p].id === q.answer).length,
      expected: withP.reduce((s, q) => s + 1 / q.options.length, 0),
    });
  }

  const warnings: QuizQuality['warnings'] = [];
  if (singles.length && longestKey / singles.length > LONGEST_KEY_LIMIT)
    warnings.push({
      path: ['questions'],
      message: `quiz quality: the correct option is the longest one in ${longestKey} of ${singles.length} single-choice questions (${pct(longestKey, singles.length)}; keep it at or under ${LONGEST_KEY_LIMIT * 100}%), so "pick the longest" earns marks without knowledge. Make a wrong option the longest in some questions, or make the options about the same length`,
    });
  if (multipleCorrect.length >= 2 && new Set(multipleCorrect).size === 1)
    warnings.push({
      path: ['questions'],
      message: `quiz quality: all ${multipleCorrect.length} multiple-select questions have exactly ${multipleCorrect[0]} correct option${multipleCorrect[0] === 1 ? '' : 's'}, so a trainee can learn to always pick ${multipleCorrect[0]}. Vary how many options are correct`,
    });
  for (const kp of keyPositions) {
    const n = singles.filter((q) => q.options.length > kp.position - 1).length;
    if (!n || kp.count <= kp.expected) continue;
    if (binomialTail(n, kp.expected / n, kp.count) < POSITION_P_VALUE)
      warnings.push({
        path: ['questions'],
        message: `quiz quality: the correct option is written in position ${kp.position} in ${kp.count} of ${n} single-choice questions, where chance would give about ${kp.expected.toFixed(1)}. Options are shuffled for trainees, but a fixed order or a printed copy shows the pattern; spread the keys over the positions`,
      });
  }
  return { single: singles.length, longestKey, multipleCorrect, keyPositions, warnings };
}

/** One line of figures per quiz for `content:check`. */
export function formatQuality(q: QuizQuality): string {
  const parts = [`longest option is the key in ${q.longestKey}/${q.single} single-choice (${pct(q.longestKey, q.single)})`];
  if (q.multipleCorrect.length) parts.push(`correct options per multiple-select: ${q.multipleCorrect.join(', ')}`);
  if (q.keyPositions.length)
    parts.push(
      `key by position: ${q.keyPositions.map((k) => `${k.position}:${k.count} (chance ${k.expected.toFixed(1)})`).join(' ')}`,
    );
  return parts.join('; ');
}
