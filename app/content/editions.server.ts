import type { CourseContent, EditionContent, UnitContent } from './content.server';
import { BASE_LOCALE } from './editions';
import type { Problem } from './problems';

// What a reader of one language is served (docs/decisions/032-language-editions.md).

/** A course as one reader sees it: their edition where it exists, English where it does not yet. */
export interface CourseView extends CourseContent {
  /** The language asked for. */
  requested: string;
  /**
   * True when the requested language has no edition of this course, or a part of it (a unit, a
   * quiz, an exam item) is not translated yet and is shown in English: the page says so. Never
   * silent: the checker reports the incomplete edition as an error too.
   */
  untranslated: boolean;
}

/**
 * The course in `locale`: that edition's units, quizzes, glossary, sources and exam text, each
 * matched to the base edition by slug or id, so order, rules, answers and points are always the
 * base edition's. Whatever the edition lacks (or could not be compiled) is the English one.
 */
export function courseEdition(course: CourseContent, locale: string): CourseView {
  const edition = locale === BASE_LOCALE ? undefined : course.editions[locale];
  if (!edition) return { ...course, requested: locale, untranslated: locale !== BASE_LOCALE };
  let untranslated = false;
  const bySlug = new Map(edition.units.map((u) => [u.meta.slug, u]));
  const units: UnitContent[] = course.units.map((u) => {
    const t = bySlug.get(u.meta.slug);
    if (!t?.compiled) {
      untranslated = true;
      return u;
    }
    if (u.quiz && !t.quiz) {
      // A translated unit whose quiz is not: the whole unit in English, so the quiz and the
      // unit it asks about are in one language and the attempt records the right edition.
      untranslated = true;
      return u;
    }
    return t;
  });
  let exam = course.exam;
  if (course.exam && !edition.exam) untranslated = true;
  if (course.exam && edition.exam) {
    const items = new Map(edition.exam.items.map((i) => [i.id, i]));
    const scenarios = new Map(edition.exam.scenarios.map((s) => [s.id, s]));
    const pick = <T extends { id: string }>(x: T, from: Map<string, T>): T => {
      const t = from.get(x.id);
      if (!t) untranslated = true;
      return t ?? x;
    };
    exam = {
      ...edition.exam,
      // The structure (areas, forms, blueprint, pass mark) is the base edition's; titles are translated.
      definition: { ...course.exam.definition, title: edition.exam.definition.title, notice: edition.exam.definition.notice },
      items: course.exam.items.map((i) => pick(i, items)),
      scenarios: course.exam.scenarios.map((s) => pick(s, scenarios)),
    };
    const areaTitles = new Map(edition.exam.definition.areas.map((a) => [a.id, a.title]));
    const formText = new Map(edition.exam.definition.forms.map((f) => [f.id, f]));
    exam.definition = {
      ...exam.definition,
      areas: course.exam.definition.areas.map((a) => ({ ...a, title: areaTitles.get(a.id) ?? a.title })),
      forms: course.exam.definition.forms.map((f) => {
        const t = formText.get(f.id);
        return t ? { ...f, title: t.title, description: t.description } : f;
      }),
    };
  }
  return {
    ...edition,
    course: { ...edition.course, rules: course.course.rules, completion: course.course.completion },
    units,
    exam,
    editions: course.editions,
    requested: locale,
    untranslated,
  };
}

/**
 * Reflection ids are structural (a trainee's answers are stored under them): every unit of an
 * edition has the base unit's <Reflection> ids in the same order. Known only after compiling.
 */
export function reflectionProblems(base: EditionContent, editions: Record<string, EditionContent>): Problem[] {
  const problems: Problem[] = [];
  const baseUnits = new Map(base.units.map((u) => [u.meta.slug, u]));
  for (const edition of Object.values(editions))
    for (const u of edition.units) {
      const b = baseUnits.get(u.meta.slug);
      if (!b?.compiled || !u.compiled) continue;
      const want = b.compiled.reflections.map((r) => r.id);
      const have = u.compiled.reflections.map((r) => r.id);
      if (want.join('\n') === have.join('\n')) continue;
      const k = have.findIndex((id, i) => id !== want[i]);
      const lines = u.source.split(/\r?\n/);
      const id = k >= 0 ? have[k] : undefined;
      const line = id ? lines.findIndex((l) => l.includes('<Reflection') && l.includes(id)) : -1;
      problems.push({
        file: u.file,
        line: line >= 0 ? line + 1 : 1,
        column: line >= 0 ? lines[line].indexOf('<Reflection') + 1 : 1,
        message: `reflection ids are ${have.join(', ') || 'none'} here but ${want.join(', ') || 'none'} in English (${b.file}): keep every <Reflection id> as in English, in the same order`,
      });
    }
  return problems;
}

/** What the page's note needs (components/edition-note.tsx): loader data, no content. */
export function editionNote(view: CourseView) {
  return { requested: view.requested, untranslated: view.untranslated, whole: view.locale !== view.requested };
}
