import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { env } from '../infra/env.server';
import { type CompiledUnit, compileUnit, readingGradeProblem } from './compile.server';
import { BASE_LOCALE, editionOfFile } from './editions';
import { type CourseView, courseEdition, reflectionProblems } from './editions.server';
import { type ContentSources, type EditionSource, loadContentSources, type UnitSource } from './load.server';
import type { Problem } from './problems';

// The one content loader: finds, validates, compiles and caches the curriculum.
// Compiled units are cached by a hash of their source (in memory and in .cache/content), so
// a production start after `npm run build` compiles nothing, and a dev reload recompiles only
// the unit that changed. When the content changes, units of the old version are dropped from
// both (pruneContentCache), so the cache holds what the current content uses, not every
// version ever saved.

/** Bump when the compiler, component markup or reading-grade formula changes, to invalidate the cache. */
const COMPILER_VERSION = '6';
let cacheDir = resolve('.cache/content');

/** Points the compiled-unit cache at another folder; for tests, so they leave the real one alone. */
export function useContentCacheDir(dir: string) {
  cacheDir = resolve(dir);
  memory.clear();
}

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
  competencies: ContentSources['competencies'];
  courses: CourseContent[];
  problems: Problem[];
  warnings: Problem[];
}

const memory = new Map<string, CompiledUnit>();

// The edition is part of the key: each language's units are measured by their own readability formula.
const cacheKey = (unit: Pick<UnitSource, 'file' | 'source'>) =>
  createHash('sha256').update(COMPILER_VERSION).update(editionOfFile(unit.file)).update(unit.source).digest('hex').slice(0, 24);

async function compileCached(unit: UnitSource, problems: Problem[]): Promise<CompiledUnit | null> {
  const key = cacheKey(unit);
  const hit = memory.get(key);
  if (hit) return hit;
  const path = join(cacheDir, `${key}.json`);
  try {
    const cached = JSON.parse(await readFile(path, 'utf8')) as CompiledUnit;
    memory.set(key, cached);
    return cached;
  } catch {
    // not cached yet
  }
  const result = await compileUnit(unit.file, unit.source);
  if (!result.ok) {
    problems.push(...result.problems);
    return null;
  }
  memory.set(key, result.unit);
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path, JSON.stringify(result.unit));
  } catch {
    // A read-only disk only costs a recompile at the next start.
  }
  return result.unit;
}

/**
 * The one place retired units leave the course: everything that lists units or counts them
 * (course page, progress, exam unlock, dashboards, hours) reads `units` (ADR 031).
 */
export function splitRetired(units: UnitContent[]): { units: UnitContent[]; retiredUnits: UnitContent[] } {
  return { units: units.filter((u) => !u.meta.retired), retiredUnits: units.filter((u) => u.meta.retired) };
}

/** Loads and compiles everything under a content root. */
export async function buildContent(root: string): Promise<Content> {
  const sources = await loadContentSources(root);
  const problems = [...sources.problems];
  const courses: CourseContent[] = [];
  const compileEdition = async (e: EditionSource): Promise<EditionContent> => {
    const units: UnitContent[] = [];
    for (const u of e.units) {
      const compiled = await compileCached(u, problems);
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
  return { version: sources.version, competencies: sources.competencies, courses, problems, warnings: sources.warnings };
}

/**
 * Drops the compiled units this content does not use, from memory and from the cache folder;
 * returns how many files went. Called when new content is loaded (and by the content check that
 * every build runs): every process of one deploy reads the same content, so none loses a unit it uses.
 */
export async function pruneContentCache(content: Content): Promise<number> {
  const keep = new Set(content.courses.flatMap((c) => [c, ...Object.values(c.editions)].flatMap((e) => e.units.map(cacheKey))));
  for (const key of [...memory.keys()]) if (!keep.has(key)) memory.delete(key);
  let removed = 0;
  let names: string[] = [];
  try {
    names = await readdir(cacheDir);
  } catch {
    return 0; // no cache folder yet
  }
  for (const name of names) {
    const m = /^([0-9a-f]{24})\.json$/.exec(name);
    if (!m || keep.has(m[1])) continue;
    await rm(join(cacheDir, name), { force: true });
    removed++;
  }
  return removed;
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

let current: { print: string; content: Promise<Content> } | undefined;

/**
 * The current content. In production it is read once (and again after `invalidateContent`);
 * in development every call checks the files' fingerprint, so a saved unit shows on reload.
 */
export async function getContent(): Promise<Content> {
  const root = resolve(env().CONTENT_DIR);
  if (current && env().isProduction) return current.content;
  const print = await fingerprint(root);
  if (!current || current.print !== print) {
    const content = buildContent(root);
    current = { print, content };
    content.then(
      (loaded) => {
        // Only the newest content prunes: an older build finishing late must not drop its units.
        if (current?.content === content) pruneContentCache(loaded).catch(() => {});
      },
      () => {
        if (current?.content === content) current = undefined;
      },
    );
  }
  return current.content;
}

/** Forget the loaded content, e.g. after the author studio writes a file. */
export function invalidateContent(): void {
  current = undefined;
}

/**
 * The course in the reader's language: its edition for `locale` (units, quizzes, glossary, exam
 * text; see courseEdition), or the base edition when no locale is given. Authors' pages ask
 * without a locale and get the files at the course root.
 */
export async function getCourse(slug: string, locale?: string): Promise<CourseView | undefined> {
  const course = (await getContent()).courses.find((c) => c.course.slug === slug);
  return course && courseEdition(course, locale ?? BASE_LOCALE);
}

/** The course (in the reader's edition when a locale is given), or a 404 the error boundary shows in plain words. */
export async function requireCourse(slug: string, locale?: string): Promise<CourseView> {
  const course = await getCourse(slug, locale);
  if (!course) throw new Response('We could not find that course.', { status: 404 });
  return course;
}
