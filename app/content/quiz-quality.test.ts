import { describe, expect, it } from 'vitest';
import { bankCoverage, bankQuality, cueStems, cueWords, formatBankQuality, qualityLanguage, quizQuality } from './quiz-quality';
import type { ExamDefinition, Quiz, QuizQuestion } from './schema';

const single = (id: string, answer: string, texts: string[]): QuizQuestion => ({
  id,
  type: 'single',
  prompt: 'P',
  options: texts.map((text, i) => ({ id: 'abcd'[i], text })),
  answer,
  rationale: 'R',
});
const multiple = (id: string, answer: string[]): QuizQuestion => ({
  id,
  type: 'multiple',
  prompt: 'P',
  options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: o })),
  answer,
  rationale: 'R',
});
const quiz = (questions: QuizQuestion[]): Quiz => ({ passPercent: 80, questions });

describe('quizQuality', () => {
  it('counts the key as longest only when it is the one longest option', () => {
    const q = quizQuality(
      quiz([
        single('q1', 'a', ['long answer here', 'short', 'tiny']),
        single('q2', 'b', ['same', 'same', 'x']),
        single('q3', 'c', ['a', 'b', 'the longest of all']),
        single('q4', 'a', ['a', 'much longer wrong', 'c']),
        single('q5', 'b', ['a', 'b', 'c']),
      ]),
    );
    expect(q).toMatchObject({ single: 5, longestKey: 2 });
    expect(q.warnings).toEqual([]);
    const more = quizQuality(quiz([single('q1', 'a', ['long answer here', 'x']), single('q2', 'b', ['x', 'y'])]));
    expect(more.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('longest one in 1 of 2 single-choice questions (50%'),
    ]);
  });
  it('warns when every multiple-select has the same number of correct options, not when they vary', () => {
    expect(quizQuality(quiz([multiple('m1', ['a', 'b']), multiple('m2', ['c', 'd'])])).warnings).toEqual([
      { path: ['questions'], message: expect.stringContaining('all 2 multiple-select questions have exactly 2 correct options') },
    ]);
    expect(quizQuality(quiz([multiple('m1', ['a', 'b']), multiple('m2', ['c'])])).warnings).toEqual([]);
    expect(quizQuality(quiz([multiple('m1', ['a', 'b'])])).warnings).toEqual([]);
  });
  it('warns when the key sits in one position far more often than chance, with the figures', () => {
    const abcd = ['w', 'x', 'y', 'z'];
    const skewed = quizQuality(quiz(Array.from({ length: 8 }, (_, i) => single(`q${i}`, i < 6 ? 'c' : 'a', abcd))));
    expect(skewed.keyPositions[2]).toEqual({ position: 3, count: 6, expected: 2 });
    expect(skewed.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('position 3 in 6 of 8 single-choice questions, where chance would give about 2.0'),
    ]);
    const spread = quizQuality(quiz(Array.from({ length: 8 }, (_, i) => single(`q${i}`, 'abcd'[i % 4], abcd))));
    expect(spread.warnings).toEqual([]);
  });
});

type Item = { options: { id: string; text: string }[]; answer: string; area: string };
const item = (answer: number, texts: string[], area = 'x'): Item => ({
  options: texts.map((text, i) => ({ id: 'abcd'[i], text })),
  answer: 'abcd'[answer],
  area,
});
/** n items whose four options are plain filler, keys spread over the positions. */
const filler = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    item((i + from) % 4, [`red apple ${i}`, `blue river ${i}`, `green stone ${i}`, `brown cloud ${i}`]),
  );

describe('cueStems', () => {
  it('lowercases, drops stop words and short words, and cuts a plural s', () => {
    expect([...cueStems("Ask the supervisor's Supervisors about it, and the agencies' policies.")]).toEqual([
      'ask',
      'supervisor',
      'agency',
      'policy',
    ]);
    expect([...cueStems('Discuss this: process, focus, status.')]).toEqual(['discuss', 'process', 'focus', 'status']);
  });
});

describe('cueWords', () => {
  it('reports a word far more common in keys than in wrong options, with both rates and the habit score', () => {
    // "supervisor" is in the key of 8 of 40 items and in no wrong option.
    const items = filler(40).map((it, i) =>
      i < 8
        ? { ...it, options: it.options.map((o) => (o.id === it.answer ? { ...o, text: `${o.text} with your supervisor` } : o)) }
        : it,
    );
    const [cue, ...rest] = cueWords(items);
    expect(rest).toEqual([]);
    expect(cue).toMatchObject({ word: 'supervisor', inKeys: 8, keys: 40, inDistractors: 0, distractors: 120, applies: 8 });
    expect(cue.habit).toBe(1);
    expect(cue.chance).toBe(0.25);
    expect(cue.extra).toBe(6);
  });
  it('does not report a word spread evenly over keys and wrong options', () => {
    const items = filler(40).map((it) => ({
      ...it,
      options: it.options.map((o) => ({ ...o, text: `${o.text} with your supervisor` })),
    }));
    expect(cueWords(items)).toEqual([]);
  });
  it('needs the word in 5% of keys, and at least 3', () => {
    const cue = (n: number, total: number) =>
      cueWords(
        filler(total).map((it, i) =>
          i < n ? { ...it, options: it.options.map((o) => (o.id === it.answer ? { ...o, text: `${o.text} safely` } : o)) } : it,
        ),
      ).map((c) => c.word);
    expect(cue(4, 100)).toEqual([]);
    expect(cue(5, 100)).toEqual(['safely']);
    expect(cue(2, 20)).toEqual([]);
    expect(cue(4, 20)).toEqual(['safely']);
  });
  it('needs more keys than chance would often give: 3 of 3 keys is 1.6% by chance, 4 of 4 is 0.4%', () => {
    const cue = (n: number) =>
      cueWords(
        filler(20).map((it, i) =>
          i < n ? { ...it, options: it.options.map((o) => (o.id === it.answer ? { ...o, text: `${o.text} safely` } : o)) } : it,
        ),
      ).map((c) => c.word);
    expect(cue(3)).toEqual([]);
    expect(cue(4)).toEqual(['safely']);
  });
  it('does not report a word that is common in wrong options too', () => {
    const next = (answer: string) => 'abcd'[('abcd'.indexOf(answer) + 1) % 4];
    // In the key of 10 of 40 items; in a wrong option of `wrong` other items.
    const items = (wrong: number) =>
      filler(40).map((it, i) => {
        const target = i < 10 ? it.answer : i < 10 + wrong ? next(it.answer) : null;
        return { ...it, options: it.options.map((o) => (o.id === target ? { ...o, text: `${o.text} calmly` } : o)) };
      });
    expect(cueWords(items(5))).toMatchObject([{ word: 'calmly', inKeys: 10, inDistractors: 5, applies: 15 }]);
    // 25% of keys vs 17% of wrong options: under twice, and picking it is right only 10 times in 30.
    expect(cueWords(items(20))).toEqual([]);
  });
});

describe('bankQuality', () => {
  it('gives figures and no warnings for a clean bank', () => {
    const q = bankQuality(filler(40));
    expect(q).toMatchObject({ items: 40, longestKey: 0, cueWords: [], warnings: [] });
    expect(q.keyPositions.map((k) => k.count)).toEqual([10, 10, 10, 10]);
    expect(formatBankQuality(q)).toBe(
      'longest option is the key in 0/40 (0%); key by position: 1:10 (chance 10.0) 2:10 (chance 10.0) 3:10 (chance 10.0) 4:10 (chance 10.0); no cue words',
    );
  });
  it('warns about a longest-key habit, a piled key position and cue words, naming items', () => {
    const longest = filler(40).map((it, i) =>
      i < 17
        ? { ...it, options: it.options.map((o) => (o.id === it.answer ? { ...o, text: `${o.text} and more words` } : o)) }
        : it,
    );
    expect(bankQuality(longest).warnings).toEqual([
      expect.stringContaining('item bank quality: the correct option is the longest one in 17 of 40 items (43%'),
      expect.stringContaining(
        '"word" in 43% of keys vs 0% of wrong options (picking it is right 100% of the time where it appears, chance 25%)',
      ),
    ]);
    const piled = Array.from({ length: 20 }, (_, i) => item(i < 12 ? 0 : 1, ['w', 'x', 'y', 'z']));
    expect(bankQuality(piled).warnings).toEqual([
      expect.stringContaining('position 1 in 12 of 20 items, where chance would give about 5.0'),
    ]);
  });
});

describe('Spanish and other languages', () => {
  const es = { locale: 'es' };
  /** Adds `extra` to the key of the first n filler items. */
  const inKeys = (n: number, extra: (i: number) => string, total = 40) =>
    filler(total).map((it, i) =>
      i < n ? { ...it, options: it.options.map((o) => (o.id === it.answer ? { ...o, text: `${o.text} ${extra(i)}` } : o)) } : it,
    );

  it('reads a locale tag as a language, English when it has no list of its own', () => {
    expect(['es', 'es-MX', 'ES_us', ' es '].map(qualityLanguage)).toEqual(['es', 'es', 'es', 'es']);
    expect(['en', 'en-US', 'fr', '', undefined].map((l) => qualityLanguage(l))).toEqual(['en', 'en', 'en', 'en', 'en']);
  });
  it('keeps words with accents, ñ and ü whole, in any language', () => {
    expect([...cueStems('Le gustaría una decisión difícil.', es)]).toEqual(['decision', 'dificil']);
    expect([...cueStems('La niña pidió vergüenza, Ñandú.', es)]).toEqual(['niña', 'pidio', 'vergüenza', 'ñandu']);
    // English keeps accents as written (no folding), and is no longer split at them.
    expect([...cueStems('A naïve café résumé')]).toEqual(['naïve', 'café', 'résumé']);
    // Decomposed accents (as some editors save them) read the same as composed ones.
    expect(cueStems('decisio\u0301n', es)).toEqual(cueStems('decisión', es));
    expect([...cueStems('Ελπίδα και υποστήριξη')]).toEqual(['ελπίδα', 'και', 'υποστήριξη']);
  });
  it('drops Spanish function words and very common verbs, with or without their accents', () => {
    const functionWords =
      'con una ella junto para que los las del por sus este esta está ésta qué cómo también además según después ' +
      'nosotros ustedes usted ellos ningún cualquier siempre nunca mismo otras ser es son fue sea estar están haber hay ' +
      'tener tiene hacer puede podría decir dice decirle ir va ver dar saber querer quiere llegar pasar deber debe poner ' +
      'parecer quedar creer hablar llevar dejar seguir encontrar llamar gustaría propia propias esta mas mas tambien';
    expect([...cueStems(functionWords, es)]).toEqual(['decirle']);
    // The English list does not know them: this is why the locale matters.
    expect(cueStems('con una ella junto para', { locale: 'en' }).size).toBe(5);
  });
  it('groups a Spanish singular and plural, wherever the accent falls', () => {
    const same = (a: string, b: string) => expect(cueStems(a, es)).toEqual(cueStems(b, es));
    same('decisión', 'decisiones');
    same('examen', 'exámenes');
    same('joven', 'jóvenes');
    same('ciudad', 'ciudades');
    same('voz', 'voces');
    same('meta', 'metas');
    same('padre', 'padres');
    same('mujer', 'mujeres');
    same('ley', 'leyes');
    same('detalle', 'detalles');
    // Words that only look plural are left alone.
    expect([...cueStems('crisis virus país', es)]).toEqual(['crisis', 'virus', 'pais']);
  });
  it('reports a Spanish content word that is only in keys, and never the function words around it', () => {
    const items = inKeys(8, () => 'con ella, junto a su supervisora, para que los dos estén bien');
    expect(cueWords(items, es)).toMatchObject([{ word: 'supervisora', inKeys: 8, inDistractors: 0, applies: 8 }]);
    // Read as English, the function words are cues too.
    expect(cueWords(items).map((c) => c.word)).toEqual(expect.arrayContaining(['con', 'ella', 'junto', 'para', 'que']));
    const q = bankQuality(items, es);
    expect(q.warnings).toEqual([expect.stringContaining('"supervisora" in 20% of keys vs 0% of wrong options')]);
    expect(q.warnings[0]).not.toMatch(/"(con|ella|junto|para|que|los)"/);
  });
  it('names a cue by the form authors wrote most, and counts its singular and plural together', () => {
    const items = inKeys(8, (i) => (i < 3 ? 'las decisiones' : 'una decisión'));
    expect(cueWords(items, es)).toMatchObject([{ word: 'decisión', inKeys: 8 }]);
  });
  it('does not report Spanish function words even when every key has them and no wrong option does', () => {
    expect(
      cueWords(
        inKeys(40, () => 'con una de las que sus por esta del para'),
        es,
      ),
    ).toEqual([]);
  });
  it('still reads a malformed locale tag, as English', () => {
    expect([...cueStems('Hablar con Calma', { locale: 'not a tag!' })]).toEqual(['hablar', 'con', 'calma']);
  });
  it('gives quiz figures that do not depend on the language', () => {
    const q = quiz([single('q1', 'a', ['una respuesta larga', 'x']), single('q2', 'b', ['x', 'y'])]);
    expect(quizQuality(q, es)).toEqual(quizQuality(q));
  });
});

describe('bankCoverage', () => {
  const definition = {
    areas: [
      { id: 'one', title: 'One', units: [] },
      { id: 'two', title: 'Two', units: [] },
      { id: 'three', title: 'Three', units: [] },
    ],
    forms: [
      { id: 'full', blueprint: { one: 4, two: 2 } },
      { id: 'short', blueprint: { one: 2, two: 3 } },
    ],
  } as unknown as ExamDefinition;
  it('compares each area with the largest draw of any form', () => {
    const items = [...Array(12).fill({ area: 'one' }), ...Array(8).fill({ area: 'two' })];
    expect(bankCoverage(definition, items)).toEqual([
      { area: 'one', items: 12, maxDraw: 4, form: 'full', ratio: 3, needed: 12 },
      { area: 'two', items: 8, maxDraw: 3, form: 'short', ratio: 8 / 3, needed: 9 },
      { area: 'three', items: 0, maxDraw: 0, form: null, ratio: null, needed: 0 },
    ]);
  });
});
