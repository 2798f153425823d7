import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { env } from '../infra/env.server';
import { listContentRevisions, recordContentRevision } from '../models/content-revision.server';
import { compileUnit, readingGradeProblem } from './compile.server';
import { invalidateContent } from './content.server';
import { splitFrontmatter } from './frontmatter';
import { loadContentSources } from './load.server';
import { formatProblem, type Problem, sortProblems } from './problems';
import {
  courseSchema,
  examSchema,
  frontmatterSchema,
  itemFileSchema,
  type Quiz,
  quizSchema,
  scenariosFileSchema,
} from './schema';
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

// The author studio's file work: find an editable file, check an edit against the whole
// course, and save it safely (conflict check, revision, atomic write, reload for trainees).

/** The hash the edit form carries for a file that does not exist yet (a unit's first quiz). */
export const ABSENT_HASH = 'absent';

export const hashSource = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export function contentRoot(): string {
  return resolve(env().CONTENT_DIR);
}

export interface StudioTarget {
  /** Absolute content root. */
  root: string;
  /** Path relative to the content root, with forward slashes. */
  rel: string;
  abs: string;
  /** As problems show it: relative to the working directory. */
  display: string;
  kind: StudioKind;
  course: string;
  /** The unit's slug as its file name gives it: unit and quiz files only. */
  unit: string | null;
}

const inside = (parent: string, child: string) => child === parent || child.startsWith(parent + sep);

/**
 * The editable file at `rel` under `root`, or null when the path is not a unit or quiz file
 * inside the content root (see parseStudioPath), including through a symbolic link.
 */
export async function studioTarget(root: string, rel: string): Promise<StudioTarget | null> {
  const parsed = parseStudioPath(rel);
  if (!parsed) return null;
  const absRoot = resolve(root);
  const abs = resolve(absRoot, rel);
  if (!inside(absRoot, abs) || abs === absRoot) return null;
  try {
    const realRoot = await realpath(absRoot);
    if (!inside(realRoot, await realpath(dirname(abs)))) return null;
    const realFile = await realpath(abs).catch(() => null);
    if (realFile && !inside(realRoot, realFile)) return null;
  } catch {
    return null;
  }
  return {
    root: absRoot,
    rel,
    abs,
    display: relative(process.cwd(), abs) || abs,
    kind: parsed.kind,
    course: parsed.course,
    unit: parsed.unit ?? null,
  };
}

/**
 * The unit file (or its quiz) of a unit, found by its file name (`NN-<unit>.mdx`) so that a
 * unit whose frontmatter is broken can still be opened and fixed.
 */
export async function findStudioTarget(root: string, course: string, unit: string, kind: StudioKind) {
  const files = await readdir(join(resolve(root), 'courses', course, 'units')).catch(() => [] as string[]);
  const mdx = files.find((f) => /^\d+-/.test(f) && f.replace(/^\d+-/, '') === `${unit}.mdx`);
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

export async function readStudioFile(target: StudioTarget): Promise<{ source: string; hash: string; exists: boolean }> {
  try {
    const source = await readFile(target.abs, 'utf8');
    return { source, hash: hashSource(source), exists: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { source: '', hash: ABSENT_HASH, exists: false };
    throw e;
  }
}

/** Every problem of the content tree, with one file replaced by `source`, positions as the app shows them. */
async function treeProblems(
  root: string,
  replace?: { rel: string; source: string },
): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  let dir = root;
  let tmp: string | null = null;
  if (replace) {
    // NOTE: checked on a temporary copy, so the real files never hold an unchecked edit.
    tmp = await mkdtemp(join(tmpdir(), 'pa-studio-'));
    dir = join(tmp, 'content');
    await cp(root, dir, { recursive: true });
    await writeFile(join(dir, replace.rel), replace.source);
  }
  try {
    const sources = await loadContentSources(dir, dir);
    const shown = (p: Problem) => ({ ...p, file: relative(process.cwd(), join(root, p.file)) });
    return { problems: sources.problems.map(shown), warnings: sources.warnings.map(shown) };
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
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
export async function checkEdit(target: StudioTarget, rawSource: string): Promise<StudioCheck> {
  const source = normaliseNewlines(rawSource);
  const [before, after] = await Promise.all([treeProblems(target.root), treeProblems(target.root, { rel: target.rel, source })]);
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
      const tooHard = readingGradeProblem(target.display, source, compiled.unit);
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
      const saved = await readStudioFile(target);
      result.changes = compareQuizzes(saved.exists ? parseQuiz(target.display, saved.source) : null, own.data);
      result.quiz = quizKey(own.data);
    }
  } else if (target.kind === 'items') {
    const own = parseYaml(target.display, source, itemFileSchema);
    if (!own.ok) problems.push(...own.problems);
    else {
      const saved = await readStudioFile(target);
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

const locks = new Map<string, Promise<unknown>>();

/** Runs saves of one file one after another within this process. */
function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (locks.get(key) ?? Promise.resolve()).then(fn, fn);
  const settled = run.catch(() => undefined);
  locks.set(key, settled);
  void settled.then(() => {
    if (locks.get(key) === settled) locks.delete(key);
  });
  return run;
}

/** Writes a whole file or nothing: a reader never sees half a unit. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Saves an edit from the studio. Refused when editing is off, when the file changed since the
 * author opened it (`baseHash`), or when the course would have any problem the edit brings in.
 * Otherwise records a revision (who, when, hashes, unified diff), writes the file and reloads
 * the content so trainees see it at once. Saving the same text again records nothing.
 */
export function saveEdit(
  db: Kysely<Database>,
  input: { target: StudioTarget; source: string; baseHash: string; authorId: string; editing: boolean },
  now = Date.now(),
): Promise<SaveResult> {
  const { target, baseHash } = input;
  const source = normaliseNewlines(input.source);
  return serialised(target.abs, async (): Promise<SaveResult> => {
    if (!input.editing)
      return {
        status: 'disabled',
        message:
          'Saving is turned off on this server (CONTENT_EDITING is off), so nothing was saved. Copy your text into the file in content/ and commit it, or ask an administrator to turn editing on.',
      };
    const current = await readStudioFile(target);
    if (current.hash !== baseHash)
      return {
        status: 'conflict',
        message:
          'This file has changed since you opened it (another author saved it, or the files were updated), so nothing was saved. Below is how the saved file differs from your version. Copy your changes, open the newest version, and make them again.',
        currentHash: current.hash,
        diff: unifiedDiff(current.source, source, { from: `${target.rel} (saved now)`, to: `${target.rel} (your version)` }),
      };
    const check = await checkEdit(target, source);
    if (check.problems.length)
      return {
        status: 'invalid',
        message: `Nothing was saved: fix the ${check.problems.length === 1 ? 'problem' : `${check.problems.length} problems`} below first.`,
        check,
      };
    if (current.exists && current.source === source) return { status: 'saved', hash: current.hash, revisionId: null };
    const hash = hashSource(source);
    const revisionId = await db.transaction().execute(async (trx) => {
      const id = await recordContentRevision(
        trx,
        {
          path: target.rel,
          authorId: input.authorId,
          beforeHash: current.hash,
          afterHash: hash,
          diff: unifiedDiff(current.source, source, { from: `a/${target.rel}`, to: `b/${target.rel}` }),
        },
        now,
      );
      // Written inside the transaction: a failed write leaves no revision behind.
      await writeAtomically(target.abs, source);
      return id;
    });
    invalidateContent();
    return { status: 'saved', hash, revisionId };
  });
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
  const file = await readStudioFile(target);
  const source = file.exists ? file.source : starter(target);
  const [check, revisions] = await Promise.all([checkEdit(target, source), listContentRevisions(db, target.rel)]);
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

/** Every file of a course the studio edits, found on disk (so broken files are listed too), sorted by path. */
export async function listStudioFiles(root: string, course: string): Promise<StudioFile[]> {
  const base = join(resolve(root), 'courses', course);
  const out: StudioFile[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > 4) return;
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs, depth + 1);
      else if (e.isFile()) {
        const rel = relative(resolve(root), abs).split(sep).join('/');
        const p = parseStudioPath(rel);
        const link = p && fileEditLink(rel);
        if (p && link)
          out.push({ rel, path: rel.slice(`courses/${course}/`.length), kind: p.kind, edition: p.edition ?? null, link });
      }
    }
  };
  await walk(base, 0);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}
