import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { db as appDb } from '../infra/db.server';
import { env } from '../infra/env.server';
import { getHead } from '../models/content-store.server';
import { type CompiledUnit, readingGradeProblem } from './compile.server';
import { cacheKey, compileCached, pruneCompiled } from './compiled-cache.server';
import { BASE_LOCALE } from './editions';
import { type CourseView, courseEdition, reflectionProblems } from './editions.server';
import {
  type ContentFiles,
  type ContentSources,
  diskFiles,
  type EditionSource,
  loadContentSources,
  memoryFiles,
  type UnitSource,
} from './load.server';
import type { Problem } from './problems';
import { ensureContentStore, importContent, treeFiles } from './store.server';

// The one content loader: finds, validates, compiles and caches the curriculum.
// Trainees are served the published tree of the content store (docs/decisions/030-content-store.md):
// every instance holds one immutable snapshot of it and switches to a new one atomically when
// a publish is announced (jobs/content-watch.server.ts); a request keeps the snapshot it
// started with (withContentPin). Compiled units are cached by a hash of their source: in
// memory, in the database (shared by every instance: one compile per source and compiler
// version) and in .cache/content (so a start after `npm run build` compiles nothing).

export { useContentCacheDir } from './compiled-cache.server';

export interface UnitContent extends UnitSource {
  compiled: CompiledUnit | null;
  /** The edition this unit's text is in (en, es, ...). */
  locale: string;
}
export interface EditionContent extends Omit<EditionSource, 'units'> {
  /** The units trainees see, in order: every unit list, progress count and the exam unlock rule use these. */
  units: UnitContent[];
  /** Retired units (`retired: true`): kept for authors and for trainees' records, never listed or counted. */
  retiredUnits: UnitContent[];
}
export interface CourseContent extends EditionContent {
  /** The course's other language editions, by locale (the base edition is the course itself). */
  editions: Record<string, EditionContent>;
}
export interface Content {
  version: string;
  /** The content store tree this snapshot was built from; null for a folder read from disk (the content check). */
  treeId: string | null;
  competencies: ContentSources['competencies'];
  courses: CourseContent[];
  problems: Problem[];
  warnings: Problem[];
}

/**
 * The one place retired units leave the course: everything that lists units or counts them
 * (course page, progress, exam unlock, dashboards, hours) reads `units` (ADR 031).
 */
export function splitRetired(units: UnitContent[]): { units: UnitContent[]; retiredUnits: UnitContent[] } {
  return { units: units.filter((u) => !u.meta.retired), retiredUnits: units.filter((u) => u.meta.retired) };
}

/**
 * Loads and compiles everything under a content root: the folder on disk, or (with `files`) a
 * tree of the content store held in memory. With `db`, compiled units are shared through it.
 */
export async function buildContent(
  root: string,
  opts: { files?: ContentFiles; db?: Kysely<Database>; treeId?: string } = {},
): Promise<Content> {
  const sources = await loadContentSources(root, process.cwd(), opts.files ?? diskFiles);
  const problems = [...sources.problems];
  const courses: CourseContent[] = [];
  const compileEdition = async (e: EditionSource): Promise<EditionContent> => {
    const units: UnitContent[] = [];
    for (const u of e.units) {
      const compiled = await compileCached(u, problems, opts.db);
      const tooHard = compiled && readingGradeProblem(u.file, u.source, compiled, e.locale);
      if (tooHard) problems.push(tooHard);
      units.push({ ...u, compiled, locale: e.locale });
    }
    return { ...e, ...splitRetired(units) };
  };
  for (const c of sources.courses) {
    const editions: Record<string, EditionContent> = {};
    for (const [locale, e] of Object.entries(c.editions)) editions[locale] = await compileEdition(e);
    const base = await compileEdition(c);
    problems.push(...reflectionProblems(base, editions));
    courses.push({ ...base, editions });
  }
  return {
    version: sources.version,
    treeId: opts.treeId ?? null,
    competencies: sources.competencies,
    courses,
    problems,
    warnings: sources.warnings,
  };
}

/**
 * Drops the compiled units this content does not use, from memory and from the cache folder;
 * returns how many files went. Called when new content is loaded (and by the content check that
 * every build runs): every process of one deploy reads the same content, so none loses a unit it uses.
 */
export async function pruneContentCache(content: Content): Promise<number> {
  return pruneCompiled(
    new Set(content.courses.flatMap((c) => [c, ...Object.values(c.editions)].flatMap((e) => e.units.map(cacheKey)))),
  );
}

/** A cheap fingerprint of the content tree (paths, sizes, modification times). */
async function fingerprint(dir: string): Promise<string> {
  const h = createHash('sha256');
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const s = await stat(p);
        h.update(`${p}:${s.size}:${s.mtimeMs};`);
      }
    }
  };
  await walk(dir);
  return h.digest('hex');
}

/** The content folder the store imports from and exports to. */
export function contentRoot(): string {
  return resolve(env().CONTENT_DIR);
}

/** The snapshot this process serves: the published tree it was built from, and the database it came from. */
let live: { db: Kysely<Database>; treeId: string; content: Promise<Content> } | undefined;
let refreshing: Promise<void> | undefined;
/** Development only: the content folder's fingerprint at its last import. */
let diskPrint: { db: Kysely<Database>; print: string } | undefined;
let warnedRefusal = false;

const pins = new AsyncLocalStorage<{ content?: Promise<Content> }>();

/**
 * Runs one request with its content pinned: every getContent() inside it answers the snapshot
 * the first one got, so a publish in the middle of a request never mixes two versions.
 * server.ts wraps every request in it.
 */
export function withContentPin<T>(fn: () => T): T {
  return pins.run({}, fn);
}

async function buildStored(database: Kysely<Database>, root: string, treeId: string): Promise<Content> {
  const files = await treeFiles(database, treeId);
  return buildContent(root, { files: memoryFiles(root, files), db: database, treeId });
}

/**
 * Re-reads the published head and, when it moved, builds the new snapshot and switches to it
 * once it is ready (requests meanwhile keep the old one). The first call of a process, on an
 * empty database, imports the content folder (ensureContentStore). Called by the publish
 * watcher (LISTEN/NOTIFY and polling), after a publish in this process, and on first use.
 */
export function refreshContent(): Promise<void> {
  refreshing ??= (async () => {
    const database = appDb();
    const root = contentRoot();
    const head = await ensureContentStore(database, root);
    if (live?.db === database && live.treeId === head) return;
    const content = buildStored(database, root, head);
    const first = !live || live.db !== database;
    if (first) live = { db: database, treeId: head, content };
    try {
      const loaded = await content;
      live = { db: database, treeId: head, content };
      pruneContentCache(loaded).catch(() => {});
    } catch (e) {
      if (live?.content === content) live = undefined;
      throw e;
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/**
 * Development and tests: a content folder changed on disk is imported and published, as a
 * saved file showed on reload before the store. Refused (with one warning) while the studio
 * holds edits that were not exported: `npm run content:import -- --merge` decides then.
 */
async function syncFromDisk(database: Kysely<Database>, root: string): Promise<void> {
  const print = await fingerprint(root).catch(() => '');
  if (diskPrint?.db === database && diskPrint.print === print) return;
  const result = await importContent(database, root, {
    publish: true,
    mode: 'refuse',
    message: 'Imported from content/ (changed on disk)',
  });
  diskPrint = { db: database, print };
  if (result.status === 'refused' && !warnedRefusal) {
    warnedRefusal = true;
    console.warn(`content/ changed on disk, but it was not imported: ${result.message}`);
  }
  if (result.status === 'imported') await refreshContent();
}

/**
 * The current content: the published snapshot, pinned for the request (withContentPin). In
 * development every call also checks the content folder's fingerprint (syncFromDisk).
 */
export async function getContent(): Promise<Content> {
  const pin = pins.getStore();
  if (pin?.content) return pin.content;
  const content = (async () => {
    const database = appDb();
    if (!env().isProduction) await syncFromDisk(database, contentRoot());
    if (!live || live.db !== database) await refreshContent();
    return (live as NonNullable<typeof live>).content;
  })();
  if (pin) pin.content = content;
  return content;
}

/** Forget the loaded content: the next getContent() reads the published head again. */
export function invalidateContent(): void {
  live = undefined;
  diskPrint = undefined;
}

let draftSnapshot: { db: Kysely<Database>; treeId: string; content: Promise<Content> } | undefined;

/** The draft authors edit, built like the published snapshot (the studio's lists and previews). */
export async function getDraftContent(): Promise<Content> {
  const database = appDb();
  if (!env().isProduction) await syncFromDisk(database, contentRoot());
  await ensureContentStore(database, contentRoot());
  const head = await getHead(database, 'draft');
  if (!head) return getContent();
  if (draftSnapshot?.db !== database || draftSnapshot.treeId !== head) {
    const content = buildStored(database, contentRoot(), head);
    draftSnapshot = { db: database, treeId: head, content };
    content.catch(() => {
      if (draftSnapshot?.content === content) draftSnapshot = undefined;
    });
  }
  return draftSnapshot.content;
}

/**
 * The course in the reader's language: its edition for `locale` (units, quizzes, glossary, exam
 * text; see courseEdition), or the base edition when no locale is given. Authors' pages ask
 * without a locale and get the files at the course root, and the studio's pages ask for the
 * draft (`from: 'draft'`); trainees always get what is published.
 */
export async function getCourse(
  slug: string,
  locale?: string,
  from: 'published' | 'draft' = 'published',
): Promise<CourseView | undefined> {
  const content = from === 'draft' ? await getDraftContent() : await getContent();
  const course = content.courses.find((c) => c.course.slug === slug);
  return course && courseEdition(course, locale ?? BASE_LOCALE);
}

/** The course (in the reader's edition when a locale is given), or a 404 the error boundary shows in plain words. */
export async function requireCourse(
  slug: string,
  locale?: string,
  from: 'published' | 'draft' = 'published',
): Promise<CourseView> {
  const course = await getCourse(slug, locale, from);
  if (!course) throw new Response('We could not find that course.', { status: 404 });
  return course;
}
