import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Problem } from './problems';
import { competenciesFileSchema } from './schema';
import { type ContentChange, currentDraft, saveDraft, type TreeFiles } from './store.server';
import { createUnit, type FileEdit, renameUnit, reorderUnit, retireUnit, type UnitFiles } from './unit-ops';
import { parseYaml } from './yaml';

// Reads a course's unit files from the draft and plans a studio unit operation as a list of
// file changes (app/content/unit-ops.ts does the text work).

export type UnitOp =
  | { op: 'create'; title: string; slug: string; order: number }
  | { op: 'rename'; unit: string; to: string }
  | { op: 'move'; unit: string; direction: 'up' | 'down' }
  | { op: 'retire'; unit: string; retired: boolean };

export type UnitPlan = { ok: true; changes: ContentChange[]; message: string } | { ok: false; message: string };

const UNIT_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

const decoder = new TextDecoder('utf-8');

/** The names directly inside a folder of the tree, sorted. */
function listNames(files: TreeFiles, dir: string): { name: string; folder: boolean }[] {
  const prefix = `${dir}/`;
  const out = new Map<string, boolean>();
  for (const p of files.keys()) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const i = rest.indexOf('/');
    out.set(i === -1 ? rest : rest.slice(0, i), i !== -1);
  }
  return [...out].map(([name, folder]) => ({ name, folder })).sort((a, b) => a.name.localeCompare(b.name));
}

function readText(files: TreeFiles, path: string): string | null {
  const bytes = files.get(path);
  return bytes ? decoder.decode(bytes) : null;
}

/** The units of one units folder (`courses/<c>/units` or an edition's), by their file names. */
function unitFiles(files: TreeFiles, unitsDir: string): UnitFiles[] {
  const out: UnitFiles[] = [];
  for (const { name } of listNames(files, unitsDir)) {
    const m = name.match(UNIT_FILE);
    if (!m) continue;
    const mdxPath = `${unitsDir}/${name}`;
    const quizPath = mdxPath.replace(/\.mdx$/, '.quiz.yaml');
    const quizText = readText(files, quizPath);
    out.push({
      slug: m[2],
      order: Number(m[1]),
      mdx: { path: mdxPath, text: readText(files, mdxPath) ?? '' },
      quiz: quizText === null ? null : { path: quizPath, text: quizText },
    });
  }
  return out;
}

/** The course folder and its edition folders (two-letter names holding units), first edition first. */
function editionDirs(files: TreeFiles, course: string): string[] {
  const base = `courses/${course}`;
  const editions = listNames(files, base)
    .filter((e) => e.folder && /^[a-z]{2}$/.test(e.name))
    .map((e) => `${base}/${e.name}`);
  return [base, ...editions.sort()];
}

const encoder = new TextEncoder();
const toChanges = (edits: FileEdit[]): ContentChange[] =>
  edits.map((e) => ({ path: e.path, bytes: e.text === null ? null : encoder.encode(e.text) }));

/** Plans a unit operation. Refuses (with a plain message) a unit that does not exist or a slug already taken. */
export function planUnitOp(files: TreeFiles, course: string, op: UnitOp): UnitPlan {
  const dirs = editionDirs(files, course);
  const editions = dirs.map((d) => ({ dir: d, units: unitFiles(files, `${d}/units`) }));
  const first = editions[0].units;
  const find = (slug: string) => first.find((u) => u.slug === slug);
  const coursePath = `courses/${course}/course.yaml`;
  const courseText = readText(files, coursePath);
  if (courseText === null) return { ok: false, message: 'We could not find that course.' };

  if (op.op === 'create') {
    if (find(op.slug)) return { ok: false, message: `A unit with the slug "${op.slug}" already exists: choose another.` };
    const comps = parseYaml('competencies.yaml', readText(files, 'competencies.yaml') ?? '', competenciesFileSchema);
    const competency = first[0] ? (first[0].mdx.text.match(/^competencies:\s*\[\s*([a-z0-9-]+)/m)?.[1] ?? null) : null;
    const chosen = competency ?? (comps.ok ? comps.data.competencies[0].id : null);
    if (!chosen) return { ok: false, message: 'Add the competencies (content/competencies.yaml) before the first unit.' };
    const order = Math.min(Math.max(1, op.order), first.length + 1);
    return {
      ok: true,
      // In every edition at once: an edition must have every unit (ADR 032), so a translated
      // edition gets the same starting text, to be translated there.
      changes: toChanges(editions.flatMap((e) => createUnit(e.units, `${e.dir}/units`, { ...op, order, competency: chosen }))),
      message: `New unit "${op.slug}" at place ${order}`,
    };
  }

  const unit = find(op.unit);
  if (!unit) return { ok: false, message: 'We could not find that unit.' };
  if (op.op === 'rename') {
    if (op.to === op.unit) return { ok: false, message: 'That is the unit’s slug already.' };
    if (find(op.to)) return { ok: false, message: `A unit with the slug "${op.to}" already exists: choose another.` };
    const exams: { path: string; text: string }[] = [];
    for (const d of dirs) {
      const path = `${d}/exam/exam.yaml`;
      const text = readText(files, path);
      if (text !== null) exams.push({ path, text });
    }
    const units = editions.map((e) => e.units.find((u) => u.slug === op.unit)).filter((u): u is UnitFiles => Boolean(u));
    return {
      ok: true,
      changes: toChanges(renameUnit({ editions: units, exams, course: { path: coursePath, text: courseText }, to: op.to })),
      message: `Renamed unit "${op.unit}" to "${op.to}"`,
    };
  }
  if (op.op === 'move') {
    const edits: FileEdit[] = [];
    for (const e of editions) edits.push(...(reorderUnit(e.units, op.unit, op.direction) ?? []));
    if (!edits.length) return { ok: false, message: `This unit is already the ${op.direction === 'up' ? 'first' : 'last'} one.` };
    return { ok: true, changes: toChanges(edits), message: `Moved unit "${op.unit}" ${op.direction}` };
  }
  const edits = editions.flatMap((e) => {
    const u = e.units.find((x) => x.slug === op.unit);
    return u ? retireUnit(u, op.retired) : [];
  });
  return { ok: true, changes: toChanges(edits), message: `${op.retired ? 'Retired' : 'Brought back'} unit "${op.unit}"` };
}

export type UnitOpResult =
  | { status: 'saved'; unit: string }
  | { status: 'refused'; message: string }
  | { status: 'conflict'; message: string; diff: string }
  | { status: 'invalid'; message: string; problems: Problem[] };

/**
 * Plans and saves a unit operation on the draft, or nothing. A rename's redirect moves the
 * trainees' records of the unit to its new slug when it is published (unitMoves in store.server.ts).
 */
export async function runUnitOp(
  db: Kysely<Database>,
  root: string,
  input: { course: string; op: UnitOp; baseTreeId: string; authorId: string },
): Promise<UnitOpResult> {
  const base = await currentDraft(db, root);
  const plan = planUnitOp(base.files, input.course, input.op);
  if (!plan.ok) return { status: 'refused', message: plan.message };
  const r = await saveDraft(db, root, {
    changes: plan.changes,
    baseTreeId: input.baseTreeId,
    authorId: input.authorId,
    message: plan.message,
  });
  if (r.status === 'conflict') return { status: 'conflict', message: r.message, diff: r.diff };
  if (r.status === 'invalid') return { status: 'invalid', message: r.message, problems: r.problems };
  const op = input.op;
  return { status: 'saved', unit: op.op === 'create' ? op.slug : op.op === 'rename' ? op.to : op.unit };
}
