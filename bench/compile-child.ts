// Run by bench/content.ts in an empty working directory, so content.server.ts's cache
// (.cache/content, relative to the working directory) starts empty and nothing is in memory.
// Prints one JSON line: the full compile time and one-unit recompile times.

import { compileUnit } from '../app/content/compile.server';
import { buildContent } from '../app/content/content.server';

const root = process.argv[2];
const repeats = Number(process.argv[3] ?? 5);
const started = performance.now();
const content = await buildContent(root);
const fullMs = performance.now() - started;
if (content.problems.length) throw new Error(`content problems: ${content.problems.length}`);
const units = content.courses.flatMap((c) => c.units);
// An author edits one unit: a changed paragraph, compiled again as the dev server would.
const unit = units[Math.floor(units.length / 2)];
const source = unit.source;
const unitMs: number[] = [];
for (let i = 0; i < repeats; i++) {
  const edited = `${source}\n\nAn edited paragraph, version ${i + 1}, to make the source differ.\n`;
  const t = performance.now();
  const r = await compileUnit(unit.file, edited);
  unitMs.push(performance.now() - t);
  if (!r.ok) throw new Error(`recompile failed: ${r.problems[0]?.message}`);
}
console.log(JSON.stringify({ fullMs, units: units.length, unit: unit.meta.slug, unitMs }));
