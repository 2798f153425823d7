import { createHash } from 'node:crypto';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { compileUnit, readingGradeProblem } from './compile.server';
import { editionOfFile } from './editions';
import { splitFrontmatter } from './frontmatter';
import { formatProblem, sortProblems } from './problems';
import {
  courseSchema,
  examSchema,
  frontmatterSchema,
  itemFileSchema,
  type Quiz,
  quizSchema,
  scenariosFileSchema,
} from './schema';
import { currentDraft, fileHistory, saveDraft, storedTreeCheck, treeCheck } from './store.server';
import {
  compareItems,
  compareQuizzes,
  type EditorData,
  meaningChangedMessage,
  normaliseNewlines,
  parseStudioPath,
  quizKey,
  type SaveResult,
  type StudioCheck,
  type StudioKind,
  unifiedDiff,
} from './studio';
import { parseYaml } from './yaml';

// The author studio's file work: find an editable file of the draft, check an edit against the
// whole course, and save it to the draft (docs/decisions/030-content-store.md): trainees see it
// once an author publishes.

/** The hash the edit form carries for a file that does not exist yet (a unit's first quiz). */
export const ABSENT_HASH = 'absent';

export const hashSource = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export { contentRoot } from './content.server';

export interface StudioTarget {
  /** Absolute content root (problems and links are shown as under it). */
  root: string;
  /** Path relative to the content root, with forward slashes: the file's path in the draft tree. */
  rel: string;
  /** As problems show it: relative to the working directory. */
  display: string;
  kind: StudioKind;
  course: string;
  /** The unit's slug as its file name gives it: unit and quiz files only. */
  unit: string | null;
}

/**
 * The editable file at `rel` of the draft, or null when the path is not an editable course file
 * (see parseStudioPath: no absolute paths, no `.` or `..`, no other file types). The file need
 * not exist yet (a unit's first quiz).
 */
export async function studioTarget(root: string, rel: string): Promise<StudioTarget | null> {
  const parsed = parseStudioPath(rel);
  if (!parsed) return null;
  const absRoot = resolve(root);
  return {
    root: absRoot,
    rel,
    display: relative(process.cwd(), join(absRoot, rel)) || rel,
    kind: parsed.kind,
    course: parsed.course,
    unit: parsed.unit ?? null,
  };
}

/**
 * The unit file (or its quiz) of a unit in the draft, found by its file name (`NN-<unit>.mdx`)
 * so that a unit whose frontmatter is broken can still be opened and fixed.
 */
export async function findStudioTarget(db: Kysely<Database>, root: string, course: string, unit: string, kind: StudioKind) {
  const { files } = await currentDraft(db, root);
  const dir = `courses/${course}/units/`;
  const mdx = [...files.keys()]
    .filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'))
    .map((p) => p.slice(dir.length))
    .find((f) => /^\d+-/.test(f) && f.replace(/^\d+-/, '') === `${unit}.mdx`);
  if (!mdx) return null;
  const name = kind === 'unit' ? mdx : mdx.replace(/\.mdx$/, '.quiz.yaml');
  return studioTarget(root, `courses/${course}/units/${name}`);
}

/** An edit link for a problem's file, when the studio can edit it. */
export function editLinkFor(root: string, problemFile: string): string | null {
  const rel = relative(resolve(root), resolve(problemFile)).split(sep).join('/');
  const p = parseStudioPath(rel);
  if (!p) return null;
  if ((p.kind === 'unit' || p.kind === 'quiz') && !p.edition)
    return `/author/courses/${p.course}/units/${p.unit}/edit${p.kind === 'quiz' ? '?file=quiz' : ''}`;
  return fileEditLink(rel);
}

/** The studio's editor for any editable file, by its path relative to the content root. */
export function fileEditLink(rel: string): string | null {
  const p = parseStudioPath(rel);
  if (!p) return null;
  return `/author/courses/${p.course}/files/${rel.slice(`courses/${p.course}/`.length)}`;
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** A file of the draft: its text and hash (ABSENT_HASH when it does not exist yet), and the draft's tree id. */
export async function readStudioFile(
  db: Kysely<Database>,
  target: StudioTarget,
): Promise<{ source: string; hash: string; exists: boolean; treeId: string }> {
  const { treeId, files } = await currentDraft(db, target.root);
  const bytes = files.get(target.rel);
  if (!bytes) return { source: '', hash: ABSENT_HASH, exists: false, treeId };
  const source = decoder.decode(bytes);
  return { source, hash: hashSource(source), exists: true, treeId };
}

function parseQuiz(display: string, text: string): Quiz | null {
  const r = parseYaml(display, text, quizSchema);
  return r.ok ? r.data : null;
}

/**
 * Checks an edit as `content:check` would, on the whole content tree with this file replaced.
 * Reports every problem of the edited file, and any problem the edit would introduce in
 * another file (a duplicate question id, a slug an exam area points at). Problems elsewhere
 * that were there before the edit are not the author's to fix here.
 */
export async function checkEdit(db: Kysely<Database>, target: StudioTarget, rawSource: string): Promise<StudioCheck> {
  const source = normaliseNewlines(rawSource);
  const draft = await currentDraft(db, target.root);
  const edited = new Map(draft.files).set(target.rel, encoder.encode(source));
  const [before, after] = await Promise.all([
    storedTreeCheck(target.root, draft.treeId, draft.files),
    treeCheck(target.root, edited, []),
  ]);
  const known = new Set(before.problems.map(formatProblem));
  const problems = after.problems.filter((p) => p.file === target.display || !known.has(formatProblem(p)));
  const warnings = sortProblems(after.warnings.filter((p) => p.file === target.display));
  const result: StudioCheck = { problems: [], warnings, unit: null, quiz: null, changes: null };

  if (target.kind === 'unit') {
    const fm = splitFrontmatter(target.display, source);
    const meta = fm.yaml === null ? null : parseYaml(target.display, fm.yaml, frontmatterSchema, fm.yamlLine - 1);
    // With broken front matter the MDX body is still checked, at the same line numbers:
    // compileUnit only ever sees the body, never a front-matter block.
    const compiled = await compileUnit(target.display, source);
    if (!compiled.ok) problems.push(...compiled.problems);
    else {
      const tooHard = readingGradeProblem(target.display, source, compiled.unit, editionOfFile(target.display));
      if (tooHard) problems.push(tooHard);
    }
    if (compiled.ok && meta?.ok)
      result.unit = {
        title: meta.data.title,
        order: meta.data.order,
        minutes: meta.data.minutes,
        objectives: meta.data.objectives,
        contentNote: meta.data.contentNote ?? null,
        segments: compiled.unit.segments,
        words: compiled.unit.words,
        grade: compiled.unit.grade,
      };
  } else if (target.kind === 'quiz') {
    // The tree check skips a quiz whose unit is broken; check its own format here too.
    const own = parseYaml(target.display, source, quizSchema);
    if (!own.ok) problems.push(...own.problems);
    else {
      const saved = await readStudioFile(db, target);
      result.changes = compareQuizzes(saved.exists ? parseQuiz(target.display, saved.source) : null, own.data);
      result.quiz = quizKey(own.data);
    }
  } else if (target.kind === 'items') {
    const own = parseYaml(target.display, source, itemFileSchema);
    if (!own.ok) problems.push(...own.problems);
    else {
      const saved = await readStudioFile(db, target);
      const old = saved.exists ? parseYaml(target.display, saved.source, itemFileSchema) : null;
      const changes = compareItems(old?.ok ? old.data.items : null, own.data.items);
      result.itemChanges = changes;
      // Stable ids: an item whose options or answer changed needs a new id (ADR 031).
      for (const c of changes.meaningChanged) {
        const i = own.data.items.findIndex((it) => it.id === c.id);
        problems.push({ file: target.display, ...own.locate(['items', i, 'id']), message: meaningChangedMessage(c) });
      }
    }
  } else {
    // The tree check skips files below one that does not parse; check this file's own format.
    const schema = target.kind === 'scenarios' ? scenariosFileSchema : target.kind === 'exam' ? examSchema : courseSchema;
    const own = parseYaml(target.display, source, schema);
    if (!own.ok) problems.push(...own.problems);
  }
  const seen = new Set<string>();
  result.problems = sortProblems(problems).filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (result.problems.length) {
    result.unit = null;
    result.quiz = null;
  }
  return result;
}

export type { SaveResult } from './studio';

/**
 * Saves an edit from the studio to the draft. Refused when editing is off, when the file changed
 * in the draft since the author opened it (`baseHash`), or when the course would have any
 * problem the edit brings in. Otherwise stores a new draft tree (who, when, why: the file's
 * history is the tree history). Saving the same text again records nothing.
 */
export async function saveEdit(
  db: Kysely<Database>,
  input: { target: StudioTarget; source: string; baseHash: string; authorId: string; editing: boolean },
  now = Date.now(),
): Promise<SaveResult> {
  const { target, baseHash } = input;
  const source = normaliseNewlines(input.source);
  if (!input.editing)
    return {
      status: 'disabled',
      message:
        'Saving is turned off on this server (CONTENT_EDITING is off), so nothing was saved. Copy your text into the file in content/ and commit it, or ask an administrator to turn editing on.',
    };
  const current = await readStudioFile(db, target);
  const conflict = (now: { source: string; hash: string }): SaveResult => ({
    status: 'conflict',
    message:
      'This file has changed since you opened it (another author saved it, or the files were updated), so nothing was saved. Below is how the saved file differs from your version. Copy your changes, open the newest version, and make them again.',
    currentHash: now.hash,
    diff: unifiedDiff(now.source, source, { from: `${target.rel} (saved now)`, to: `${target.rel} (your version)` }),
  });
  if (current.hash !== baseHash) return conflict(current);
  const check = await checkEdit(db, target, source);
  if (check.problems.length)
    return {
      status: 'invalid',
      message: `Nothing was saved: fix the ${check.problems.length === 1 ? 'problem' : `${check.problems.length} problems`} below first.`,
      check,
    };
  if (current.exists && current.source === source) return { status: 'saved', hash: current.hash, revisionId: null };
  const r = await saveDraft(
    db,
    target.root,
    {
      changes: [{ path: target.rel, bytes: encoder.encode(source) }],
      baseTreeId: current.treeId,
      authorId: input.authorId,
      message: `Edited ${target.rel}`,
    },
    now,
  );
  if (r.status === 'conflict') return conflict(await readStudioFile(db, target));
  if (r.status === 'invalid')
    return { status: 'invalid', message: r.message, check: { ...check, problems: r.problems, unit: null, quiz: null } };
  return { status: 'saved', hash: hashSource(source), revisionId: r.treeId };
}

/** A starting point for a file that does not exist yet (a unit's first quiz, a new area's items). */
function starter(target: StudioTarget): string {
  if (target.kind === 'quiz')
    return `passPercent: 80
questions:
  - id: ${target.unit}-first-question
    type: single
    prompt: Write the question here.
    options:
      - id: a
        text: The first option.
      - id: b
        text: The second option.
    answer: a
    rationale: Explain why this answer is the right one.
`;
  if (target.kind === 'items') {
    const area = basename(target.rel, '.yaml');
    return `area: ${area}
items: []
`;
  }
  return '';
}

/** What the studio editor shows for one file: its text (or a starting point), the check, its revisions. */
export async function editorData(
  db: Kysely<Database>,
  target: StudioTarget,
  opts: { title: string; editing: boolean; saved: boolean; line: number | null },
): Promise<EditorData> {
  const file = await readStudioFile(db, target);
  const source = file.exists ? file.source : starter(target);
  const [check, history] = await Promise.all([checkEdit(db, target, source), fileHistory(db, target.rel)]);
  const revisions = history.map((h) => ({
    id: h.treeId,
    at: h.at,
    before_hash: h.beforeHash,
    after_hash: h.afterHash,
    diff: h.message ? `${h.message}\n${h.diff}` : h.diff,
    author_name: h.authorName ?? '',
  }));
  return {
    kind: target.kind,
    title: opts.title,
    file: target.display,
    exists: file.exists,
    source,
    hash: file.hash,
    check,
    editing: opts.editing,
    saved: opts.saved,
    revisions,
    line: opts.line,
  };
}

/** One editable file of a course, as the studio's overview lists it. */
export interface StudioFile {
  /** Relative to the content root. */
  rel: string;
  /** Relative to the course folder. */
  path: string;
  kind: StudioKind;
  edition: string | null;
  link: string;
}

/** Every file of a course the studio edits, in the draft (so broken files are listed too), sorted by path. */
export async function listStudioFiles(db: Kysely<Database>, root: string, course: string): Promise<StudioFile[]> {
  const { files } = await currentDraft(db, root);
  const prefix = `courses/${course}/`;
  const out: StudioFile[] = [];
  for (const rel of files.keys()) {
    if (!rel.startsWith(prefix)) continue;
    const p = parseStudioPath(rel);
    const link = p && fileEditLink(rel);
    if (p && link) out.push({ rel, path: rel.slice(prefix.length), kind: p.kind, edition: p.edition ?? null, link });
  }
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}
