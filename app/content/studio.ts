import { createTwoFilesPatch } from 'diff';
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

/** The whole of `before` removed and `after` added, as one hunk: the diff of last resort. */
function replacement(before: string, after: string, names: { from: string; to: string }): string {
  const lines = (text: string, sign: string) => {
    if (text === '') return [];
    const all = text.split('\n');
    const ended = all[all.length - 1] === '';
    if (ended) all.pop();
    const out = all.map((l) => `${sign}${l}`);
    if (!ended) out.push('\\ No newline at end of file');
    return out;
  };
  const a = lines(before, '-');
  const b = lines(after, '+');
  const count = (l: string[]) => l.filter((x) => !x.startsWith('\\')).length;
  const range = (n: number) => `${n ? 1 : 0},${n}`;
  return [`--- ${names.from}`, `+++ ${names.to}`, `@@ -${range(count(a))} +${range(count(b))} @@`, ...a, ...b, ''].join('\n');
}

/**
 * A unified diff (as `diff -u` or git prints it) from `before` to `after`, with `context` lines
 * around each change. Returns the empty string when the texts are equal. A change too large to
 * align within a second (two unrelated files of many thousand lines) is shown as one replacement.
 */
export function unifiedDiff(before: string, after: string, names: { from: string; to: string }, context = 3): string {
  if (before === after) return '';
  const patch =
    createTwoFilesPatch(names.from, names.to, before, after, undefined, undefined, { context, timeout: 1000 }) ??
    replacement(before, after, names);
  // jsdiff opens with a rule of '=' (its Index style); diff -u and git do not.
  return patch.replace(/^=+\n/, '');
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
