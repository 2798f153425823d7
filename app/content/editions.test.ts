import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent, useContentCacheDir } from './content.server';
import { editionOfFile } from './editions';
import { courseEdition } from './editions.server';
import { formatProblem } from './problems';

// The mini fixture course with its Spanish edition (tests/fixtures/content-es), in a temp copy
// each test may break.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-editions-'));
  cpSync('tests/fixtures/content', dir, { recursive: true });
  cpSync('tests/fixtures/content-es', dir, { recursive: true });
  useContentCacheDir(join(dir, '.cache'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ES = 'courses/mini/es';
const edit = (rel: string, fn: (s: string) => string) => {
  const p = join(dir, rel);
  writeFileSync(p, fn(readFileSync(p, 'utf8')));
};
async function problems() {
  const content = await buildContent(dir);
  const prefix = `${relative(process.cwd(), dir)}/`;
  return content.problems.map((p) => formatProblem(p).replaceAll(prefix, ''));
}

describe('a complete Spanish edition', () => {
  it('loads with no problem, beside the English one', async () => {
    const content = await buildContent(dir);
    expect(content.problems).toEqual([]);
    const [course] = content.courses;
    expect(course.locale).toBe('en');
    expect(Object.keys(course.editions)).toEqual(['es']);
    const es = course.editions.es;
    expect(es.course.title).toBe('Un curso pequeño');
    expect(es.units.map((u) => [u.meta.slug, u.locale])).toEqual([
      ['first', 'es'],
      ['second', 'es'],
    ]);
    expect(es.units[0].compiled?.keyTerms).toEqual([{ term: 'Esperanza', definition: 'Creer que las cosas pueden mejorar.' }]);
    expect(es.units[0].quiz?.questions[0].prompt).toBe('Elija la b.');
    expect(es.exam?.items.find((i) => i.id === 'a1-001')?.prompt).toBe('¿Pregunta uno?');
  });
  it('measures Spanish units with Fernández-Huerta and English ones with Flesch-Kincaid', async () => {
    const [course] = (await buildContent(dir)).courses;
    expect(course.units[0].compiled?.ease).toBeNull();
    expect(course.editions.es.units[0].compiled?.ease).toBeGreaterThan(60);
    expect(course.editions.es.units[0].compiled?.grade).toBe(0);
  });
  it('a Spanish unit that reads too hard is a problem at the first line of its body', async () => {
    edit(`${ES}/units/02-second.mdx`, (s) =>
      s.replace(
        'Ya terminó. Marque esta unidad como hecha.',
        'La implementación institucional de intervenciones psicoterapéuticas individualizadas requiere necesariamente la consideración interdisciplinaria de determinantes socioeconómicos extraordinariamente complejos.',
      ),
    );
    expect(await problems()).toEqual([
      expect.stringMatching(
        /^courses\/mini\/es\/units\/02-second\.mdx:11:1 Fernández-Huerta reading ease -?\d+(\.\d)? is below 60/,
      ),
    ]);
  });
});

describe('the edition comparison: each difference is an error at file:line:column', () => {
  it('a missing translated unit: at the English unit, naming the file expected', async () => {
    unlinkSync(join(dir, `${ES}/units/02-second.mdx`));
    expect(await problems()).toEqual([
      'courses/mini/units/02-second.mdx:2:1 the es edition has no counterpart of this file: expected courses/mini/es/units/02-second.mdx',
    ]);
  });
  it('a missing translated quiz', async () => {
    unlinkSync(join(dir, `${ES}/units/01-first.quiz.yaml`));
    expect(await problems()).toEqual([
      'courses/mini/units/01-first.quiz.yaml:1:1 the es edition has no counterpart of this file: expected courses/mini/es/units/01-first.quiz.yaml',
    ]);
  });
  it('a translated file with no English counterpart', async () => {
    writeFileSync(join(dir, `${ES}/exam/items/area-two.yaml`), 'area: area-one\nitems: []\n');
    const p = await problems();
    expect(p).toContain(
      'courses/mini/es/exam/items/area-two.yaml:1:1 this file has no English counterpart (courses/mini/exam/items/area-two.yaml): an edition mirrors the English files at the same path and name',
    );
  });
  it('a missing course.yaml says only that', async () => {
    unlinkSync(join(dir, `${ES}/course.yaml`));
    expect(await problems()).toEqual([
      'courses/mini/course.yaml:1:1 the es edition has no counterpart of this file: expected courses/mini/es/course.yaml',
    ]);
  });
  it('a missing question', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) => s.slice(0, s.indexOf('  - id: mini-two')));
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:3:3 question "mini-two" has no counterpart here: translate it with the same id (English: courses/mini/units/01-first.quiz.yaml:11:9)',
    ]);
  });
  it('an extra question', async () => {
    edit(
      `${ES}/units/01-first.quiz.yaml`,
      (s) => `${s}  - id: mini-three\n    type: truefalse\n    prompt: Otra.\n    answer: false\n    rationale: No.\n`,
    );
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:16:9 question "mini-three" is not in the English edition (courses/mini/units/01-first.quiz.yaml): an edition has the same questions with the same ids',
    ]);
  });
  it('questions out of order', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) => {
      const i = s.indexOf('  - id: mini-two');
      return `passPercent: 50\nquestions:\n${s.slice(i)}${s.slice(s.indexOf('  - id: mini-one'), i)}`;
    });
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:3:9 question "mini-two" is out of order: the English order is mini-one, mini-two (English: courses/mini/units/01-first.quiz.yaml:11:9)',
    ]);
  });
  it('a different answer key', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) => s.replace('answer: b', 'answer: a'));
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:9:13 answer is "a" here but "b" in English: keep it as in English (English: courses/mini/units/01-first.quiz.yaml:9:13)',
    ]);
  });
  it('a true/false answer, a pass mark and a draw', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) =>
      s.replace('answer: true', 'answer: false').replace('passPercent: 50', 'passPercent: 60'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:1:14 passPercent is 60 here but 50 in English: keep it as in English (English: courses/mini/units/01-first.quiz.yaml:1:14)',
      'courses/mini/es/units/01-first.quiz.yaml:14:13 answer is false here but true in English: keep it as in English (English: courses/mini/units/01-first.quiz.yaml:14:13)',
    ]);
  });
  it('a missing and a renamed option', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) => s.replace('{ id: a, text: Esta no }', '{ id: c, text: Esta no }'));
    const p = await problems();
    expect(p).toContain(
      'courses/mini/es/units/01-first.quiz.yaml:7:7 option "a" has no counterpart here: translate it with the same id (English: courses/mini/units/01-first.quiz.yaml:7:15)',
    );
    expect(p).toContain(
      'courses/mini/es/units/01-first.quiz.yaml:7:15 option "c" is not in the English edition (courses/mini/units/01-first.quiz.yaml): an edition has the same options with the same ids',
    );
  });
  it('a changed question type', async () => {
    edit(`${ES}/units/01-first.quiz.yaml`, (s) =>
      s
        .replace('type: truefalse', 'type: single')
        .replace('answer: true', 'answer: a\n    options:\n      - { id: a, text: Sí }\n      - { id: b, text: No }'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:12:11 type is "single" here but "truefalse" in English: keep it as in English (English: courses/mini/units/01-first.quiz.yaml:12:11)',
    ]);
  });
  it('unit order, minutes and competencies in the front matter', async () => {
    edit(`${ES}/units/02-second.mdx`, (s) =>
      s.replace('minutes: 5', 'minutes: 7').replace('competencies: [ethics]', 'competencies: [hope]'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/units/02-second.mdx:6:10 minutes is 7 here but 5 in English: keep it as in English (English: courses/mini/units/02-second.mdx:6:10)',
      'courses/mini/es/units/02-second.mdx:9:15 competencies is ["hope"] here but ["ethics"] in English: keep it as in English (English: courses/mini/units/02-second.mdx:9:15)',
    ]);
  });
  it('a changed unit slug is a file with no counterpart and a slug that differs', async () => {
    edit(`${ES}/units/02-second.mdx`, (s) => s.replace('slug: second', 'slug: segunda'));
    expect(await problems()).toContain(
      'courses/mini/es/units/02-second.mdx:3:7 slug "segunda" does not match the file name "second"',
    );
  });
  it('a quiz section must be a heading of the unit in the same edition', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) =>
      s.replace('prompt: Pick b.', 'prompt: Pick b.\n    section: Starting out'),
    );
    edit(`${ES}/units/01-first.quiz.yaml`, (s) =>
      s.replace('prompt: Elija la b.', 'prompt: Elija la b.\n    section: Starting out'),
    );
    expect(await problems()).toEqual([
      expect.stringMatching(
        /^courses\/mini\/es\/units\/01-first\.quiz\.yaml:6:14 section "Starting out" is not a "## " heading of this quiz's unit \(headings: Para empezar\)/,
      ),
    ]);
    edit(`${ES}/units/01-first.quiz.yaml`, (s) => s.replace('section: Starting out', 'section: Para empezar'));
    expect(await problems()).toEqual([]);
  });
  it('a section in English but none in the translation', async () => {
    edit('courses/mini/units/01-first.quiz.yaml', (s) =>
      s.replace('prompt: Pick b.', 'prompt: Pick b.\n    section: Starting out'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.quiz.yaml:3:9 question "mini-one" has no section here but "Starting out" in English: name the heading of this edition\'s unit (English: courses/mini/units/01-first.quiz.yaml:6:14)',
    ]);
  });
  it('a reflection id changed in the translated unit', async () => {
    edit(`${ES}/units/01-first.mdx`, (s) => s.replace('id="first-thought"', 'id="primer-pensamiento"'));
    expect(await problems()).toEqual([
      'courses/mini/es/units/01-first.mdx:30:1 reflection ids are primer-pensamiento here but first-thought in English (courses/mini/units/01-first.mdx): keep every <Reflection id> as in English, in the same order',
    ]);
  });
  it('an exam item: missing, a different key, use and competencies', async () => {
    edit(`${ES}/exam/items/area-one.yaml`, (s) =>
      s
        .replace(/ {2}- id: a1-006[\s\S]*$/, '')
        .replace('  - id: a1-001\n    competencies: [hope]', '  - id: a1-001\n    use: practice\n    competencies: [ethics]'),
    );
    const p = await problems();
    expect(p).toEqual([
      // The bank check holds for every edition: it is one item short here too.
      'courses/mini/es/exam/items/area-one.yaml:3:3 area-one has 4 items; the short form draws 2, so the bank needs at least 6 (3 times the largest draw, so retakes and classmates see mostly different items)',
      'courses/mini/es/exam/items/area-one.yaml:3:3 item "a1-006" has no counterpart here: translate it with the same id (English: courses/mini/exam/items/area-one.yaml:43:9)',
      'courses/mini/es/exam/items/area-one.yaml:4:10 use is "practice" here but "both" in English: keep it as in English (English: courses/mini/exam/items/area-one.yaml:3:5)',
      'courses/mini/es/exam/items/area-one.yaml:5:19 competencies is ["ethics"] here but ["hope"] in English: keep it as in English (English: courses/mini/exam/items/area-one.yaml:4:19)',
    ]);
  });
  it('an exam item answer key', async () => {
    edit(`${ES}/exam/items/area-one.yaml`, (s) =>
      s.replace('answer: a\n    rationale: La a es correcta.', 'answer: b\n    rationale: La a es correcta.'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/exam/items/area-one.yaml:9:13 answer is "b" here but "a" in English: keep it as in English (English: courses/mini/exam/items/area-one.yaml:9:13)',
    ]);
  });
  it('rubric points, a missing criterion level and a scenario area', async () => {
    edit(`${ES}/exam/scenarios.yaml`, (s) => s.replace('points: 4', 'points: 3'));
    expect(await problems()).toEqual([
      'courses/mini/es/exam/scenarios.yaml:12:23 points is 3 here but 4 in English: keep it as in English (English: courses/mini/exam/scenarios.yaml:12:23)',
    ]);
    edit(`${ES}/exam/scenarios.yaml`, (s) => s.replace(/ {10}- \{ points: 3.*\n/, ''));
    expect(await problems()).toEqual([
      'courses/mini/es/exam/scenarios.yaml:10:11 criterion "care" has 2 levels here but 3 in English (English: courses/mini/exam/scenarios.yaml:10:11)',
    ]);
  });
  it('a scenario renamed: missing and extra', async () => {
    edit(`${ES}/exam/scenarios.yaml`, (s) => s.replace('id: scn-mini', 'id: escenario'));
    const p = await problems();
    expect(p).toContain(
      'courses/mini/es/exam/scenarios.yaml:2:3 scenario "scn-mini" has no counterpart here: translate it with the same id (English: courses/mini/exam/scenarios.yaml:2:9)',
    );
    expect(p).toContain(
      'courses/mini/es/exam/scenarios.yaml:2:9 scenario "escenario" is not in the English edition (courses/mini/exam/scenarios.yaml): an edition has the same scenarios with the same ids',
    );
  });
  it("the exam definition: blueprint, pass mark and an area's units", async () => {
    edit(`${ES}/exam/exam.yaml`, (s) =>
      s.replace('area-one: 2', 'area-one: 3').replace('units: [first]', 'units: [first, second]'),
    );
    expect(await problems()).toEqual([
      'courses/mini/es/exam/items/area-one.yaml:3:3 area-one has 6 items; the short form draws 3, so the bank needs at least 9 (3 times the largest draw, so retakes and classmates see mostly different items)',
      'courses/mini/es/exam/exam.yaml:7:12 units is ["first","second"] here but ["first"] in English: keep it as in English (English: courses/mini/exam/exam.yaml:7:12)',
      'courses/mini/es/exam/exam.yaml:17:7 blueprint is {"area-one":3} here but {"area-one":2} in English: keep it as in English (English: courses/mini/exam/exam.yaml:17:7)',
    ]);
  });
  it('course rules and the disclaimer', async () => {
    edit('courses/mini/course.yaml', (s) => `${s}disclaimer: Not medical advice.\n`);
    edit(`${ES}/course.yaml`, (s) => `${s}rules:\n  quizAttemptLimit: 3\n`);
    expect(await problems()).toEqual([
      'courses/mini/es/course.yaml:8:3 rules is {"quizAttemptLimit":3,"quizWaitMinutes":0,"quizReview":"after-pass-or-last","quizFeedback":"which-wrong"} here but {"quizAttemptLimit":null,"quizWaitMinutes":0,"quizReview":"after-pass-or-last","quizFeedback":"which-wrong"} in English: keep it as in English (English: courses/mini/course.yaml:1:1)',
      'courses/mini/es/course.yaml:1:1 the disclaimer is missing: translate the English one (English: courses/mini/course.yaml:7:13)',
    ]);
  });
});

describe('what a reader of a language is served', () => {
  it('the Spanish edition to a Spanish reader, English to an English one', async () => {
    const [course] = (await buildContent(dir)).courses;
    const es = courseEdition(course, 'es');
    expect(es.untranslated).toBe(false);
    expect(es.locale).toBe('es');
    expect(es.units[0].meta.title).toBe('La primera unidad');
    expect(es.exam?.definition.areas[0].title).toBe('Área uno');
    const en = courseEdition(course, 'en');
    expect(en.untranslated).toBe(false);
    expect(en.units[0].meta.title).toBe('The first unit');
  });
  it('English with a note when the language has no edition', async () => {
    rmSync(join(dir, ES), { recursive: true });
    const [course] = (await buildContent(dir)).courses;
    const view = courseEdition(course, 'es');
    expect(view.untranslated).toBe(true);
    expect(view.locale).toBe('en');
    expect(view.units[0].meta.title).toBe('The first unit');
  });
  it('an untranslated unit is English, in the English order, with the note', async () => {
    unlinkSync(join(dir, `${ES}/units/02-second.mdx`));
    const [course] = (await buildContent(dir)).courses;
    const view = courseEdition(course, 'es');
    expect(view.untranslated).toBe(true);
    expect(view.units.map((u) => [u.meta.title, u.locale])).toEqual([
      ['La primera unidad', 'es'],
      ['The second unit', 'en'],
    ]);
  });
});

describe('editionOfFile', () => {
  it.each([
    ['content/courses/core/units/01-a.mdx', 'en'],
    ['content/courses/core/es/units/01-a.mdx', 'es'],
    ['/tmp/x/courses/core/fr/exam/items/a.yaml', 'fr'],
    ['content/courses/core/course.yaml', 'en'],
    ['content/courses/es/units/01-a.mdx', 'en'],
    ['units/01-a.mdx', 'en'],
  ])('%s is %s', (path, locale) => {
    expect(editionOfFile(path)).toBe(locale);
  });
});
