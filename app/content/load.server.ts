import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { inExamPool } from '../domain/exam';
import { poolSizes } from '../domain/practice-pool';
import { BASE_LOCALE, compareEditions, EDITION_FOLDER, type EditionFiles, emptyEdition } from './editions';
import { splitFrontmatter } from './frontmatter';
import { imageProblems } from './images';
import type { Problem } from './problems';
import { BANK_MULTIPLE, bankCoverage, bankQuality, quizQuality } from './quiz-quality';
import {
  type Course,
  competenciesFileSchema,
  courseSchema,
  type ExamDefinition,
  type ExamItem,
  examSchema,
  frontmatterSchema,
  itemFileSchema,
  type Quiz,
  quizSchema,
  type Scenario,
  scenariosFileSchema,
  type UnitFrontmatter,
} from './schema';
import { type Locate, parseYaml } from './yaml';

export interface UnitSource {
  file: string;
  source: string;
  hash: string;
  meta: UnitFrontmatter;
  quiz: (Quiz & { file: string; version: string }) | null;
}

export interface ExamContent {
  definition: ExamDefinition;
  items: ExamItem[];
  scenarios: Scenario[];
  version: string;
}

export interface EditionSource {
  dir: string;
  /** The edition's language: en at the course root, es in <course>/es/, ... */
  locale: string;
  course: Course;
  units: UnitSource[];
  exam: ExamContent | null;
}

/** A course: its base (English) edition, and its other language editions by locale. */
export interface CourseSource extends EditionSource {
  editions: Record<string, EditionSource>;
}

export interface ContentSources {
  root: string;
  competencies: { id: string; title: string }[];
  courses: CourseSource[];
  problems: Problem[];
  /** Things an author should look at that do not stop the content from being used. */
  warnings: Problem[];
  /** Hash of every file read: the content version. */
  version: string;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * Where the loader reads files: the content folder on disk, or a tree of the content store held
 * in memory (docs/decisions/030-content-store.md). Paths are as the loader builds them: the
 * root joined with the path inside it.
 */
export interface ContentFiles {
  /** The names in a folder, sorted; none when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** A file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
}

export const diskFiles: ContentFiles = {
  async list(dir) {
    try {
      return (await readdir(dir)).sort();
    } catch {
      return [];
    }
  },
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return null;
    }
  },
};

const decoder = new TextDecoder('utf-8');

/** A content tree in memory: `files` maps paths relative to `root` (forward slashes) to bytes. */
export function memoryFiles(root: string, files: ReadonlyMap<string, Uint8Array>): ContentFiles {
  const folders = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const names = folders.get(dir) ?? new Set<string>();
      folders.set(dir, names);
      names.add(parts[i]);
    }
  }
  const inside = (p: string) => relative(root, p).split(sep).join('/');
  return {
    list: async (dir) => [...(folders.get(inside(dir)) ?? [])].sort(),
    read: async (path) => {
      const bytes = files.get(inside(path));
      return bytes ? decoder.decode(bytes) : null;
    },
  };
}

const UNIT_FILE = /^(\d+)-([a-z0-9-]+)\.mdx$/;

/** Every course folder (the base edition), each followed by its language edition folders. */
async function editionDirs(files: ContentFiles, coursesDir: string): Promise<{ name: string; dir: string; locale: string }[]> {
  const out: { name: string; dir: string; locale: string }[] = [];
  for (const name of await files.list(coursesDir)) {
    const dir = join(coursesDir, name);
    out.push({ name, dir, locale: BASE_LOCALE });
    for (const sub of await files.list(dir))
      if (EDITION_FOLDER.test(sub) && sub !== BASE_LOCALE && (await files.list(join(dir, sub))).length)
        out.push({ name, dir: join(dir, sub), locale: sub });
  }
  return out;
}

/**
 * Reads and checks every content file under `root` (the author guide lists the layout and
 * the rules). Never throws on bad content: everything wrong is returned as problems with
 * file:line:column, and whatever is valid is still returned.
 */
export async function loadContentSources(
  root: string,
  cwd = process.cwd(),
  files: ContentFiles = diskFiles,
): Promise<ContentSources> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const rel = (p: string) => relative(cwd, p) || p;
  const hashes: string[] = [];

  const compFile = join(root, 'competencies.yaml');
  const compText = await files.read(compFile);
  let competencies: { id: string; title: string }[] = [];
  if (compText === null) problems.push({ file: rel(compFile), line: 1, column: 1, message: 'file is missing' });
  else {
    hashes.push(sha(compText));
    const r = parseYaml(rel(compFile), compText, competenciesFileSchema);
    if (r.ok) competencies = r.data.competencies;
    else problems.push(...r.problems);
  }
  const competencyIds = new Set(competencies.map((c) => c.id));
  const checkCompetencies = (file: string, ids: string[], locate: Locate, path: (string | number)[]) => {
    if (!competencies.length) return;
    ids.forEach((id, i) => {
      if (!competencyIds.has(id))
        problems.push({ file, ...locate([...path, i]), message: `unknown competency "${id}" (see content/competencies.yaml)` });
    });
  };

  const loaded: (EditionSource & { name: string })[] = [];
  const editionFiles = new Map<string, EditionFiles>();
  const coursesDir = join(root, 'courses');
  const courseSlugs = new Set<string>();
  for (const { name, dir, locale } of await editionDirs(files, coursesDir)) {
    const edition = emptyEdition(locale, rel(dir));
    editionFiles.set(`${name}/${locale}`, edition);
    // Quality warnings for every edition: a translation can make a key the longest option or
    // bring in a cue word, and the cue-word figures know each language's function words.
    const qualityWarnings = warnings;
    const courseFile = join(dir, 'course.yaml');
    const courseText = await files.read(courseFile);
    if (courseText === null) {
      // A translated edition without course.yaml is reported by the edition comparison.
      if (locale === BASE_LOCALE)
        problems.push({ file: rel(courseFile), line: 1, column: 1, message: 'every course folder needs a course.yaml' });
      continue;
    }
    edition.present.add('course.yaml');
    hashes.push(sha(courseText));
    const cr = parseYaml(rel(courseFile), courseText, courseSchema);
    if (!cr.ok) {
      problems.push(...cr.problems);
      continue;
    }
    const course = cr.data;
    edition.parsed.set('course.yaml', { kind: 'course', file: rel(courseFile), data: course, locate: cr.locate });
    if (course.slug !== name)
      problems.push({
        file: rel(courseFile),
        ...cr.locate(['slug']),
        message: `slug "${course.slug}" must match the folder name "${name}"`,
      });
    if (courseSlugs.has(`${locale}:${course.slug}`))
      problems.push({ file: rel(courseFile), ...cr.locate(['slug']), message: `duplicate course slug "${course.slug}"` });
    courseSlugs.add(`${locale}:${course.slug}`);

    // Units and quizzes
    const unitsDir = join(dir, 'units');
    const unitFiles = await files.list(unitsDir);
    const units: UnitSource[] = [];
    const slugs = new Map<string, string>();
    const orders = new Map<number, string>();
    const questionIds = new Map<string, string>();
    // Studio additions (ADR 031): course images, retired units, redirects from old slugs.
    const images = new Set(await files.list(join(dir, 'images')));
    const retired = new Set<string>();
    for (const f of unitFiles) {
      const path = join(unitsDir, f);
      edition.present.add(`units/${f}`);
      if (f.endsWith('.quiz.yaml')) {
        if (!unitFiles.includes(f.replace(/\.quiz\.yaml$/, '.mdx')))
          problems.push({
            file: rel(path),
            line: 1,
            column: 1,
            message: 'quiz has no unit: name it like its unit, NN-slug.quiz.yaml',
          });
        continue;
      }
      if (!f.endsWith('.mdx')) {
        problems.push({
          file: rel(path),
          line: 1,
          column: 1,
          message: 'unexpected file in units/: only NN-slug.mdx and NN-slug.quiz.yaml',
        });
        continue;
      }
      const source = (await files.read(path)) ?? '';
      hashes.push(sha(source));
      const fm = splitFrontmatter(rel(path), source);
      // A unit whose front matter is broken still answers to the slug in its file name, so the
      // exam's references to it do not turn one mistake into errors in other files.
      const claimFileSlug = () => {
        const slug = f.match(UNIT_FILE)?.[2];
        if (slug && !slugs.has(slug)) slugs.set(slug, rel(path));
      };
      if (fm.yaml === null) {
        problems.push(...fm.problems);
        claimFileSlug();
        continue;
      }
      const pr = parseYaml(rel(path), fm.yaml, frontmatterSchema, fm.yamlLine - 1);
      if (!pr.ok) {
        problems.push(...pr.problems);
        claimFileSlug();
        continue;
      }
      const meta = pr.data;
      edition.parsed.set(`units/${f}`, { kind: 'unit', file: rel(path), data: meta, locate: pr.locate });
      const m = f.match(UNIT_FILE);
      if (!m)
        problems.push({
          file: rel(path),
          line: 1,
          column: 1,
          message: 'name unit files NN-slug.mdx, e.g. 03-recovery-and-wellness.mdx',
        });
      else {
        if (Number(m[1]) !== meta.order)
          problems.push({
            file: rel(path),
            ...pr.locate(['order']),
            message: `order ${meta.order} does not match the file name's number ${m[1]}`,
          });
        if (m[2] !== meta.slug)
          problems.push({
            file: rel(path),
            ...pr.locate(['slug']),
            message: `slug "${meta.slug}" does not match the file name "${m[2]}"`,
          });
      }
      if (slugs.has(meta.slug))
        problems.push({
          file: rel(path),
          ...pr.locate(['slug']),
          message: `duplicate unit slug "${meta.slug}" (also in ${slugs.get(meta.slug)})`,
        });
      slugs.set(meta.slug, rel(path));
      if (meta.retired) retired.add(meta.slug);
      if (orders.has(meta.order))
        problems.push({
          file: rel(path),
          ...pr.locate(['order']),
          message: `duplicate order ${meta.order} (also in ${orders.get(meta.order)})`,
        });
      orders.set(meta.order, rel(path));
      checkCompetencies(rel(path), meta.competencies, pr.locate, ['competencies']);
      problems.push(...imageProblems(rel(path), source, course.slug, (n) => images.has(n)));

      let quiz: UnitSource['quiz'] = null;
      const quizPath = path.replace(/\.mdx$/, '.quiz.yaml');
      const quizText = await files.read(quizPath);
      if (quizText !== null) {
        hashes.push(sha(quizText));
        const qr = parseYaml(rel(quizPath), quizText, quizSchema);
        if (!qr.ok) problems.push(...qr.problems);
        else {
          const qProblems = checkQuiz(rel(quizPath), qr.data, qr.locate, questionIds, unitHeadings(source), qualityWarnings);
          problems.push(...qProblems);
          edition.parsed.set(`units/${basename(quizPath)}`, {
            kind: 'quiz',
            file: rel(quizPath),
            data: qr.data,
            locate: qr.locate,
          });
          if (!qProblems.length) quiz = { ...qr.data, file: rel(quizPath), version: sha(quizText) };
        }
      }
      units.push({ file: rel(path), source, hash: sha(source), meta, quiz });
    }
    units.sort((a, b) => a.meta.order - b.meta.order);
    Object.entries(course.redirects).forEach(([from, to]) => {
      if (slugs.has(from))
        problems.push({
          file: rel(courseFile),
          ...cr.locate(['redirects', from]),
          message: `redirect from "${from}", but a unit has that slug: remove the redirect`,
        });
      else if (!slugs.has(to))
        problems.push({
          file: rel(courseFile),
          ...cr.locate(['redirects', from]),
          message: `redirect to "${to}": no unit has that slug`,
        });
    });

    const exam = await loadExam(
      join(dir, 'exam'),
      rel,
      problems,
      qualityWarnings,
      hashes,
      checkCompetencies,
      new Set(slugs.keys()),
      edition,
      retired,
      files,
    );
    loaded.push({ name, dir, locale, course, units, exam });
  }
  const courses: CourseSource[] = [];
  for (const base of loaded) {
    if (base.locale !== BASE_LOCALE) continue;
    const { name, ...course } = base;
    const editions: Record<string, EditionSource> = {};
    for (const { name: other, ...edition } of loaded)
      if (other === name && edition.locale !== BASE_LOCALE) editions[edition.locale] = edition;
    courses.push({ ...course, editions });
  }
  for (const [key, files] of editionFiles) {
    const [name, locale] = key.split('/');
    const base = editionFiles.get(`${name}/${BASE_LOCALE}`);
    if (locale !== BASE_LOCALE && base) problems.push(...compareEditions(base, files));
  }
  if (!courses.length && !problems.length)
    problems.push({ file: rel(coursesDir), line: 1, column: 1, message: 'no course found: add courses/<slug>/course.yaml' });

  return { root, competencies, courses, problems, warnings, version: sha(hashes.join('')) };
}

/** The `## ` headings of a unit (outside code fences), as written and without Markdown marks. */
export function unitHeadings(source: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of source.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && line.match(/^##[ \t]+(.+?)[ \t#]*$/);
    if (!m) continue;
    out.add(m[1].trim());
    out.add(m[1].replace(/[*_`]/g, '').trim());
  }
  return out;
}

function checkQuiz(
  file: string,
  quiz: Quiz,
  locate: Locate,
  seen: Map<string, string>,
  headings: Set<string>,
  warnings: Problem[],
): Problem[] {
  const problems: Problem[] = [];
  const pool = quiz.questions.length;
  if (quiz.draw !== undefined) {
    if (quiz.draw > pool)
      problems.push({ file, ...locate(['draw']), message: `draw is ${quiz.draw} but the quiz holds ${pool} questions` });
    else if (pool < 2 * quiz.draw)
      warnings.push({
        file,
        ...locate(['draw']),
        message: `the pool holds ${pool} questions for a draw of ${quiz.draw}; with fewer than ${2 * quiz.draw}, a retake repeats questions from the attempt before`,
      });
  }
  if (quiz.drawBy) {
    const missing = quiz.questions.filter((q) => !q[quiz.drawBy as 'section' | 'tag']).length;
    if (missing)
      warnings.push({
        file,
        ...locate(['drawBy']),
        message: `drawBy: ${quiz.drawBy}, but ${missing} question${missing === 1 ? ' has' : 's have'} no ${quiz.drawBy}; they are drawn as one group of their own`,
      });
  }
  for (const w of quizQuality(quiz).warnings) warnings.push({ file, ...locate(w.path), message: w.message });
  quiz.questions.forEach((q, i) => {
    const at = (...p: (string | number)[]) => locate(['questions', i, ...p]);
    if (seen.has(q.id))
      problems.push({ file, ...at('id'), message: `duplicate question id "${q.id}" (also in ${seen.get(q.id)})` });
    seen.set(q.id, file);
    if (q.section !== undefined && !headings.has(q.section))
      problems.push({
        file,
        ...at('section'),
        message: `section "${q.section}" is not a "## " heading of this quiz's unit${headings.size ? ` (headings: ${[...headings].join('; ')})` : ''}`,
      });
    if (q.fixedOrder)
      warnings.push({
        file,
        ...at('fixedOrder'),
        message:
          'fixedOrder keeps these options in written order for every trainee; options like "all of the above" usually test reading habits more than knowledge: consider rewriting them so the options can be shuffled',
      });
    if (q.type === 'truefalse') return;
    const ids = q.options.map((o) => o.id);
    const dup = ids.find((id, j) => ids.indexOf(id) !== j);
    if (dup) problems.push({ file, ...at('options'), message: `option id "${dup}" is used twice` });
    const answers = q.type === 'single' ? [q.answer] : q.answer;
    answers.forEach((a, j) => {
      if (!ids.includes(a))
        problems.push({
          file,
          ...(q.type === 'single' ? at('answer') : at('answer', j)),
          message: `answer "${a}" is not one of this question's options (${ids.join(', ')})`,
        });
    });
    if (q.type === 'multiple' && new Set(q.answer).size !== q.answer.length)
      problems.push({ file, ...at('answer'), message: 'an answer is listed twice' });
  });
  return problems;
}

async function loadExam(
  dir: string,
  rel: (p: string) => string,
  problems: Problem[],
  warnings: Problem[],
  hashes: string[],
  checkCompetencies: (file: string, ids: string[], locate: Locate, path: (string | number)[]) => void,
  unitSlugs: Set<string>,
  files: EditionFiles,
  retiredSlugs: Set<string>,
  source: ContentFiles,
): Promise<ExamContent | null> {
  const quality = { locale: files.locale };
  const examFile = join(dir, 'exam.yaml');
  const examText = await source.read(examFile);
  if (examText === null) return null;
  files.present.add('exam/exam.yaml');
  const examHashes = [sha(examText)];
  const er = parseYaml(rel(examFile), examText, examSchema);
  if (!er.ok) {
    problems.push(...er.problems);
    return null;
  }
  const def = er.data;
  files.parsed.set('exam/exam.yaml', { kind: 'exam', file: rel(examFile), data: def, locate: er.locate });
  const areaIds = new Set(def.areas.map((a) => a.id));
  def.areas.forEach((a, i) => {
    a.units.forEach((u, j) => {
      if (!unitSlugs.has(u))
        problems.push({ file: rel(examFile), ...er.locate(['areas', i, 'units', j]), message: `no unit with slug "${u}"` });
      else if (retiredSlugs.has(u))
        problems.push({
          file: rel(examFile),
          ...er.locate(['areas', i, 'units', j]),
          message: `unit "${u}" is retired: take it out of this area's units, or bring the unit back`,
        });
    });
  });

  const items: ExamItem[] = [];
  const ids = new Map<string, string>();
  const areaFiles = new Map<string, { file: string; locate: Locate }>();
  for (const f of await source.list(join(dir, 'items'))) {
    const path = join(dir, 'items', f);
    const text = (await source.read(path)) ?? '';
    examHashes.push(sha(text));
    files.present.add(`exam/items/${f}`);
    const r = parseYaml(rel(path), text, itemFileSchema);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    files.parsed.set(`exam/items/${f}`, { kind: 'items', file: rel(path), data: r.data, locate: r.locate });
    if (!areaIds.has(r.data.area))
      problems.push({ file: rel(path), ...r.locate(['area']), message: `area "${r.data.area}" is not one of exam.yaml's areas` });
    if (basename(f, '.yaml') !== r.data.area)
      problems.push({ file: rel(path), ...r.locate(['area']), message: `name this file ${r.data.area}.yaml, after its area` });
    r.data.items.forEach((item, i) => {
      const at = (...p: (string | number)[]) => r.locate(['items', i, ...p]);
      if (ids.has(item.id))
        problems.push({ file: rel(path), ...at('id'), message: `duplicate item id "${item.id}" (also in ${ids.get(item.id)})` });
      ids.set(item.id, rel(path));
      const optionIds = item.options.map((o) => o.id);
      if (new Set(optionIds).size !== optionIds.length)
        problems.push({ file: rel(path), ...at('options'), message: 'an option id is used twice' });
      if (!optionIds.includes(item.answer))
        problems.push({
          file: rel(path),
          ...at('answer'),
          message: `answer "${item.answer}" is not one of this item's options (${optionIds.join(', ')})`,
        });
      checkCompetencies(rel(path), item.competencies, r.locate, ['items', i, 'competencies']);
      items.push({ ...item, area: r.data.area });
    });
    if (!areaFiles.has(r.data.area)) areaFiles.set(r.data.area, { file: rel(path), locate: r.locate });
  }

  let scenarios: Scenario[] = [];
  const scenFile = join(dir, 'scenarios.yaml');
  const scenText = await source.read(scenFile);
  if (scenText !== null) {
    examHashes.push(sha(scenText));
    files.present.add('exam/scenarios.yaml');
    const r = parseYaml(rel(scenFile), scenText, scenariosFileSchema);
    if (!r.ok) problems.push(...r.problems);
    else {
      files.parsed.set('exam/scenarios.yaml', { kind: 'scenarios', file: rel(scenFile), data: r.data, locate: r.locate });
      scenarios = r.data.scenarios;
      scenarios.forEach((s, i) => {
        const at = (...p: (string | number)[]) => r.locate(['scenarios', i, ...p]);
        if (ids.has(s.id))
          problems.push({ file: rel(scenFile), ...at('id'), message: `duplicate item id "${s.id}" (also in ${ids.get(s.id)})` });
        ids.set(s.id, rel(scenFile));
        if (!areaIds.has(s.area))
          problems.push({ file: rel(scenFile), ...at('area'), message: `area "${s.area}" is not one of exam.yaml's areas` });
        checkCompetencies(rel(scenFile), s.competencies, r.locate, ['scenarios', i, 'competencies']);
        const critIds = s.rubric.map((c) => c.id);
        if (new Set(critIds).size !== critIds.length)
          problems.push({ file: rel(scenFile), ...at('rubric'), message: 'a criterion id is used twice' });
        s.rubric.forEach((c, j) => {
          const pts = c.levels.map((l) => l.points);
          const ascending = pts.every((p, k) => k === 0 || p > pts[k - 1]);
          if (!ascending)
            problems.push({
              file: rel(scenFile),
              ...at('rubric', j, 'levels'),
              message: 'list levels lowest points first, each with different points',
            });
        });
      });
    }
  }

  // Blueprint against the bank
  def.forms.forEach((form, i) => {
    for (const [area, n] of Object.entries(form.blueprint)) {
      if (!areaIds.has(area)) {
        problems.push({
          file: rel(examFile),
          ...er.locate(['forms', i, 'blueprint', area]),
          message: `area "${area}" is not listed under areas`,
        });
        continue;
      }
      const have = items.filter((it) => it.area === area && inExamPool(it)).length;
      if (n > have)
        problems.push({
          file: rel(examFile),
          ...er.locate(['forms', i, 'blueprint', area]),
          message: `form "${form.id}" draws ${n} items from ${area} but the bank holds ${have}`,
        });
    }
    if (form.scenarios > scenarios.length)
      problems.push({
        file: rel(examFile),
        ...er.locate(['forms', i, 'scenarios']),
        message: `form "${form.id}" draws ${form.scenarios} scenario questions but scenarios.yaml holds ${scenarios.length}`,
      });
  });
  // Bank size: at least BANK_MULTIPLE items per item drawn, so a retake or a classmate sees
  // mostly different items. A form drawing more than the bank holds is reported above.
  for (const c of bankCoverage(def, items.filter(inExamPool))) {
    if (!c.maxDraw || c.items < c.maxDraw || c.items >= c.needed) continue;
    const formIndex = def.forms.findIndex((f) => f.id === c.form);
    const where = areaFiles.get(c.area);
    problems.push({
      ...(where
        ? { file: where.file, ...where.locate(['items']) }
        : { file: rel(examFile), ...er.locate(['forms', formIndex, 'blueprint', c.area]) }),
      message: `${c.area} has ${c.items} item${c.items === 1 ? '' : 's'}; the ${c.form} form draws ${c.maxDraw}, so the bank needs at least ${c.needed} (${BANK_MULTIPLE} times the largest draw, so retakes and classmates see mostly different items)`,
    });
  }
  // Practice sets draw from practice and both items: an area with none would never be practised.
  for (const p of poolSizes(
    def.areas.map((a) => a.id),
    items,
  )) {
    const where = areaFiles.get(p.area);
    if (where && p.practice === 0 && p.exam > 0)
      problems.push({
        file: where.file,
        ...where.locate(['items']),
        message: `${p.area} has no item for practice sets: mark some items use: practice or both`,
      });
  }
  // Answer cues, per area and for the whole bank: warnings only.
  for (const a of def.areas) {
    const where = areaFiles.get(a.id);
    if (!where) continue;
    for (const message of bankQuality(
      items.filter((i) => i.area === a.id),
      quality,
    ).warnings)
      warnings.push({ file: where.file, ...where.locate(['items']), message: `${a.id}: ${message}` });
  }
  if (areaFiles.size > 1)
    for (const message of bankQuality(items, quality).warnings)
      warnings.push({ file: rel(examFile), ...er.locate(['areas']), message: `whole bank: ${message}` });

  const formIds = def.forms.map((f) => f.id);
  if (new Set(formIds).size !== formIds.length)
    problems.push({ file: rel(examFile), ...er.locate(['forms']), message: 'a form id is used twice' });

  hashes.push(...examHashes);
  return { definition: def, items, scenarios, version: sha(examHashes.join('')) };
}
