import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { readCompiled, writeCompiled } from '../models/content-store.server';
import { type CompiledUnit, compileUnit } from './compile.server';
import { editionOfFile } from './editions';
import type { UnitSource } from './load.server';
import type { Problem } from './problems';

// Compiled units, by a hash of the compiler version, the edition and the source: in memory, in
// the database (shared by every instance: one compile per source, docs/decisions/030-content-store.md)
// and in .cache/content (so a start after `npm run build` compiles nothing).

/** Bump when the compiler, component markup or reading-grade formula changes, to invalidate the cache. */
const COMPILER_VERSION = '6';
let cacheDir = resolve('.cache/content');

/** Points the compiled-unit cache at another folder; for tests, so they leave the real one alone. */
export function useContentCacheDir(dir: string) {
  cacheDir = resolve(dir);
  memory.clear();
}

const memory = new Map<string, CompiledUnit>();

// The edition is part of the key: each language's units are measured by their own readability formula.
export const cacheKey = (unit: Pick<UnitSource, 'file' | 'source'>) =>
  createHash('sha256').update(COMPILER_VERSION).update(editionOfFile(unit.file)).update(unit.source).digest('hex').slice(0, 24);

export async function compileCached(
  unit: Pick<UnitSource, 'file' | 'source'>,
  problems: Problem[],
  shared?: Kysely<Database>,
): Promise<CompiledUnit | null> {
  const key = cacheKey(unit);
  const hit = memory.get(key);
  if (hit) return hit;
  if (shared) {
    const row = await readCompiled(shared, key);
    if (row) {
      const compiled = JSON.parse(row) as CompiledUnit;
      memory.set(key, compiled);
      return compiled;
    }
  }
  const path = join(cacheDir, `${key}.json`);
  let result: Awaited<ReturnType<typeof compileUnit>> | undefined;
  try {
    result = { ok: true, unit: JSON.parse(await readFile(path, 'utf8')) as CompiledUnit };
  } catch {
    result = await compileUnit(unit.file, unit.source);
  }
  if (!result.ok) {
    problems.push(...result.problems);
    return null;
  }
  memory.set(key, result.unit);
  if (shared) await writeCompiled(shared, key, JSON.stringify(result.unit));
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path, JSON.stringify(result.unit));
  } catch {
    // A read-only disk only costs a recompile at the next start.
  }
  return result.unit;
}

/**
 * Drops compiled units not in `keep` from memory and from the cache folder; returns how many
 * files went. The database's rows stay: they are shared by instances that may serve another tree.
 */
export async function pruneCompiled(keep: Set<string>): Promise<number> {
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
