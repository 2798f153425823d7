import { createTwoFilesPatch } from 'diff';
import { answerOf, optionsOf } from '../domain/quiz';
import type { MessageId } from '../i18n/catalogues';
import type { ExamItem, Quiz, QuizQuestion } from './schema';

// Pure helpers of the author studio: which files it may touch, line diffs, and what a quiz edit
// changes for trainees. No I/O, so the browser may import this module too.

/**
 * The kinds of file the studio edits: a unit, its quiz, an area's exam items, the scenarios
 * (with their rubrics), the exam definition (areas, forms and blueprints) and the course file
 * (description, rules, completion, sources, redirects).
 */
export type StudioKind = 'unit' | 'quiz' | 'items' | 'scenarios' | 'exam' | 'course';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
// An optional edition folder (`es/`) mirrors the English files of a course.
const COURSE_FILE = new RegExp(
  `^courses/(${SLUG})/(?:([a-z]{2})/)?(?:units/(\\d+)-(${SLUG})\\.(mdx|quiz\\.yaml)|exam/items/(${SLUG})\\.yaml|exam/(scenarios|exam)\\.yaml|(course)\\.yaml)$`,
);

export interface StudioPath {
  course: string;
  /** The edition folder (`es`), absent for the course's first language. */
  edition?: string;
  kind: StudioKind;
  /** Unit and quiz files only. */
  order?: number;
  unit?: string;
  /** Item files only: the area the file is named after. */
  area?: string;
}

/** True when a path relative to the content root has no way out of it: no absolute path, `.`, `..`, backslash or NUL. */
export function isPlainRelativePath(rel: string): boolean {
  if (typeof rel !== 'string' || !rel || rel.length > 300) return false;
  if (rel.includes('\0') || rel.includes('\\') || rel.startsWith('/')) return false;
  return !rel.split('/').some((s) => s === '' || s === '.' || s === '..');
}

/**
 * Parses a path relative to the content root. Only the course files an author writes are
 * editable: units (`units/NN-slug.mdx`), quizzes (`units/NN-slug.quiz.yaml`), exam items
 * (`exam/items/<area>.yaml`), `exam/scenarios.yaml`, `exam/exam.yaml` and `course.yaml`, in a
 * course folder or an edition folder inside it. No absolute paths, no `.` or `..` segments, no
 * backslashes, no other file types. Returns null for anything else.
 */
export function parseStudioPath(rel: string): StudioPath | null {
  if (!isPlainRelativePath(rel)) return null;
  const m = rel.match(COURSE_FILE);
  if (!m) return null;
  const [, course, edition, order, unit, ext, area, examFile, courseFile] = m;
  const base = edition ? { course, edition } : { course };
  if (unit) return { ...base, order: Number(order), unit, kind: ext === 'mdx' ? 'unit' : 'quiz' };
  if (area) return { ...base, kind: 'items', area };
  if (examFile) return { ...base, kind: examFile === 'exam' ? 'exam' : 'scenarios' };
  if (courseFile) return { ...base, kind: 'course' };
  return null;
}

/** What an author calls each kind of file. */
export const KIND_LABEL: Record<StudioKind, string> = {
  unit: 'unit text',
  quiz: 'quiz',
  items: 'exam items',
  scenarios: 'scenarios and rubrics',
  exam: 'exam blueprint and forms',
  course: 'course file',
};

/** What each kind of file is called on the studio's pages. */
export const KIND_MESSAGE: Record<StudioKind, MessageId> = {
  unit: 'author.overview.kindLabel.unit',
  quiz: 'author.overview.kindLabel.quiz',
  items: 'author.overview.kindLabel.items',
  scenarios: 'author.overview.kindLabel.scenarios',
  exam: 'author.overview.kindLabel.exam',
  course: 'author.overview.kindLabel.course',
};

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

export interface ItemChanges {
  added: string[];
  removed: string[];
  /** Items that keep their id with a new prompt, rationale, competencies or use: allowed. */
  reworded: QuestionChange[];
  /** Items that keep their id with other options or another answer: refused (a new id is needed). */
  meaningChanged: QuestionChange[];
}

type ItemLike = Pick<ExamItem, 'id' | 'prompt' | 'options' | 'answer' | 'rationale' | 'competencies'> & { use?: string };

/**
 * What an edit of an area's exam items changes, by item id. An item keeps its identity (and its
 * statistics, and the meaning of every recorded answer) by id only, so an item whose options or
 * answer change under the same id would mix two questions' answers: that is `meaningChanged`,
 * and the studio refuses it. Rewording the prompt or rationale keeps the question and is allowed
 * (docs/decisions/031-studio-edits-everything.md).
 */
export function compareItems(before: ItemLike[] | null, after: ItemLike[]): ItemChanges {
  const old = new Map((before ?? []).map((i) => [i.id, i]));
  const next = new Set(after.map((i) => i.id));
  const reworded: QuestionChange[] = [];
  const meaningChanged: QuestionChange[] = [];
  for (const item of after) {
    const o = old.get(item.id);
    if (!o) continue;
    const meaning: string[] = [];
    if (!same(o.options, item.options)) meaning.push('options');
    if (o.answer !== item.answer) meaning.push('answer');
    const words: string[] = [];
    if (o.prompt !== item.prompt) words.push('prompt');
    if (o.rationale !== item.rationale) words.push('rationale');
    if (!same(o.competencies, item.competencies)) words.push('competencies');
    if ((o.use ?? 'both') !== (item.use ?? 'both')) words.push('use');
    if (meaning.length) meaningChanged.push({ id: item.id, what: [...meaning, ...words] });
    else if (words.length) reworded.push({ id: item.id, what: words });
  }
  return {
    added: after.filter((i) => !old.has(i.id)).map((i) => i.id),
    removed: [...old.keys()].filter((id) => !next.has(id)),
    reworded,
    meaningChanged,
  };
}

/** The message for an item whose meaning changed under its old id, as the quiz view words it. */
export function meaningChangedMessage(c: QuestionChange): string {
  return `item "${c.id}" changed (${c.what.join(', ')}): it would stay the same question, with the same statistics. Its meaning changed, so give it a new id instead (and remove the old item, or keep it as it was).`;
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
  /** For an exam item file: what the edit changes, by item id. */
  itemChanges?: ItemChanges | null;
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

export type SaveResult =
  | { status: 'saved'; hash: string; revisionId: string | null }
  | { status: 'disabled'; message: string }
  | { status: 'conflict'; message: string; currentHash: string; diff: string }
  | { status: 'invalid'; message: string; check: StudioCheck };

/** What the studio editor's action answers, other than a redirect after a save. */
export type EditorActionData =
  | { intent: 'invalid'; errors: Record<string, string>; source: string }
  | { intent: 'preview'; check: StudioCheck; source: string }
  | { intent: 'save'; result: Exclude<SaveResult, { status: 'saved' }>; source: string };

/** A revision as the editor lists it. */
export interface RevisionView {
  id: string;
  at: number;
  before_hash: string;
  after_hash: string;
  diff: string;
  author_name: string;
}

/** Everything the studio editor page shows for one file. */
export interface EditorData {
  kind: StudioKind;
  title: string;
  /** As problems show it (relative to the working directory). */
  file: string;
  exists: boolean;
  source: string;
  hash: string;
  check: StudioCheck;
  editing: boolean;
  saved: boolean;
  revisions: RevisionView[];
  /** A line to open the editor at (the glossary links to a term's line). */
  line: number | null;
}

/** Each `<KeyTerm term="…">` of a unit's source with the line it starts on (1-based), for the studio glossary. */
export function keyTermLines(source: string): { term: string; line: number }[] {
  const out: { term: string; line: number }[] = [];
  for (const m of source.matchAll(/<KeyTerm\b[^>]*?\bterm="([^"]*)"/g)) {
    out.push({ term: m[1], line: source.slice(0, m.index).split('\n').length });
  }
  return out;
}
