import type { Problem } from './problems';
import type { Course, ExamDefinition, Quiz, Scenario, UnitFrontmatter } from './schema';
import type { Locate } from './yaml';

// Language editions of a course (docs/decisions/032-language-editions.md). English at the
// course root is the base edition; another language lives in `<course>/<locale>/` with the same
// files at the same paths. Everything structural (ids, order, answers, points, draws, areas) is
// identical; only text differs. Pure: the loader hands in what it parsed.

/** The language of the files at a course's root. */
export const BASE_LOCALE = 'en';

/** A folder name that is a language edition: a two-letter language code such as es or fr. */
export const EDITION_FOLDER = /^[a-z]{2}$/;

export interface Located<T> {
  file: string;
  data: T;
  locate: Locate;
}

export type EditionFile =
  | ({ kind: 'course' } & Located<Course>)
  | ({ kind: 'unit' } & Located<UnitFrontmatter>)
  | ({ kind: 'quiz' } & Located<Quiz>)
  | ({ kind: 'exam' } & Located<ExamDefinition>)
  | ({ kind: 'items' } & Located<{ area: string; items: ItemLike[] }>)
  | ({ kind: 'scenarios' } & Located<{ scenarios: Scenario[] }>);

interface ItemLike {
  id: string;
  use?: string;
  competencies: string[];
  options: { id: string }[];
  answer: string;
}

/** What the loader read of one edition: every file found, and those that parsed. */
export interface EditionFiles {
  locale: string;
  /** The edition's folder as shown in problems, e.g. content/courses/core or content/courses/core/es. */
  dir: string;
  /** Paths inside the edition of every file found (parsed or not): units/01-x.mdx, exam/exam.yaml. */
  present: Set<string>;
  /** The files that parsed, by the same paths. */
  parsed: Map<string, EditionFile>;
}

export function emptyEdition(locale: string, dir: string): EditionFiles {
  return { locale, dir, present: new Set(), parsed: new Map() };
}

/** The edition a content file belongs to, from its path: `.../courses/<c>/es/units/x.mdx` is es. */
export function editionOfFile(path: string): string {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf('courses');
  const folder = at >= 0 ? parts[at + 2] : undefined;
  return folder && EDITION_FOLDER.test(folder) && at + 3 < parts.length ? folder : BASE_LOCALE;
}

const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Every difference between a translated edition and the base edition that is not a matter of
 * text: a file, unit, question, option, item, scenario, criterion or level missing on one side,
 * or a structural value that differs. Each is a problem at file:line:column of the translated
 * file, or of the English file when the translated one is missing (naming the expected file).
 */
export function compareEditions(base: EditionFiles, other: EditionFiles): Problem[] {
  const problems: Problem[] = [];
  const lang = other.locale;
  const path = (dir: string, rel: string) => `${dir}/${rel}`;

  // Without its course.yaml the loader reads nothing more of an edition: say only that.
  const only = other.present.has('course.yaml') ? null : 'course.yaml';
  for (const rel of [...base.present].sort()) {
    if (other.present.has(rel) || (only && rel !== only)) continue;
    const b = base.parsed.get(rel);
    problems.push({
      file: path(base.dir, rel),
      ...(b ? b.locate([]) : { line: 1, column: 1 }),
      message: `the ${lang} edition has no counterpart of this file: expected ${path(other.dir, rel)}`,
    });
  }
  for (const rel of [...other.present].sort()) {
    if (base.present.has(rel)) continue;
    problems.push({
      file: path(other.dir, rel),
      line: 1,
      column: 1,
      message: `this file has no English counterpart (${path(base.dir, rel)}): an edition mirrors the English files at the same path and name`,
    });
  }

  for (const [rel, o] of other.parsed) {
    const b = base.parsed.get(rel);
    if (!b || b.kind !== o.kind) continue;
    const c = new Comparer(b, o, problems);
    switch (o.kind) {
      case 'course':
        compareCourse(c, b.data as Course, o.data);
        break;
      case 'unit':
        compareUnit(c, b.data as UnitFrontmatter, o.data);
        break;
      case 'quiz':
        compareQuiz(c, b.data as Quiz, o.data);
        break;
      case 'exam':
        compareExam(c, b.data as ExamDefinition, o.data);
        break;
      case 'items': {
        const bd = b.data as { area: string; items: ItemLike[] };
        c.value(['area'], 'area', bd.area, o.data.area);
        c.list(['items'], 'item', bd.items, o.data.items, (bi, oi, bx, ox) => {
          const at = (k: string) => ['items', ox, k];
          c.value(at('use'), 'use', bi.use ?? 'both', oi.use ?? 'both', ['items', bx, 'use']);
          c.value(at('competencies'), 'competencies', bi.competencies, oi.competencies, ['items', bx, 'competencies']);
          c.value(at('answer'), 'answer', bi.answer, oi.answer, ['items', bx, 'answer']);
          c.options(['items', bx], ['items', ox], bi.options, oi.options);
        });
        break;
      }
      case 'scenarios': {
        const bd = b.data as { scenarios: Scenario[] };
        c.list(['scenarios'], 'scenario', bd.scenarios, o.data.scenarios, (bs, os, bx, ox) => {
          const bp = ['scenarios', bx];
          const op = ['scenarios', ox];
          c.value([...op, 'area'], 'area', bs.area, os.area, [...bp, 'area']);
          c.value([...op, 'competencies'], 'competencies', bs.competencies, os.competencies, [...bp, 'competencies']);
          c.list([...op, 'rubric'], 'rubric criterion', bs.rubric, os.rubric, (bc, oc, bcx, ocx) => {
            const levels = [...op, 'rubric', ocx, 'levels'];
            if (bc.levels.length !== oc.levels.length)
              c.problem(levels, `criterion "${oc.id}" has ${oc.levels.length} levels here but ${bc.levels.length} in English`, [
                ...bp,
                'rubric',
                bcx,
                'levels',
              ]);
            else
              bc.levels.forEach((bl, k) => {
                const at = [...bp, 'rubric', bcx, 'levels', k, 'points'];
                c.value([...levels, k, 'points'], 'points', bl.points, oc.levels[k].points, at);
              });
          });
        });
        break;
      }
    }
  }
  return problems;
}

class Comparer {
  constructor(
    private readonly base: Located<unknown>,
    private readonly other: Located<unknown>,
    private readonly problems: Problem[],
  ) {}

  private english(path: (string | number)[]) {
    const at = this.base.locate(path);
    return `${this.base.file}:${at.line}:${at.column}`;
  }

  problem(path: (string | number)[], message: string, basePath = path) {
    this.problems.push({
      file: this.other.file,
      ...this.other.locate(path),
      message: `${message} (English: ${this.english(basePath)})`,
    });
  }

  /** A structural value that must be the same in every edition. */
  value(path: (string | number)[], what: string, baseValue: unknown, value: unknown, basePath = path) {
    if (!same(baseValue, value))
      this.problem(path, `${what} is ${show(value)} here but ${show(baseValue)} in English: keep it as in English`, basePath);
  }

  /** Text that must be present in an edition exactly when it is present in English (a disclaimer, a note). */
  presence(path: (string | number)[], what: string, baseValue: unknown, value: unknown) {
    if ((baseValue === undefined) !== (value === undefined))
      this.problem(
        path,
        baseValue === undefined
          ? `${what} is not in English: leave it out or add it there too`
          : `${what} is missing: translate the English one`,
      );
  }

  /**
   * Two lists matched by id: a missing, extra or reordered element is a problem; matched pairs
   * go to `each` with their indexes in the English and the translated list.
   */
  list<T extends { id: string }>(
    path: (string | number)[],
    what: string,
    baseItems: T[],
    items: T[],
    each?: (b: T, o: T, baseIndex: number, index: number) => void,
    basePath = path,
  ) {
    const baseIndex = new Map(baseItems.map((x, i) => [x.id, i]));
    const index = new Map(items.map((x, i) => [x.id, i]));
    for (const [id, i] of baseIndex)
      if (!index.has(id))
        this.problem(path, `${what} "${id}" has no counterpart here: translate it with the same id`, [...basePath, i, 'id']);
    items.forEach((x, i) => {
      if (!baseIndex.has(x.id))
        this.problems.push({
          file: this.other.file,
          ...this.other.locate([...path, i, 'id']),
          message: `${what} "${x.id}" is not in the English edition (${this.base.file}): an edition has the same ${what}s with the same ids`,
        });
    });
    const common = (list: T[], other: Map<string, number>) => list.filter((x) => other.has(x.id)).map((x) => x.id);
    const baseOrder = common(baseItems, index);
    const order = common(items, baseIndex);
    const k = order.findIndex((id, i) => id !== baseOrder[i]);
    if (k >= 0) {
      const id = order[k];
      this.problem(
        [...path, index.get(id) as number, 'id'],
        `${what} "${id}" is out of order: the English order is ${baseOrder.join(', ')}`,
        [...basePath, baseIndex.get(id) as number, 'id'],
      );
    }
    if (each)
      for (const [id, i] of index)
        if (baseIndex.has(id)) each(baseItems[baseIndex.get(id) as number], items[i], baseIndex.get(id) as number, i);
  }

  options(basePath: (string | number)[], path: (string | number)[], baseOptions: { id: string }[], options: { id: string }[]) {
    this.list([...path, 'options'], 'option', baseOptions, options, undefined, [...basePath, 'options']);
  }
}

function compareCourse(c: Comparer, b: Course, o: Course) {
  c.value(['slug'], 'slug', b.slug, o.slug);
  c.value(['rules'], 'rules', b.rules, o.rules);
  c.value(['completion'], 'completion', b.completion, o.completion);
  c.presence(['disclaimer'], 'the disclaimer', b.disclaimer, o.disclaimer);
  if (b.sources.length !== o.sources.length)
    c.problem(['sources'], `${o.sources.length} sources here but ${b.sources.length} in English: translate each one`);
}

function compareUnit(c: Comparer, b: UnitFrontmatter, o: UnitFrontmatter) {
  c.value(['slug'], 'slug', b.slug, o.slug);
  c.value(['order'], 'order', b.order, o.order);
  c.value(['minutes'], 'minutes', b.minutes, o.minutes);
  c.value(['competencies'], 'competencies', b.competencies, o.competencies);
  c.presence(['contentNote'], 'the content note', b.contentNote, o.contentNote);
}

function compareQuiz(c: Comparer, b: Quiz, o: Quiz) {
  c.value(['passPercent'], 'passPercent', b.passPercent, o.passPercent);
  c.value(['draw'], 'draw', b.draw, o.draw);
  c.value(['drawBy'], 'drawBy', b.drawBy, o.drawBy);
  c.value(['review'], 'review', b.review, o.review);
  // Sections are translated headings, but a draw by section must group the same questions:
  // one English section is one translated section, and the other way round.
  const toOther = new Map<string, string>();
  const toBase = new Map<string, string>();
  c.list(['questions'], 'question', b.questions, o.questions, (bq, oq, bx, ox) => {
    const at = (...p: (string | number)[]) => ['questions', ox, ...p];
    const bat = (...p: (string | number)[]) => ['questions', bx, ...p];
    c.value(at('type'), 'type', bq.type, oq.type, bat('type'));
    if (bq.type !== oq.type) return;
    c.value(at('answer'), 'answer', bq.answer, oq.answer, bat('answer'));
    c.value(at('fixedOrder'), 'fixedOrder', bq.fixedOrder, oq.fixedOrder, bat('fixedOrder'));
    c.value(at('tag'), 'tag', bq.tag, oq.tag, bat('tag'));
    if (bq.type !== 'truefalse' && oq.type !== 'truefalse') c.options(bat(), at(), bq.options, oq.options);
    if ((bq.section === undefined) !== (oq.section === undefined))
      c.problem(
        at(oq.section === undefined ? 'id' : 'section'),
        bq.section === undefined
          ? `question "${oq.id}" has a section here but none in English`
          : `question "${oq.id}" has no section here but "${bq.section}" in English: name the heading of this edition's unit`,
        bat(bq.section === undefined ? 'id' : 'section'),
      );
    else if (bq.section !== undefined && oq.section !== undefined) {
      const mapped = toOther.get(bq.section);
      const back = toBase.get(oq.section);
      if ((mapped !== undefined && mapped !== oq.section) || (back !== undefined && back !== bq.section))
        c.problem(
          at('section'),
          `question "${oq.id}" is in section "${oq.section}", but English questions of one section must share one section here too (English "${bq.section}" is "${mapped ?? oq.section}" here)`,
          bat('section'),
        );
      toOther.set(bq.section, mapped ?? oq.section);
      toBase.set(oq.section, back ?? bq.section);
    }
  });
}

function compareExam(c: Comparer, b: ExamDefinition, o: ExamDefinition) {
  c.value(['passPercent'], 'passPercent', b.passPercent, o.passPercent);
  c.value(['review'], 'review', b.review, o.review);
  c.list(['areas'], 'area', b.areas, o.areas, (ba, oa, bx, ox) =>
    c.value(['areas', ox, 'units'], 'units', ba.units, oa.units, ['areas', bx, 'units']),
  );
  c.list(['forms'], 'form', b.forms, o.forms, (bf, of, bx, ox) => {
    for (const k of ['timeLimitMinutes', 'attemptsAllowed', 'waitHoursBetweenAttempts', 'scenarios', 'blueprint'] as const)
      c.value(['forms', ox, k], k, bf[k], of[k], ['forms', bx, k]);
  });
}
