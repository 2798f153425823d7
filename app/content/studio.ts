import { answerOf, optionsOf } from '../domain/quiz';
import type { Quiz, QuizQuestion } from './schema';

// Pure helpers of the author studio: which files it may touch, line diffs, and what a quiz edit
// changes for trainees. No I/O, so the browser may import this module too.

export type StudioKind = 'unit' | 'quiz';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const STUDIO_PATH = new RegExp(`^courses/(${SLUG})/units/(\\d+)-(${SLUG})\\.(mdx|quiz\\.yaml)$`);

export interface StudioPath {
  course: string;
  order: number;
  unit: string;
  kind: StudioKind;
}

/**
 * Parses a path relative to the content root. Only unit files (`NN-slug.mdx`) and their quizzes
 * (`NN-slug.quiz.yaml`) inside `courses/<course>/units/` are editable: no absolute paths, no
 * `.` or `..` segments, no backslashes, no other file types. Returns null for anything else.
 */
export function parseStudioPath(rel: string): StudioPath | null {
  if (typeof rel !== 'string' || !rel || rel.length > 300) return null;
  if (rel.includes('\0') || rel.includes('\\') || rel.startsWith('/')) return null;
  if (rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  const m = rel.match(STUDIO_PATH);
  if (!m) return null;
  return { course: m[1], order: Number(m[2]), unit: m[3], kind: m[4] === 'mdx' ? 'unit' : 'quiz' };
}

/** Form text arrives with CRLF line ends (HTML forms normalise them); content files use LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

type Op = { t: ' ' | '-' | '+'; line: string };

// The last line of a text without a final newline differs from the same line with one.
const NO_NEWLINE = '\u0000no-newline';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/** Line operations turning a into b: common prefix and suffix, then a longest common subsequence. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ t: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > 4_000_000) {
    // Too large to align line by line: show it as one replacement.
    for (const line of midA) ops.push({ t: '-', line });
    for (const line of midB) ops.push({ t: '+', line });
  } else {
    // lcs[i][j] = length of the LCS of midA[i:] and midB[j:]
    const lcs = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[at(i, j)] = midA[i] === midB[j] ? lcs[at(i + 1, j + 1)] + 1 : Math.max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ t: ' ', line: midA[i++] });
        j++;
      } else if (j < m && (i === n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)])) ops.push({ t: '+', line: midB[j++] });
      else ops.push({ t: '-', line: midA[i++] });
    }
    // Deletions before insertions within a changed block reads better.
    for (let k = start; k < ops.length; ) {
      if (ops[k].t === ' ') {
        k++;
        continue;
      }
      let e = k;
      while (e < ops.length && ops[e].t !== ' ') e++;
      const block = ops.slice(k, e);
      ops.splice(k, e - k, ...block.filter((o) => o.t === '-'), ...block.filter((o) => o.t === '+'));
      k = e;
    }
  }
  for (const line of a.slice(endA)) ops.push({ t: ' ', line });
  return ops;
}

/**
 * A unified diff (as `diff -u` or git prints it) from `before` to `after`, with `context` lines
 * around each change. Returns the empty string when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, names: { from: string; to: string }, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((o, k) => (o.t !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return '';
  // Group changes whose context overlaps into hunks.
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(ops.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  // Line numbers at the start of each op.
  const aLine: number[] = [];
  const bLine: number[] = [];
  let ai = 1;
  let bi = 1;
  for (const op of ops) {
    aLine.push(ai);
    bLine.push(bi);
    if (op.t !== '+') ai++;
    if (op.t !== '-') bi++;
  }
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const aLen = slice.filter((o) => o.t !== '+').length;
    const bLen = slice.filter((o) => o.t !== '-').length;
    const aStart = aLen ? aLine[from] : aLine[from] - 1;
    const bStart = bLen ? bLine[from] : bLine[from] - 1;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const op of slice) {
      if (op.line.endsWith(NO_NEWLINE))
        out.push(`${op.t}${op.line.slice(0, -NO_NEWLINE.length)}`, '\\ No newline at end of file');
      else out.push(`${op.t}${op.line}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export interface QuestionChange {
  id: string;
  /** What differs for a question that keeps its id: type, prompt, options, answer, rationale. */
  what: string[];
}
export interface QuizChanges {
  added: string[];
  removed: string[];
  reworded: QuestionChange[];
  passPercent: { from: number; to: number } | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function describeChange(a: QuizQuestion, b: QuizQuestion): string[] {
  const what: string[] = [];
  if (a.type !== b.type) what.push('type');
  if (a.prompt !== b.prompt) what.push('prompt');
  const opts = (q: QuizQuestion) => (q.type === 'truefalse' ? [] : q.options);
  if (!same(opts(a), opts(b))) what.push('options');
  const answer = (q: QuizQuestion) => (Array.isArray(q.answer) ? [...q.answer].sort() : q.answer);
  if (!same(answer(a), answer(b))) what.push('answer');
  if (a.rationale !== b.rationale) what.push('rationale');
  return what;
}

/**
 * What a quiz edit changes, by question id, compared with the saved file (`before` is null when
 * the saved file is missing or invalid). A question keeps its identity by id only
 * (docs/decisions/005-content-history-and-completion.md).
 */
export function compareQuizzes(before: Quiz | null, after: Quiz): QuizChanges {
  const old = new Map((before?.questions ?? []).map((q) => [q.id, q]));
  const next = new Map(after.questions.map((q) => [q.id, q]));
  const reworded: QuestionChange[] = [];
  for (const q of after.questions) {
    const o = old.get(q.id);
    if (!o) continue;
    const what = describeChange(o, q);
    if (what.length) reworded.push({ id: q.id, what });
  }
  return {
    added: after.questions.filter((q) => !old.has(q.id)).map((q) => q.id),
    removed: [...old.keys()].filter((id) => !next.has(id)),
    reworded,
    passPercent: before && before.passPercent !== after.passPercent ? { from: before.passPercent, to: after.passPercent } : null,
  };
}

/** What the studio shows of a unit: the trainee's page, as it would render. */
export interface UnitPreview {
  title: string;
  order: number;
  minutes: number;
  objectives: string[];
  contentNote: string | null;
  segments: ({ kind: 'html'; html: string } | { kind: 'reflection'; id: string; prompt: string })[];
  words: number;
  grade: number;
}

/** A quiz with its answer key, for author pages only. */
export interface QuizKey {
  passPercent: number;
  questions: {
    id: string;
    type: QuizQuestion['type'];
    prompt: string;
    options: { id: string; text: string }[];
    answer: string[];
    rationale: string;
  }[];
}

/** The result of checking an edited file: problems, or what it will look like. */
export interface StudioCheck {
  problems: { file: string; line: number; column: number; message: string }[];
  /** Quiz-quality and pool warnings for the edited file: shown, never blocking a save. */
  warnings: { file: string; line: number; column: number; message: string }[];
  unit: UnitPreview | null;
  quiz: QuizKey | null;
  changes: QuizChanges | null;
}

export function quizKey(quiz: Quiz): QuizKey {
  return {
    passPercent: quiz.passPercent,
    questions: quiz.questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      options: optionsOf(q),
      answer: answerOf(q),
      rationale: q.rationale,
    })),
  };
}
