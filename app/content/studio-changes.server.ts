import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { recordContentRevision } from '../models/content-revision.server';
import { compileUnit, readingGradeProblem } from './compile.server';
import { invalidateContent } from './content.server';
import { loadContentSources } from './load.server';
import { formatProblem, type Problem, sortProblems } from './problems';
import { isPlainRelativePath, unifiedDiff } from './studio';

// Changes to several content files at once (create, rename, reorder or retire a unit; add an
// image), checked on the whole course and written together, on today's file-based content.
//
// NOTE: the shape is the one of saveDraft in app/content/store.server.ts (content versions in
// the database, issue 15 item 1): a list of path -> bytes (null deletes), the tree the author
// opened, who and why. When that store lands, `saveChanges` becomes a call to saveDraft and the
// callers stay as they are (docs/decisions/031-studio-edits-everything.md).

export type ContentChange = { path: string; bytes: Uint8Array | null };

export type ChangeResult =
  | { status: 'saved'; treeId: string }
  | { status: 'conflict'; currentTreeId: string; diff: string; message: string }
  | { status: 'invalid'; problems: Problem[]; message: string };

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const hash16 = (b: Uint8Array | string) => sha256(b).slice(0, 16);
const decoder = new TextDecoder('utf-8');
const text = (b: Uint8Array | null) => (b === null ? '' : decoder.decode(b));

/** Every file under the content root (relative paths with forward slashes), skipping dot files. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) out.push(relative(root, abs).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/**
 * The id of the content tree as it is now: a hash of every path and its content hash, as a tree
 * id in the database store would be. The studio's forms carry it, so a change made on a tree
 * someone else changed since is refused rather than merged blindly.
 */
export async function currentTreeId(root: string): Promise<string> {
  const abs = resolve(root);
  const h = createHash('sha256');
  for (const rel of await listFiles(abs)) h.update(`${rel}\0${sha256(await readFile(join(abs, rel)))}\n`);
  return h.digest('hex').slice(0, 24);
}

/** The bytes of one file of the tree, or null when it does not exist (or the path is not plain). */
export async function readTreeFile(root: string, rel: string): Promise<Uint8Array | null> {
  if (!isPlainRelativePath(rel)) return null;
  try {
    return new Uint8Array(await readFile(join(resolve(root), rel)));
  } catch {
    return null;
  }
}

/** Runs tree changes one after another in this process. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

const isText = (path: string) => /\.(mdx|ya?ml|md)$/.test(path);

/** Problems of the whole tree as the app shows them, and of every changed unit's MDX. */
async function problemsOf(dir: string, root: string, units: { rel: string; source: string }[]): Promise<Problem[]> {
  const sources = await loadContentSources(dir, dir);
  const shown = (p: Problem) => ({ ...p, file: relative(process.cwd(), join(root, p.file)) });
  const problems = sources.problems.map(shown);
  for (const u of units) {
    const file = relative(process.cwd(), join(root, u.rel));
    const compiled = await compileUnit(file, u.source);
    if (!compiled.ok) problems.push(...compiled.problems);
    else {
      const tooHard = readingGradeProblem(file, u.source, compiled.unit);
      if (tooHard) problems.push(tooHard);
    }
  }
  return problems;
}

/**
 * Applies several file changes at once, or none. Refused when the tree changed since the author
 * opened it (`baseTreeId`), when a path is not a plain path inside the content root, or when
 * the course would have a problem it did not have before. Otherwise records one revision per
 * file (who, when, hashes, diff; binary files by hash only), writes the files and reloads the
 * content.
 */
export function saveChanges(
  db: Kysely<Database>,
  root: string,
  input: { changes: ContentChange[]; baseTreeId: string; authorId: string; message: string },
  now = Date.now(),
): Promise<ChangeResult> {
  const absRoot = resolve(root);
  return serialised(async (): Promise<ChangeResult> => {
    const bad = input.changes.find((c) => !isPlainRelativePath(c.path));
    if (bad)
      return {
        status: 'invalid',
        problems: [],
        message: `Nothing was saved: "${bad.path}" is not a path inside the content folder.`,
      };
    const currentId = await currentTreeId(absRoot);
    const before = new Map<string, Uint8Array | null>();
    for (const c of input.changes) before.set(c.path, await readTreeFile(absRoot, c.path));
    const diffOf = (from: string, to: string) =>
      input.changes
        .filter((c) => isText(c.path))
        .map((c) =>
          unifiedDiff(text(before.get(c.path) ?? null), text(c.bytes), { from: `${from}/${c.path}`, to: `${to}/${c.path}` }),
        )
        .join('');
    if (currentId !== input.baseTreeId)
      return {
        status: 'conflict',
        currentTreeId: currentId,
        diff: diffOf('saved now', 'your version'),
        message:
          'The course has changed since you opened this page (another author saved a file, or the files were updated), so nothing was saved. Open the page again and make the change on the newest version.',
      };

    const tmp = await mkdtemp(join(tmpdir(), 'pa-studio-change-'));
    try {
      const dir = join(tmp, 'content');
      await cp(absRoot, dir, { recursive: true });
      for (const c of input.changes) {
        if (c.bytes === null) await rm(join(dir, c.path), { force: true });
        else await writeAtomically(join(dir, c.path), c.bytes);
      }
      const changedUnits = input.changes
        .filter((c) => c.bytes !== null && /\/units\/[^/]+\.mdx$/.test(c.path))
        .map((c) => ({ rel: c.path, source: text(c.bytes) }));
      const [was, will] = await Promise.all([problemsOf(absRoot, absRoot, []), problemsOf(dir, absRoot, changedUnits)]);
      const known = new Set(was.map(formatProblem));
      const fresh = sortProblems(will.filter((p) => !known.has(formatProblem(p))));
      if (fresh.length)
        return {
          status: 'invalid',
          problems: fresh,
          message: `Nothing was saved: the change would bring ${fresh.length === 1 ? 'a problem' : `${fresh.length} problems`} into the course.`,
        };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }

    const real = input.changes.filter((c) => {
      const b = before.get(c.path) ?? null;
      return !(b === null && c.bytes === null) && !(b && c.bytes && Buffer.compare(b, c.bytes) === 0);
    });
    if (real.length)
      await db.transaction().execute(async (trx) => {
        for (const c of real) {
          const b = before.get(c.path) ?? null;
          await recordContentRevision(
            trx,
            {
              path: c.path,
              authorId: input.authorId,
              beforeHash: b === null ? 'absent' : hash16(b),
              afterHash: c.bytes === null ? 'absent' : hash16(c.bytes),
              diff: isText(c.path)
                ? `${input.message}\n${unifiedDiff(text(b), text(c.bytes), { from: `a/${c.path}`, to: `b/${c.path}` })}`
                : `${input.message}\n(binary file)`,
            },
            now,
          );
        }
        // Written inside the transaction: a failed write leaves no revision behind. New files
        // first, deletions last, so a rename never leaves the unit missing.
        for (const c of real) if (c.bytes !== null) await writeAtomically(join(absRoot, c.path), c.bytes);
        for (const c of real) if (c.bytes === null) await rm(join(absRoot, c.path), { force: true });
      });
    invalidateContent();
    return { status: 'saved', treeId: await currentTreeId(absRoot) };
  });
}
