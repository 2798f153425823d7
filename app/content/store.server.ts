import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
  getHead,
  getHeads,
  getPublish,
  getTree,
  insertTree,
  type Manifest,
  moveHead,
  notifyPublished,
  putBlobs,
  readBlobs,
  recordPublish,
  setHead,
  type TreeKind,
  type TreeRow,
  treeAncestry,
} from '../models/content-store.server';
import { moveUnitRecords } from '../models/unit-records.server';
import { readingGradeProblem } from './compile.server';
import { compileCached } from './compiled-cache.server';
import { editionOfFile } from './editions';
import { loadContentSources, memoryFiles } from './load.server';
import { formatProblem, type Problem, sortProblems } from './problems';
import { courseSchema } from './schema';
import { isPlainRelativePath, unifiedDiff } from './studio';
import { parseYaml } from './yaml';

// Content versions in the database, the way git keeps them (docs/decisions/030-content-store.md):
// blobs by hash, immutable trees, and three heads: `draft` (what authors edit), `published`
// (what trainees see) and `synced` (the tree last imported from or exported to content/).
// Every change to the draft is checked on the whole course and moves the head with a
// compare-and-swap, so two authors on two instances can never overwrite each other.

export type { Manifest } from '../models/content-store.server';
export type ContentChange = { path: string; bytes: Uint8Array | null };
export type ChangeResult =
  | { status: 'saved'; treeId: string }
  | { status: 'conflict'; currentTreeId: string; diff: string; message: string }
  | { status: 'invalid'; problems: Problem[]; message: string };

export const blobHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const decoder = new TextDecoder('utf-8');
const text = (b: Uint8Array | null | undefined) => (b ? decoder.decode(b) : '');
const isText = (path: string) => /\.(mdx|ya?ml|md)$/.test(path);

export type TreeFiles = Map<string, Uint8Array>;

// ---------------------------------------------------------------------------------------------
// Reading trees

/** Trees are immutable: their files are kept for the few trees in use (published, draft, the one before). */
const treeFilesCache = new Map<string, Promise<TreeFiles>>();
const TREES_KEPT = 4;

/** Every file of a tree, by path. */
export function treeFiles(db: Kysely<Database>, treeId: string): Promise<TreeFiles> {
  const hit = treeFilesCache.get(treeId);
  if (hit) {
    treeFilesCache.delete(treeId);
    treeFilesCache.set(treeId, hit);
    return hit;
  }
  const load = (async () => {
    const tree = await getTree(db, treeId);
    if (!tree) throw new Error(`content tree ${treeId} does not exist`);
    const blobs = await readBlobs(db, Object.values(tree.manifest));
    const files: TreeFiles = new Map();
    for (const [path, hash] of Object.entries(tree.manifest)) {
      const bytes = blobs.get(hash);
      if (!bytes) throw new Error(`content blob ${hash} of ${path} is missing`);
      files.set(path, bytes);
    }
    return files;
  })();
  treeFilesCache.set(treeId, load);
  load.catch(() => treeFilesCache.delete(treeId));
  while (treeFilesCache.size > TREES_KEPT) treeFilesCache.delete(treeFilesCache.keys().next().value as string);
  return load;
}

/** One file of a tree, or null when the tree does not hold it. */
export async function readTreeFile(db: Kysely<Database>, treeId: string, path: string): Promise<Uint8Array | null> {
  if (!isPlainRelativePath(path)) return null;
  return (await treeFiles(db, treeId)).get(path) ?? null;
}

/** The bytes of one blob (an image named by its hash, a file of an old revision). */
export async function readBlob(db: Kysely<Database>, hash: string): Promise<Uint8Array | null> {
  return (await readBlobs(db, [hash])).get(hash) ?? null;
}

export async function draftTreeId(db: Kysely<Database>): Promise<string> {
  const id = await getHead(db, 'draft');
  if (!id) throw new Error('the content store is empty: start the server once, or run `npm run content:import`');
  return id;
}

/** The draft authors edit, with its files; an empty database first imports the content folder. */
export async function currentDraft(db: Kysely<Database>, root: string): Promise<{ treeId: string; files: TreeFiles }> {
  await ensureContentStore(db, root);
  const treeId = await draftTreeId(db);
  return { treeId, files: await treeFiles(db, treeId) };
}

export async function publishedTreeId(db: Kysely<Database>): Promise<string | null> {
  return getHead(db, 'published');
}

// ---------------------------------------------------------------------------------------------
// Writing trees

const manifestOf = (files: TreeFiles): Manifest =>
  Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, b]) => [p, blobHash(b)]));

const sameManifest = (a: Manifest, b: Manifest) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** Stores the files' blobs and a new tree of them; returns the tree's id. */
export async function commitTree(
  db: Kysely<Database>,
  input: { parentId: string | null; files: TreeFiles; authorId: string | null; message: string; kind: TreeKind },
  now = Date.now(),
): Promise<string> {
  const manifest = manifestOf(input.files);
  const id = createHash('sha256')
    .update(JSON.stringify([input.parentId, manifest, input.authorId, input.message, input.kind, now]))
    .digest('hex')
    .slice(0, 24);
  const parent = input.parentId ? await getTree(db, input.parentId) : null;
  const known = new Set(parent ? Object.values(parent.manifest) : []);
  const fresh = new Map([...input.files].filter(([, b]) => !known.has(blobHash(b))).map(([, b]) => [blobHash(b), b]));
  await putBlobs(db, fresh);
  await insertTree(db, {
    id,
    parentId: input.parentId,
    authorId: input.authorId,
    message: input.message,
    createdAt: now,
    manifest,
    kind: input.kind,
  });
  return id;
}

/** Every file under a folder on disk (paths relative to it, forward slashes), skipping dot files. */
export async function diskTree(root: string): Promise<TreeFiles> {
  const abs = resolve(root);
  const out: TreeFiles = new Map();
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.set(relative(abs, p).split(sep).join('/'), new Uint8Array(await readFile(p)));
    }
  };
  await walk(abs);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

// ---------------------------------------------------------------------------------------------
// Checking trees

export interface TreeCheck {
  problems: Problem[];
  warnings: Problem[];
}

/**
 * The problems and warnings of a tree as the app shows them (paths as under the content
 * folder). `units` lists the unit files whose MDX is also compiled and measured (the files a
 * change touched); without it every unit is (publishing).
 */
export async function treeCheck(root: string, files: TreeFiles, units?: string[], shared?: Kysely<Database>): Promise<TreeCheck> {
  const [sources, unitProblems] = await Promise.all([sourceCheck(root, files), unitCheck(root, files, units, shared)]);
  return { problems: [...sources.problems, ...unitProblems], warnings: sources.warnings };
}

/** Every file read, parsed and cross-checked, without compiling units. */
async function sourceCheck(root: string, files: TreeFiles): Promise<TreeCheck> {
  const abs = resolve(root);
  const sources = await loadContentSources(abs, process.cwd(), memoryFiles(abs, files));
  return { problems: sources.problems, warnings: sources.warnings };
}

/**
 * The listed units (every unit without a list) compiled and measured for reading ease. With a
 * database, compiled units are stored in it, so the instances that serve them after a publish
 * compile nothing.
 */
async function unitCheck(root: string, files: TreeFiles, units: string[] | undefined, shared?: Kysely<Database>) {
  const abs = resolve(root);
  const problems: Problem[] = [];
  const unitPaths = units ?? [...files.keys()].filter((p) => UNIT_PATH.test(p));
  for (const path of unitPaths) {
    const bytes = files.get(path);
    if (!bytes || !UNIT_PATH.test(path)) continue;
    const file = relative(process.cwd(), join(abs, path)) || path;
    const source = text(bytes);
    const compiled = await compileCached({ file, source }, problems, shared);
    const tooHard = compiled && readingGradeProblem(file, source, compiled, editionOfFile(file));
    if (tooHard) problems.push(tooHard);
  }
  return problems;
}
const UNIT_PATH = /\/units\/[^/]+\.mdx$/;

/** The problems of a tree (see treeCheck). */
export async function treeProblems(root: string, files: TreeFiles, units?: string[]): Promise<Problem[]> {
  return (await treeCheck(root, files, units)).problems;
}

const checkCache = new Map<string, Promise<TreeCheck>>();

/**
 * The check of a stored tree's files without compiling units, computed once per tree: trees
 * never change, so every save against the same draft compares with one cached result.
 */
function rememberCheck(root: string, treeId: string, check: TreeCheck) {
  checkCache.set(`${resolve(root)}\0${treeId}`, Promise.resolve(check));
  while (checkCache.size > 8) checkCache.delete(checkCache.keys().next().value as string);
}

export function storedTreeCheck(root: string, treeId: string, files: TreeFiles): Promise<TreeCheck> {
  const key = `${resolve(root)}\0${treeId}`;
  let hit = checkCache.get(key);
  if (!hit) {
    hit = sourceCheck(root, files);
    checkCache.set(key, hit);
    hit.catch(() => checkCache.delete(key));
    while (checkCache.size > 8) checkCache.delete(checkCache.keys().next().value as string);
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------
// Saving to the draft

/** Runs draft changes of this process one after another (the head's compare-and-swap guards other processes). */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

const CONFLICT =
  'The course has changed since you opened this page (another author saved a file, or the files were updated), so nothing was saved. Open the page again and make the change on the newest version.';

const sameBytes = (a: Uint8Array | undefined | null, b: Uint8Array | undefined | null) =>
  (!a && !b) || Boolean(a && b && Buffer.compare(a, b) === 0);

/**
 * Applies several file changes to the draft at once, or none (issue 15 item 1). `baseTreeId`
 * is the draft the author opened: the save is a conflict when a file it changes is different
 * in the draft now (another author saved it); saves of other files in between are not
 * conflicts. Refused when a path is not a plain path, or when the course would have a problem
 * it did not have before. Otherwise stores a new tree and moves the draft head to it with a
 * compare-and-swap; when another instance moved the head first, the save is tried again on the
 * newer draft (and is a conflict if that draft changed one of the same files).
 */
export function saveDraft(
  db: Kysely<Database>,
  root: string,
  input: { changes: ContentChange[]; baseTreeId: string; authorId: string; message: string; kind?: TreeKind },
  now = Date.now(),
): Promise<ChangeResult> {
  return serialised(async (): Promise<ChangeResult> => {
    const bad = input.changes.find((c) => !isPlainRelativePath(c.path));
    if (bad)
      return {
        status: 'invalid',
        problems: [],
        message: `Nothing was saved: "${bad.path}" is not a path inside the content folder.`,
      };
    const base = await getTree(db, input.baseTreeId).catch(() => null);
    const baseFiles = base ? await treeFiles(db, base.id) : null;
    for (let attempt = 0; ; attempt++) {
      const r = await saveOnce(db, root, input, baseFiles, now);
      if (r !== 'lost race') return r;
      if (attempt >= 4) {
        const currentId = await draftTreeId(db);
        return { status: 'conflict', currentTreeId: currentId, diff: '', message: CONFLICT };
      }
    }
  });
}

async function saveOnce(
  db: Kysely<Database>,
  root: string,
  input: { changes: ContentChange[]; baseTreeId: string; authorId: string; message: string; kind?: TreeKind },
  baseFiles: TreeFiles | null,
  now: number,
): Promise<ChangeResult | 'lost race'> {
  const currentId = await draftTreeId(db);
  const current = await treeFiles(db, currentId);
  const changedSince = !baseFiles || input.changes.some((c) => !sameBytes(baseFiles.get(c.path), current.get(c.path)));
  if (currentId !== input.baseTreeId && changedSince)
    return {
      status: 'conflict',
      currentTreeId: currentId,
      diff: input.changes
        .filter((c) => isText(c.path))
        .map((c) =>
          unifiedDiff(text(current.get(c.path)), text(c.bytes), { from: `saved now/${c.path}`, to: `your version/${c.path}` }),
        )
        .join(''),
      message: CONFLICT,
    };
  const next: TreeFiles = new Map(current);
  for (const c of input.changes) {
    if (c.bytes === null) next.delete(c.path);
    else next.set(c.path, c.bytes);
  }
  if (sameManifest(manifestOf(next), manifestOf(current))) return { status: 'saved', treeId: currentId };
  const changedUnits = input.changes.filter((c) => c.bytes !== null).map((c) => c.path);
  const [was, will, units] = await Promise.all([
    storedTreeCheck(root, currentId, current),
    sourceCheck(root, next),
    unitCheck(root, next, changedUnits, db),
  ]);
  const known = new Set(was.problems.map(formatProblem));
  const fresh = sortProblems([...will.problems, ...units].filter((p) => !known.has(formatProblem(p))));
  if (fresh.length)
    return {
      status: 'invalid',
      problems: fresh,
      message: `Nothing was saved: the change would bring ${fresh.length === 1 ? 'a problem' : `${fresh.length} problems`} into the course.`,
    };
  const treeId = await commitTree(
    db,
    { parentId: currentId, files: next, authorId: input.authorId, message: input.message, kind: input.kind ?? 'edit' },
    now,
  );
  if (!(await moveHead(db, 'draft', currentId, treeId, now))) return 'lost race';
  // The next save compares with this tree: its check is already known.
  rememberCheck(root, treeId, will);
  return { status: 'saved', treeId };
}

// ---------------------------------------------------------------------------------------------
// Changes since the last publish, publishing, rolling back, reverting a file

export interface FileChange {
  path: string;
  status: 'added' | 'changed' | 'removed';
  /** Unified diff for text files; null for images and other binary files. */
  diff: string | null;
}

/** What differs between two trees, per file, sorted by path. */
export async function compareTrees(db: Kysely<Database>, fromId: string | null, toId: string): Promise<FileChange[]> {
  const from = fromId ? await treeFiles(db, fromId) : new Map<string, Uint8Array>();
  const to = await treeFiles(db, toId);
  const paths = [...new Set([...from.keys(), ...to.keys()])].sort();
  const out: FileChange[] = [];
  for (const path of paths) {
    const a = from.get(path);
    const b = to.get(path);
    if (a && b && Buffer.compare(a, b) === 0) continue;
    const status = !a ? 'added' : !b ? 'removed' : 'changed';
    out.push({
      path,
      status,
      diff: isText(path) ? unifiedDiff(text(a), text(b), { from: `published/${path}`, to: `draft/${path}` }) : null,
    });
  }
  return out;
}

export async function changesSincePublish(db: Kysely<Database>) {
  const heads = await getHeads(db);
  if (!heads.draft) return { draftTreeId: null, publishedTreeId: heads.published ?? null, changes: [] as FileChange[] };
  return {
    draftTreeId: heads.draft,
    publishedTreeId: heads.published ?? null,
    changes: await compareTrees(db, heads.published ?? null, heads.draft),
  };
}

/** A unit renamed between two published versions: trainees' records follow it (ADR 031). */
export interface UnitMove {
  course: string;
  from: string;
  to: string;
}

function courseFacts(files: TreeFiles): Map<string, { units: Set<string>; redirects: Record<string, string> }> {
  const out = new Map<string, { units: Set<string>; redirects: Record<string, string> }>();
  for (const [path, bytes] of files) {
    const c = /^courses\/([a-z0-9-]+)\/course\.yaml$/.exec(path);
    if (c) {
      const parsed = parseYaml(path, text(bytes), courseSchema);
      const entry = out.get(c[1]) ?? { units: new Set<string>(), redirects: {} };
      entry.redirects = parsed.ok ? parsed.data.redirects : {};
      out.set(c[1], entry);
    }
    const u = /^courses\/([a-z0-9-]+)\/units\/\d+-([a-z0-9-]+)\.mdx$/.exec(path);
    if (u) {
      const entry = out.get(u[1]) ?? { units: new Set<string>(), redirects: {} };
      entry.units.add(u[2]);
      out.set(u[1], entry);
    }
  }
  return out;
}

/**
 * The unit renames from one published version to the next, read from course.yaml's
 * `redirects` (a rename adds one): a redirect added whose old slug was a unit and is no
 * longer, and (for a rollback) a redirect removed whose old slug is a unit again.
 */
export function unitMoves(before: TreeFiles, after: TreeFiles): UnitMove[] {
  const was = courseFacts(before);
  const now = courseFacts(after);
  const moves: UnitMove[] = [];
  for (const [course, a] of now) {
    const b = was.get(course) ?? { units: new Set<string>(), redirects: {} };
    for (const [from, to] of Object.entries(a.redirects))
      if (b.redirects[from] !== to && b.units.has(from) && !a.units.has(from) && a.units.has(to))
        moves.push({ course, from, to });
    // A rename back (a → b published, then b → a) shows both ways: move once.
    for (const [from, to] of Object.entries(b.redirects))
      if (a.redirects[from] !== to && a.units.has(from) && !a.units.has(to) && b.units.has(to))
        if (!moves.some((m) => m.course === course && m.from === to && m.to === from)) moves.push({ course, from: to, to: from });
  }
  return moves;
}

/** Moves the published head (compare-and-swap), records the publish, moves renamed units' records and tells the other instances. */
async function movePublished(
  db: Kysely<Database>,
  input: { previous: string | null; treeId: string; authorId: string | null; message: string },
  now: number,
): Promise<string | null> {
  if (!(await moveHead(db, 'published', input.previous, input.treeId, now))) return null;
  const publishId = await recordPublish(
    db,
    { treeId: input.treeId, previousTreeId: input.previous, authorId: input.authorId, message: input.message },
    now,
  );
  const before = input.previous ? await treeFiles(db, input.previous) : new Map<string, Uint8Array>();
  for (const m of unitMoves(before, await treeFiles(db, input.treeId))) await moveUnitRecords(db, m.course, m.from, m.to);
  await notifyPublished(db, input.treeId);
  return publishId;
}

export type PublishResult =
  | { status: 'published'; treeId: string; publishId: string }
  | { status: 'nothing'; message: string }
  | { status: 'conflict'; message: string }
  | { status: 'invalid'; problems: Problem[]; message: string };

/**
 * Publishes the draft the author reviewed (`draftTreeId`): runs the whole-course check with
 * every unit compiled, then moves `published` with a compare-and-swap, records who and why,
 * and tells the other instances (issue 15 item 2).
 */
export function publishDraft(
  db: Kysely<Database>,
  root: string,
  input: { draftTreeId: string; authorId: string | null; message: string },
  now = Date.now(),
): Promise<PublishResult> {
  return serialised(async (): Promise<PublishResult> => {
    const heads = await getHeads(db);
    if (heads.draft !== input.draftTreeId)
      return {
        status: 'conflict',
        message:
          'The draft changed while you were reviewing it (someone saved a file), so nothing was published. Look at the changes again, then publish.',
      };
    if (heads.published === input.draftTreeId) return { status: 'nothing', message: 'There is nothing new to publish.' };
    const files = await treeFiles(db, input.draftTreeId);
    const problems = sortProblems((await treeCheck(root, files, undefined, db)).problems);
    if (problems.length)
      return {
        status: 'invalid',
        problems,
        message: `Nothing was published: the draft has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}. Fix ${problems.length === 1 ? 'it' : 'them'} first.`,
      };
    const publishId = await movePublished(
      db,
      { previous: heads.published ?? null, treeId: input.draftTreeId, authorId: input.authorId, message: input.message },
      now,
    );
    if (!publishId)
      return {
        status: 'conflict',
        message: 'Someone else published at the same moment, so nothing was published. Look at the changes again.',
      };
    return { status: 'published', treeId: input.draftTreeId, publishId };
  });
}

/**
 * Undoes a publish: trainees see the course as it was before it. Only the latest publish can
 * be rolled back (an older one would also undo the ones after it). The rollback is itself a
 * publish of a new tree with the old files, so history keeps every step; a draft with no edits
 * of its own since follows it.
 */
export function rollbackPublish(
  db: Kysely<Database>,
  input: { publishId: string; authorId: string; message: string },
  now = Date.now(),
): Promise<PublishResult> {
  return serialised(async (): Promise<PublishResult> => {
    const target = await getPublish(db, input.publishId);
    const heads = await getHeads(db);
    if (!target?.previousTreeId) return { status: 'nothing', message: 'That publish cannot be rolled back.' };
    if (heads.published !== target.treeId)
      return {
        status: 'conflict',
        message: 'Only the latest publish can be rolled back, and this one is no longer the latest. Look at the list again.',
      };
    const files = await treeFiles(db, target.previousTreeId);
    const treeId = await commitTree(
      db,
      { parentId: target.treeId, files, authorId: input.authorId, message: input.message, kind: 'rollback' },
      now,
    );
    const publishId = await movePublished(
      db,
      { previous: target.treeId, treeId, authorId: input.authorId, message: input.message },
      now,
    );
    if (!publishId)
      return { status: 'conflict', message: 'Someone else published at the same moment, so nothing was rolled back.' };
    if (heads.draft === target.treeId) await moveHead(db, 'draft', target.treeId, treeId, now);
    return { status: 'published', treeId, publishId };
  });
}

/** Puts one file of the draft back as it is published (or removes it, if it is not published). */
export async function revertFile(
  db: Kysely<Database>,
  root: string,
  input: { path: string; baseTreeId: string; authorId: string; message: string },
  now = Date.now(),
): Promise<ChangeResult> {
  const published = await publishedTreeId(db);
  const bytes = published ? await readTreeFile(db, published, input.path) : null;
  return saveDraft(
    db,
    root,
    {
      changes: [{ path: input.path, bytes }],
      baseTreeId: input.baseTreeId,
      authorId: input.authorId,
      message: input.message,
      kind: 'revert',
    },
    now,
  );
}

// ---------------------------------------------------------------------------------------------
// History

export interface FileRevision {
  treeId: string;
  at: number;
  authorName: string | null;
  message: string;
  kind: TreeKind;
  beforeHash: string;
  afterHash: string;
  diff: string;
}

/** The saves that changed one file, newest first: a view of the draft's tree history (issue 15 item 1). */
export async function fileHistory(db: Kysely<Database>, path: string, limit = 10): Promise<FileRevision[]> {
  const draft = await getHead(db, 'draft');
  if (!draft) return [];
  const trees = await treeAncestry(db, draft, 300);
  const out: FileRevision[] = [];
  for (let i = 0; i < trees.length && out.length < limit; i++) {
    const t = trees[i];
    const parent: TreeRow | undefined = trees[i + 1];
    const after = t.manifest[path];
    const before = parent ? parent.manifest[path] : undefined;
    if (after === before || (!parent && t.kind === 'import')) continue;
    const blobs = await readBlobs(
      db,
      [before, after].filter((h): h is string => Boolean(h)),
    );
    const a = before ? (blobs.get(before) ?? null) : null;
    const b = after ? (blobs.get(after) ?? null) : null;
    out.push({
      treeId: t.id,
      at: t.createdAt,
      authorName: t.authorName,
      message: t.message,
      kind: t.kind,
      beforeHash: before?.slice(0, 16) ?? 'absent',
      afterHash: after?.slice(0, 16) ?? 'absent',
      diff: isText(path) ? unifiedDiff(text(a), text(b), { from: `a/${path}`, to: `b/${path}` }) : '(binary file)',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Git round trip: import content/ into the store, export the published tree back to content/

export type ImportResult =
  | { status: 'imported'; treeId: string; published: boolean; changed: string[]; problems: Problem[] }
  | { status: 'unchanged'; treeId: string }
  | { status: 'refused'; message: string; paths: string[]; problems?: Problem[] };

/**
 * Loads a content folder as a new tree (issue 15 item 4): the draft, and with `publish` the
 * published head too. Refused when the draft holds studio edits made since the last import or
 * export, unless `mode` is `merge` (a three-way merge by file against the last synced tree;
 * files both sides changed are refused by name) or `overwrite`. With `check`, the imported tree
 * gets the whole-course check with every unit compiled (as publishDraft), its problems are
 * returned, and a tree with problems is not published. `synced` always names a tree holding
 * exactly the folder's files, so studio edits merged in stay "not exported".
 */
export async function importContent(
  db: Kysely<Database>,
  root: string,
  input: {
    publish: boolean;
    mode?: 'refuse' | 'merge' | 'overwrite';
    check?: boolean;
    authorId?: string | null;
    message?: string;
  },
  now = Date.now(),
): Promise<ImportResult> {
  return serialised(async (): Promise<ImportResult> => {
    const disk = await diskTree(root);
    const diskManifest = manifestOf(disk);
    const heads = await getHeads(db);
    const mode = input.mode ?? 'refuse';
    const message = input.message ?? 'Imported from content/';
    let files = disk;
    if (heads.draft && !heads.synced && mode !== 'overwrite')
      return {
        status: 'refused',
        message:
          'The database does not know which version of content/ it last imported or exported. Import with --merge is not possible; run `npm run content:export` first, or import with --overwrite.',
        paths: [],
      };
    // Studio edits: what the draft changed since the tree last synced with the folder (a save
    // undone by hand, or a rollback to the same files, leaves none).
    const edits =
      heads.draft && heads.synced && heads.draft !== heads.synced && mode !== 'overwrite'
        ? await compareTrees(db, heads.synced, heads.draft)
        : [];
    if (edits.length && heads.synced && heads.draft) {
      const base = await treeFiles(db, heads.synced);
      // Nothing new on disk since the last sync: the studio's edits stay, nothing to import.
      if (sameManifest(diskManifest, manifestOf(base))) return { status: 'unchanged', treeId: heads.draft };
      if (mode === 'refuse')
        return {
          status: 'refused',
          message: `The database holds studio edits that were not exported since the last import (${edits.length} file${edits.length === 1 ? '' : 's'}). Run \`npm run content:export\` first, or import with --merge or --overwrite.`,
          paths: edits.map((e) => e.path),
        };
      const ours = await treeFiles(db, heads.draft);
      const merged = mergeTrees(base, ours, disk);
      if (merged.conflicts.length)
        return {
          status: 'refused',
          message: `Both the studio and content/ changed ${merged.conflicts.length === 1 ? 'this file' : 'these files'} since the last import; nothing was imported. Export, resolve by hand in git, and import again.`,
          paths: merged.conflicts,
        };
      files = merged.files;
    }
    const draftFiles = heads.draft ? await treeFiles(db, heads.draft) : null;
    const unchanged = draftFiles !== null && sameManifest(manifestOf(files), manifestOf(draftFiles));
    /** The tree that holds exactly the folder's files, for `synced`. */
    const syncedTree = async (treeId: string): Promise<string> => {
      if (sameManifest(manifestOf(files), diskManifest)) return treeId;
      if (heads.synced && sameManifest(manifestOf(await treeFiles(db, heads.synced)), diskManifest)) return heads.synced;
      return commitTree(
        db,
        {
          parentId: heads.synced ?? null,
          files: disk,
          authorId: input.authorId ?? null,
          message: `${message} (content/ as imported)`,
          kind: 'import',
        },
        now,
      );
    };
    if (unchanged && heads.draft && (!input.publish || heads.published === heads.draft)) {
      await setHead(db, 'synced', await syncedTree(heads.draft), now);
      return { status: 'unchanged', treeId: heads.draft };
    }
    const problems = input.check ? sortProblems(await treeProblems(root, files)) : [];
    if (input.publish && problems.length)
      return {
        status: 'refused',
        message: `Nothing was imported: the content has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}, and a course with problems is not published. Fix ${problems.length === 1 ? 'it' : 'them'}, or import without --publish.`,
        paths: [...new Set(problems.map((p) => p.file))],
        problems,
      };
    const changed = draftFiles ? compareTreeFiles(draftFiles, files) : [...files.keys()];
    const treeId =
      unchanged && heads.draft
        ? heads.draft
        : await commitTree(
            db,
            { parentId: heads.draft ?? null, files, authorId: input.authorId ?? null, message, kind: 'import' },
            now,
          );
    if (heads.draft) {
      if (!(await moveHead(db, 'draft', heads.draft, treeId, now)))
        return { status: 'refused', message: 'The draft changed during the import; nothing was imported. Try again.', paths: [] };
    } else if (!(await moveHead(db, 'draft', null, treeId, now))) {
      // Another instance imported first (two instances starting on an empty database).
      return { status: 'unchanged', treeId: (await getHead(db, 'draft')) as string };
    }
    await setHead(db, 'synced', await syncedTree(treeId), now);
    let published = false;
    if (input.publish) {
      published = Boolean(
        await movePublished(db, { previous: heads.published ?? null, treeId, authorId: input.authorId ?? null, message }, now),
      );
    }
    return { status: 'imported', treeId, published, changed, problems };
  });
}

function compareTreeFiles(a: TreeFiles, b: TreeFiles): string[] {
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((p) => {
      const x = a.get(p);
      const y = b.get(p);
      return !(x && y && Buffer.compare(x, y) === 0);
    })
    .sort();
}

/** Three-way merge by whole file: a file changed on one side only takes that side's version. */
export function mergeTrees(base: TreeFiles, ours: TreeFiles, theirs: TreeFiles): { files: TreeFiles; conflicts: string[] } {
  const same = (x?: Uint8Array, y?: Uint8Array) => (!x && !y) || (x && y && Buffer.compare(x, y) === 0);
  const files: TreeFiles = new Map();
  const conflicts: string[] = [];
  for (const path of [...new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])].sort()) {
    const b = base.get(path);
    const o = ours.get(path);
    const t = theirs.get(path);
    const pick = same(o, b) ? t : same(t, b) ? o : same(o, t) ? o : 'conflict';
    if (pick === 'conflict') conflicts.push(path);
    else if (pick) files.set(path, pick);
  }
  return { files, conflicts };
}

export interface ExportResult {
  status: 'exported';
  treeId: string;
  written: string[];
  removed: string[];
  /** Who changed the course in the studio since the last import or export, with their messages. */
  authors: { name: string; messages: string[] }[];
}

/**
 * Writes the published tree back to a content folder (issue 15 item 4): changed files are
 * replaced atomically, files the tree no longer holds are removed (dot files are left alone),
 * and `synced` moves to the published tree. Refused, naming them, when it would replace or
 * remove files changed in the folder since the last import or export (work not imported yet),
 * unless `force`.
 */
export async function exportContent(
  db: Kysely<Database>,
  root: string,
  input: { force?: boolean } = {},
  now = Date.now(),
): Promise<ExportResult | { status: 'refused'; message: string; paths: string[] }> {
  const heads = await getHeads(db);
  if (!heads.published) throw new Error('nothing is published yet');
  const files = await treeFiles(db, heads.published);
  const disk = await diskTree(root);
  if (heads.synced && !input.force) {
    const synced = await treeFiles(db, heads.synced);
    const same = (x?: Uint8Array, y?: Uint8Array) => (!x && !y) || Boolean(x && y && Buffer.compare(x, y) === 0);
    const unsaved = compareTreeFiles(synced, disk).filter((p) => !same(disk.get(p), files.get(p)));
    if (unsaved.length)
      return {
        status: 'refused',
        message: `The folder has changes that were not imported, and the export would replace or remove ${unsaved.length === 1 ? 'this file' : 'these files'}; nothing was written. Commit them and run \`npm run content:import -- --merge\` first, or export with --force.`,
        paths: unsaved,
      };
  }
  const abs = resolve(root);
  const written: string[] = [];
  for (const [path, bytes] of files) {
    const had = disk.get(path);
    if (had && Buffer.compare(had, bytes) === 0) continue;
    const target = join(abs, path);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    written.push(path);
  }
  const removed = [...disk.keys()].filter((p) => !files.has(p));
  for (const path of removed) await rm(join(abs, path), { force: true });
  // Studio authors since the last sync: the published tree's history back to the synced tree.
  // (An import with --merge leaves `synced` on a tree of the folder's files beside the draft's
  // line, so the walk stops at the synced tree or any tree before it.)
  const byAuthor = new Map<string, string[]>();
  const before = new Set(heads.synced ? (await treeAncestry(db, heads.synced, 500)).map((t) => t.id) : []);
  for (const t of await treeAncestry(db, heads.published, 500)) {
    if (before.has(t.id)) break;
    if (t.kind === 'import' || !t.authorName) continue;
    byAuthor.set(t.authorName, [...(byAuthor.get(t.authorName) ?? []), t.message]);
  }
  await setHead(db, 'synced', heads.published, now);
  return {
    status: 'exported',
    treeId: heads.published,
    written,
    removed,
    authors: [...byAuthor].map(([name, messages]) => ({ name, messages: messages.reverse() })),
  };
}

/** The first start of an empty database imports the content folder as the published course. */
export async function ensureContentStore(db: Kysely<Database>, root: string): Promise<string> {
  const published = await getHead(db, 'published');
  if (published) return published;
  await importContent(db, root, { publish: true, mode: 'overwrite', message: 'Imported from content/ at first start' });
  // Two instances starting together: the one that lost the race waits for the other's publish.
  for (let i = 0; i < 100; i++) {
    const head = await getHead(db, 'published');
    if (head) return head;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the content store has a draft but nothing published: run `npm run content:import -- --publish`');
}
