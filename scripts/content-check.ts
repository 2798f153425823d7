// `npm run content:check [-- --dir path]`: validates and compiles all content, prints every
// problem as path:line:column, then a summary. Exits 1 when anything is wrong.
import { resolve } from 'node:path';
import { buildContent, pruneContentCache } from '../app/content/content.server';
import { formatProblem, sortProblems } from '../app/content/problems';
import { bankCoverage, bankQuality, formatBankQuality, formatQuality, quizQuality } from '../app/content/quiz-quality';
import { inExamPool } from '../app/domain/exam';
import { poolSizes } from '../app/domain/practice-pool';
import { GRADE_LIMIT, SPANISH_EASE_MINIMUM, UNIT_WORD_RANGE } from '../app/domain/readability';

const dirArg = process.argv.indexOf('--dir');
const root = resolve(dirArg > 0 ? process.argv[dirArg + 1] : process.env.CONTENT_DIR || 'content');
const started = performance.now();
const content = await buildContent(root);
const ms = Math.round(performance.now() - started);
// The build checks the content it ships: compiled units of earlier versions can go.
if (dirArg < 0 && !content.problems.length) await pruneContentCache(content);

const pad = (s: string | number, n: number) => String(s).padEnd(n);
for (const c of content.courses) {
  console.log(`\nCourse ${c.course.slug}: ${c.course.title}`);
  console.log(`  ${pad('unit', 40)} ${pad('words', 6)} ${pad('grade', 6)} ${pad('scen.', 5)} ${pad('refl.', 5)} quiz`);
  for (const u of c.units) {
    const cu = u.compiled;
    const flags: string[] = [];
    if (cu && cu.grade > GRADE_LIMIT) flags.push(`ABOVE GRADE ${GRADE_LIMIT}`);
    if (cu && cu.words < UNIT_WORD_RANGE.en.min) flags.push('under 1,500 words');
    if (cu && cu.words > UNIT_WORD_RANGE.en.max) flags.push('over 3,000 words');
    console.log(
      `  ${pad(`${u.meta.order}. ${u.meta.slug}`, 40)} ${pad(cu?.words ?? '-', 6)} ${pad(cu?.grade ?? '-', 6)} ${pad(cu?.scenarios ?? '-', 5)} ${pad(cu?.reflections.length ?? '-', 5)} ${u.quiz ? `${u.quiz.questions.length} questions` : 'none'}${flags.length ? `  <- ${flags.join(', ')}` : ''}`,
    );
  }
  // Each language edition, by its own readability measure and word range (docs/decisions/032).
  for (const [locale, e] of Object.entries(c.editions)) {
    const range = UNIT_WORD_RANGE[locale as keyof typeof UNIT_WORD_RANGE];
    console.log(`\n  Edition ${locale}: ${e.course.title}`);
    console.log(`  ${pad('unit', 40)} ${pad('words', 6)} ${pad('ease', 6)} ${pad('scen.', 5)} ${pad('refl.', 5)} quiz`);
    for (const u of e.units) {
      const cu = u.compiled;
      const flags: string[] = [];
      if (cu?.ease != null && cu.ease < SPANISH_EASE_MINIMUM) flags.push(`EASE BELOW ${SPANISH_EASE_MINIMUM}`);
      if (cu && range && cu.words < range.min) flags.push(`under ${range.min.toLocaleString('en-US')} words`);
      if (cu && range && cu.words > range.max) flags.push(`over ${range.max.toLocaleString('en-US')} words`);
      console.log(
        `  ${pad(`${u.meta.order}. ${u.meta.slug}`, 40)} ${pad(cu?.words ?? '-', 6)} ${pad(cu?.ease ?? '-', 6)} ${pad(cu?.scenarios ?? '-', 5)} ${pad(cu?.reflections.length ?? '-', 5)} ${u.quiz ? `${u.quiz.questions.length} questions` : 'none'}${flags.length ? `  <- ${flags.join(', ')}` : ''}`,
      );
    }
  }
  console.log('\n  Quiz figures (what a guessing habit could earn):');
  for (const u of c.units) {
    if (!u.quiz) continue;
    const drawn = u.quiz.draw ? `asks ${u.quiz.draw} of ${u.quiz.questions.length}` : `asks all ${u.quiz.questions.length}`;
    console.log(`    ${pad(u.meta.slug, 36)} ${drawn}; ${formatQuality(quizQuality(u.quiz))}`);
  }
  // Across the course's quizzes, with the same figures as the exam bank (cue words included).
  const singles = c.units.flatMap((u) => u.quiz?.questions ?? []).flatMap((q) => (q.type === 'single' ? [q] : []));
  console.log(`    ${pad('whole course (single-choice)', 36)} ${formatBankQuality(bankQuality(singles))}`);
  const covered = new Set(c.units.flatMap((u) => u.meta.competencies));
  const comps = content.competencies;
  console.log(`\n  Competencies covered: ${comps.filter((x) => covered.has(x.id)).length} of ${comps.length}`);
  for (const x of comps) if (!covered.has(x.id)) console.log(`    not covered: ${x.id} (${x.title})`);
  if (c.exam) {
    const { definition, items, scenarios } = c.exam;
    console.log(`\n  Practice exam item bank: ${items.length} items, ${scenarios.length} scenario questions with rubrics`);
    console.log(
      `  ${pad('area', 34)} ${pad('bank', 5)} ${definition.forms.map((f) => pad(`${f.id} draws`, 12)).join(' ')} bank / largest draw`,
    );
    for (const c of bankCoverage(definition, items.filter(inExamPool))) {
      const flag = c.maxDraw && c.items < c.needed ? `  <- needs at least ${c.needed}` : '';
      console.log(
        `  ${pad(c.area, 34)} ${pad(c.items, 5)} ${definition.forms.map((f) => pad(f.blueprint[c.area] ?? 0, 12)).join(' ')} ${c.ratio === null ? '-' : `${c.ratio.toFixed(1)}x`}${flag}`,
      );
    }
    console.log(
      '\n  Practice sets and the exam (items marked use: practice | exam | both; the bank column above counts exam + both)',
    );
    console.log(`  ${pad('area', 34)} ${pad('practice', 9)} ${pad('both', 5)} ${pad('exam', 5)} practice pool`);
    for (const p of poolSizes(
      definition.areas.map((a) => a.id),
      items,
    ))
      console.log(`  ${pad(p.area, 34)} ${pad(p.practiceOnly, 9)} ${pad(p.both, 5)} ${pad(p.examOnly, 5)} ${p.practice}`);
    for (const s of scenarios) {
      const max = s.rubric.reduce((sum, r) => sum + Math.max(...r.levels.map((l) => l.points)), 0);
      console.log(`    scenario ${s.id} (${s.area}): ${s.rubric.length} criteria, ${max} points`);
    }
    console.log('\n  Item bank figures (what a guessing habit could earn):');
    for (const a of definition.areas)
      console.log(`    ${pad(a.id, 34)} ${formatBankQuality(bankQuality(items.filter((i) => i.area === a.id)))}`);
    console.log(`    ${pad('whole bank', 34)} ${formatBankQuality(bankQuality(items))}`);
  }
}

const warnings = sortProblems(content.warnings);
if (warnings.length) {
  console.log(`\n${warnings.length} warning${warnings.length === 1 ? '' : 's'} (worth fixing; they do not stop the content):`);
  for (const w of warnings) console.log(`warning: ${formatProblem(w)}`);
}
const problems = sortProblems(content.problems);
console.log(`\nChecked ${root} in ${ms} ms.`);
if (problems.length) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const p of problems) console.error(formatProblem(p));
  process.exitCode = 1;
} else {
  console.log('No problems found.');
}
