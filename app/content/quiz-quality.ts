import type { ExamDefinition, Quiz } from './schema';

// Figures that show whether questions can be answered by test-taking habits instead of
// knowledge, and the warnings drawn from them. Pure: the one home for these rules, used for unit
// quizzes and the exam item bank, by `content:check` and the author studio.

/** Share of single-choice questions whose key may be the longest option before we warn. */
export const LONGEST_KEY_LIMIT = 0.4;
/** A key position counts as far above chance when chance would give it this rarely. */
const POSITION_P_VALUE = 0.05;
/** The bank must hold at least this many items per item any form draws from an area. */
export const BANK_MULTIPLE = 3;

/** A question with one correct option among written options: a single-choice question or an exam item. */
export interface ChoiceQuestion {
  options: { id: string; text: string }[];
  answer: string;
}

export interface KeyPosition {
  /** 1-based position of the option in the written list. */
  position: number;
  count: number;
  expected: number;
}

export interface QuizQuality {
  single: number;
  /** Single-choice questions whose key is the one longest option. */
  longestKey: number;
  /** Number of correct options of each multiple-select question. */
  multipleCorrect: number[];
  /** Where the key stands in the written option list of single-choice questions. */
  keyPositions: KeyPosition[];
  warnings: { path: (string | number)[]; message: string }[];
}

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let sum = 0;
  let term = (1 - p) ** n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += term;
    term = (term * (n - i) * p) / ((i + 1) * (1 - p));
  }
  return Math.min(1, sum);
}

const pct = (a: number, b: number) => `${b ? Math.round((a / b) * 100) : 0}%`;

/** Questions whose key is the one longest option. */
export function longestKeyCount(questions: ChoiceQuestion[]): number {
  return questions.filter((q) => {
    const key = q.options.find((o) => o.id === q.answer);
    if (!key) return false;
    return q.options.every((o) => o === key || o.text.length < key.text.length);
  }).length;
}

export function keyPositions(questions: ChoiceQuestion[]): KeyPosition[] {
  const maxOptions = Math.max(0, ...questions.map((q) => q.options.length));
  const out: KeyPosition[] = [];
  for (let p = 0; p < maxOptions; p++) {
    const withP = questions.filter((q) => q.options.length > p);
    out.push({
      position: p + 1,
      count: withP.filter((q) => q.options[p].id === q.answer).length,
      expected: withP.reduce((s, q) => s + 1 / q.options.length, 0),
    });
  }
  return out;
}

/** A warning when "pick the longest option" would earn marks. */
function longestWarning(questions: ChoiceQuestion[], longestKey: number, noun: string): string[] {
  if (!questions.length || longestKey / questions.length <= LONGEST_KEY_LIMIT) return [];
  return [
    `the correct option is the longest one in ${longestKey} of ${questions.length} ${noun} (${pct(longestKey, questions.length)}; keep it at or under ${LONGEST_KEY_LIMIT * 100}%), so "pick the longest" earns marks without knowledge. Make a wrong option the longest in some questions, or make the options about the same length`,
  ];
}

/** Warnings for keys piled in one written position far beyond chance (a one-sided binomial test). */
function positionWarnings(questions: ChoiceQuestion[], kps: KeyPosition[], noun: string): string[] {
  const out: string[] = [];
  for (const kp of kps) {
    const n = questions.filter((q) => q.options.length > kp.position - 1).length;
    if (!n || kp.count <= kp.expected) continue;
    if (binomialTail(n, kp.expected / n, kp.count) < POSITION_P_VALUE)
      out.push(
        `the correct option is written in position ${kp.position} in ${kp.count} of ${n} ${noun}, where chance would give about ${kp.expected.toFixed(1)}. Options are shuffled for trainees, but a fixed order or a printed copy shows the pattern; spread the keys over the positions`,
      );
  }
  return out;
}

/**
 * Figures and warnings for one unit quiz. `options.locale` is accepted so an edition's figures are
 * asked for the same way as `bankQuality`'s; no quiz figure reads words yet (a quiz is too small for
 * cue words: see the course-wide line in `content:check`).
 */
export function quizQuality(quiz: Quiz, _options: QualityOptions = {}): QuizQuality {
  const singles = quiz.questions.flatMap((q) => (q.type === 'single' ? [q] : []));
  const longestKey = longestKeyCount(singles);
  const multipleCorrect = quiz.questions.flatMap((q) => (q.type === 'multiple' ? [q.answer.length] : []));
  const kps = keyPositions(singles);

  const warnings: QuizQuality['warnings'] = [];
  const warn = (message: string) => warnings.push({ path: ['questions'], message: `quiz quality: ${message}` });
  for (const m of longestWarning(singles, longestKey, 'single-choice questions')) warn(m);
  if (multipleCorrect.length >= 2 && new Set(multipleCorrect).size === 1)
    warn(
      `all ${multipleCorrect.length} multiple-select questions have exactly ${multipleCorrect[0]} correct option${multipleCorrect[0] === 1 ? '' : 's'}, so a trainee can learn to always pick ${multipleCorrect[0]}. Vary how many options are correct`,
    );
  for (const m of positionWarnings(singles, kps, 'single-choice questions')) warn(m);
  return { single: singles.length, longestKey, multipleCorrect, keyPositions: kps, warnings };
}

/** One line of figures per quiz for `content:check`. */
export function formatQuality(q: QuizQuality): string {
  const parts = [`longest option is the key in ${q.longestKey}/${q.single} single-choice (${pct(q.longestKey, q.single)})`];
  if (q.multipleCorrect.length) parts.push(`correct options per multiple-select: ${q.multipleCorrect.join(', ')}`);
  if (q.keyPositions.length) parts.push(formatPositions(q.keyPositions));
  return parts.join('; ');
}

const formatPositions = (kps: KeyPosition[]) =>
  `key by position: ${kps.map((k) => `${k.position}:${k.count} (chance ${k.expected.toFixed(1)})`).join(' ')}`;

// Cue words. A word is a cue when "pick the option that contains it" answers better than chance.
// For each word (lowercased, the language's stop words dropped, plurals cut back), over the
// questions where at least one option contains it, the habit scores 1/m on a question whose key
// contains it (m = options containing it) and 0 otherwise; chance scores 1/options. The
// difference, summed, is how many extra marks the habit earns across the set. We report a word
// when it is in at least 5% of keys (and 3 keys), its key rate is at least twice its rate in wrong
// options, the habit beats chance by at least 15 points where the word appears, and chance alone
// would put it in that many keys less than 1% of the time (a one-sided binomial test with p = the
// mean share of options holding it, where it appears). Sorted by the extra marks earned.
export const CUE_MIN_KEY_RATE = 0.05;
export const CUE_MIN_KEYS = 3;
export const CUE_MIN_RATIO = 2;
export const CUE_MIN_LIFT = 0.15;
const CUE_P_VALUE = 0.01;

// Stop words per language: function words and very common verbs that say nothing about an
// option's content. A language without a list of its own uses the English one; add a list here
// when an edition in a new language arrives, or its function words will show up as cues.
const wordList = (list: string) => list.trim().split(/\s+/);

const ENGLISH_STOP_WORDS = new Set(
  wordList(`a an the and or but nor so yet if then than that this these those there here of to in on at by for from with without
  about into onto over under after before as is are was were be been being am do does did done have has had having
  it its it's they them their theirs he him his she her hers we us our you your yours i me my mine who whom whose which
  what when where why how not no all any some each every both either neither other another such own same more most
  less least very too just only also can could will would shall should may might must one ones up down out off again
  let lets get gets got make makes made go goes went way ways thing things`),
);

// Spanish, written with accents but compared without acute accents (see `foldAccents`), so "esta"
// and "está", or an author's missing accent, match the same entry. Plural and feminine forms are
// listed, as the stop words are checked before plurals are cut.
const SPANISH_STOP_WORDS = new Set(
  wordList(`
  el la lo los las un una uno unos unas al del
  a ante bajo con contra de desde durante en entre hacia hasta mediante para por según sin sobre tras junto juntos junta
  juntas además través acerca dentro fuera cerca lejos encima debajo delante detrás
  y e o u ni pero sino aunque porque pues si sí que qué mientras cuando cuándo donde dónde como cómo quien quién quienes
  cual cuál cuales cuáles cuyo cuya cuyos cuyas cuanto cuánto cuanta cuánta cuantos cuántos cuantas cuántas
  yo tú tu tus usted ustedes él ella ellos ellas ello nosotros nosotras vosotros vosotras me te se le les nos os mí ti sí
  conmigo contigo consigo mi mis su sus nuestro nuestra nuestros nuestras vuestro vuestra suyo suya suyos suyas mío mía
  míos mías tuyo tuya este esta estos estas ese esa esos esas aquel aquella aquellos aquellas esto eso aquello
  no ya muy más menos tan tanto tanta tantos tantas también tampoco solo sólo solamente siempre nunca jamás aquí allí
  ahí allá acá así bien mal antes después luego ahora todavía aún casi algo nada alguien nadie quizá quizás tal tales
  todo toda todos todas otro otra otros otras mismo misma mismos mismas cada algún alguno alguna algunos algunas ningún
  ninguno ninguna mucho mucha muchos muchas poco poca pocos pocas varios varias demás cualquier cualquiera dos tres
  propio propia propios propias primero primera primeros primeras vez veces cosa cosas manera maneras modo forma formas
  ser es son era eran fue fueron sea sean sería serían será serán sido siendo soy eres somos
  estar está están estaba estaban esté estén estaría estado estados estoy estamos estando
  haber hay ha han había habían haya hayan habría habrá habido he has hemos
  tener tiene tienen tenía tenían tenga tengan tendría tendrá tenido tengo tienes tenemos teniendo
  hacer hace hacen hacía hizo haga hagan haría hará hecho hecha hago haces hacemos haciendo
  poder puede pueden podía podían pudo pueda puedan podría podrían podrá puedo puedes podemos pudiendo
  decir dice dicen decía dijo diga digan diría dirá dicho dicha digo dices decimos diciendo
  ir va van iba iban vaya vayan iría irá ido voy vas vamos yendo
  ver ve ven veía vio vea vean vería verá visto vista veo
  dar da dan daba dio dé den daría dará dado dada doy das damos dando
  saber sabe saben sabía supo sepa sepan sabría sabido sé sabes sabemos
  querer quiere quieren quería quiso quiera quieran querría querido quiero quieres queremos
  llegar llega llegan llegó llegue lleguen llegado
  pasar pasa pasan pasó pase pasen pasado pasando
  deber debe deben debía debería deberían debo debes debemos
  poner pone ponen puso ponga pongan puesto
  parecer parece parecen pareció parezca parecía
  quedar queda quedan quedó quede queden quedarse
  creer cree creen creía creo crea crean creído
  hablar habla hablan habló hable hablen hablado hablando
  llevar lleva llevan llevó lleve lleven llevado
  dejar deja dejan dejó deje dejen dejado
  seguir sigue siguen siguió siga sigan seguido siguiendo
  encontrar encuentra encuentran encontró encuentre encontrado
  llamar llama llaman llamó llame llamen llamado
  gusta gustan gustaría gustó`).map(foldAccents),
);

export type QualityLanguage = 'en' | 'es';

/** Which language's words the figures read; `locale` is a language tag such as "en", "es" or "es-MX". */
export interface QualityOptions {
  locale?: string;
}

const LANGUAGES: Record<QualityLanguage, { stop: Set<string>; fold: (w: string) => string; stem: (w: string) => string }> = {
  en: {
    stop: ENGLISH_STOP_WORDS,
    fold: (w) => w,
    // A plural "s" or "ies" cut back; not after s or u ("process", "focus", "status").
    stem: (w) =>
      w.length > 4 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && /[^su]s$/.test(w) ? w.slice(0, -1) : w,
  },
  es: { stop: SPANISH_STOP_WORDS, fold: foldAccents, stem: spanishStem },
};

/** The language of a locale tag; a language without a word list of its own reads as English. */
export function qualityLanguage(locale = 'en'): QualityLanguage {
  const lang = locale.trim().toLowerCase().split(/[-_]/)[0];
  return lang === 'es' ? 'es' : 'en';
}

/** Drops acute and grave accents but keeps ñ and ü, so "decisión" and "decisiones" can meet. */
function foldAccents(w: string): string {
  return w
    .normalize('NFD')
    .replace(/[\u0300\u0301]/g, '')
    .normalize('NFC');
}

/**
 * Cuts a Spanish plural back to its singular, well enough to group the two: "metas" -> "meta",
 * "ciudades" -> "ciudad", "decisiones" -> "decisión", "voces" -> "voz", "padres" -> "padre". Not a
 * dictionary: a word may come out misspelt, but its singular and plural come out the same.
 */
function spanishStem(w: string): string {
  if (w.length <= 3) return w;
  if (/[aeiou]ces$/.test(w)) return `${w.slice(0, -3)}z`;
  if (/[aeiou]ones$/.test(w)) return `${w.slice(0, -4)}ón`;
  if (/[aeiou][dlnrjy]es$/.test(w)) return w.slice(0, -2);
  if (/[aeo]s$/.test(w)) return w.slice(0, -1);
  return w;
}

const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/** Each cue-word stem of a text, the key words are grouped by, with the form to show an author. */
function stemForms(text: string, locale?: string): Map<string, string> {
  const language = LANGUAGES[qualityLanguage(locale)];
  let lower: string;
  try {
    lower = text.normalize('NFC').toLocaleLowerCase(locale || 'en');
  } catch {
    lower = text.normalize('NFC').toLowerCase(); // NOTE: a malformed locale tag makes toLocaleLowerCase throw.
  }
  const out = new Map<string, string>();
  for (const raw of lower.match(WORD) ?? []) {
    const w = raw.replace(/['’]s$/, '').replace(/['’-]+$/, '');
    if (w.length < 3 || language.stop.has(language.fold(w))) continue;
    const form = language.stem(w);
    const key = language.fold(form);
    if (!out.has(key)) out.set(key, form);
  }
  return out;
}

/** The distinct cue-word stems of an option's text (lowercased, stop words dropped, plurals cut back). */
export function cueStems(text: string, options: QualityOptions = {}): Set<string> {
  return new Set(stemForms(text, options.locale).keys());
}

export interface CueWord {
  word: string;
  /** Keys containing the word, and all keys. */
  inKeys: number;
  keys: number;
  /** Wrong options containing the word, and all wrong options. */
  inDistractors: number;
  distractors: number;
  /** Questions where some option contains the word. */
  applies: number;
  /** Share of those questions the "pick the option with this word" habit answers, and chance. */
  habit: number;
  chance: number;
  /** Extra correct answers the habit earns over guessing across the set. */
  extra: number;
}

export function cueWords(questions: ChoiceQuestion[], options: QualityOptions = {}): CueWord[] {
  // Spanish groups "decisión" with "decisiones" under "decision": show the form written most.
  const forms = new Map<string, Map<string, number>>();
  const stats = new Map<
    string,
    { inKeys: number; inDistractors: number; applies: number; habit: number; chance: number; share: number }
  >();
  let distractors = 0;
  for (const q of questions) {
    const stems = q.options.map((o) => {
      const found = stemForms(o.text, options.locale);
      for (const [key, form] of found) {
        const seen = forms.get(key) ?? new Map<string, number>();
        seen.set(form, (seen.get(form) ?? 0) + 1);
        forms.set(key, seen);
      }
      return new Set(found.keys());
    });
    distractors += q.options.length - 1;
    const counts = new Map<string, number>();
    for (const s of stems) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
    const keyStems = stems[q.options.findIndex((o) => o.id === q.answer)] ?? new Set<string>();
    for (const [w, m] of counts) {
      const st = stats.get(w) ?? { inKeys: 0, inDistractors: 0, applies: 0, habit: 0, chance: 0, share: 0 };
      const inKey = keyStems.has(w);
      st.inKeys += inKey ? 1 : 0;
      st.inDistractors += m - (inKey ? 1 : 0);
      st.applies += 1;
      st.habit += inKey ? 1 / m : 0;
      st.chance += 1 / q.options.length;
      st.share += m / q.options.length;
      stats.set(w, st);
    }
  }
  const keys = questions.length;
  const out: CueWord[] = [];
  for (const [word, s] of stats) {
    const keyRate = s.inKeys / keys;
    const distractorRate = distractors ? s.inDistractors / distractors : 0;
    if (s.inKeys < CUE_MIN_KEYS || keyRate < CUE_MIN_KEY_RATE || keyRate < CUE_MIN_RATIO * distractorRate) continue;
    if ((s.habit - s.chance) / s.applies < CUE_MIN_LIFT) continue;
    if (binomialTail(s.applies, Math.min(1, s.share / s.applies), s.inKeys) >= CUE_P_VALUE) continue;
    out.push({
      word: mostWritten(forms.get(word)) ?? word,
      inKeys: s.inKeys,
      keys,
      inDistractors: s.inDistractors,
      distractors,
      applies: s.applies,
      habit: s.habit / s.applies,
      chance: s.chance / s.applies,
      extra: s.habit - s.chance,
    });
  }
  return out.sort((a, b) => b.extra - a.extra || a.word.localeCompare(b.word));
}

/** The form seen most often; the first seen on a tie. */
function mostWritten(counts: Map<string, number> | undefined): string | undefined {
  let best: string | undefined;
  for (const [form, n] of counts ?? []) if (best === undefined || n > (counts?.get(best) ?? 0)) best = form;
  return best;
}

export interface BankQuality {
  items: number;
  longestKey: number;
  keyPositions: KeyPosition[];
  cueWords: CueWord[];
  warnings: string[];
}

/** Answer-cue figures and warnings for a set of exam items (one area, or the whole bank). */
export function bankQuality(items: ChoiceQuestion[], options: QualityOptions = {}): BankQuality {
  const longestKey = longestKeyCount(items);
  const kps = keyPositions(items);
  const cues = cueWords(items, options);
  const warnings = [...longestWarning(items, longestKey, 'items'), ...positionWarnings(items, kps, 'items')].map(
    (m) => `item bank quality: ${m}`,
  );
  if (cues.length)
    warnings.push(
      `item bank quality: ${cues.length === 1 ? 'a word appears' : 'words appear'} in correct options far more often than in wrong ones, so "pick the option with this word" beats guessing: ${cues
        .slice(0, 5)
        .map(formatCue)
        .join('; ')}. Use the word in some wrong options too, or reword the keys`,
    );
  return { items: items.length, longestKey, keyPositions: kps, cueWords: cues, warnings };
}

export const formatCue = (c: CueWord) =>
  `"${c.word}" in ${pct(c.inKeys, c.keys)} of keys vs ${pct(c.inDistractors, c.distractors)} of wrong options (picking it is right ${pct(c.habit, 1)} of the time where it appears, chance ${pct(c.chance, 1)})`;

/** One line of figures for a bank or area for `content:check`. */
export function formatBankQuality(q: BankQuality): string {
  const parts = [
    `longest option is the key in ${q.longestKey}/${q.items} (${pct(q.longestKey, q.items)})`,
    formatPositions(q.keyPositions),
  ];
  const short = (c: CueWord) =>
    `"${c.word}" keys ${pct(c.inKeys, c.keys)} / wrong ${pct(c.inDistractors, c.distractors)} (habit ${pct(c.habit, 1)}, chance ${pct(c.chance, 1)})`;
  parts.push(q.cueWords.length ? `cue words: ${q.cueWords.slice(0, 3).map(short).join(', ')}` : 'no cue words');
  return parts.join('; ');
}

export interface AreaCoverage {
  area: string;
  items: number;
  /** The largest number of items any form draws from the area, and that form. */
  maxDraw: number;
  form: string | null;
  /** items / maxDraw, or null when no form draws from the area. */
  ratio: number | null;
  /** Items the bank needs: BANK_MULTIPLE times the largest draw. */
  needed: number;
}

/** Bank size per area against what the forms draw: retakes and classmates should see different items. */
export function bankCoverage(definition: ExamDefinition, items: { area: string }[]): AreaCoverage[] {
  return definition.areas.map((a) => {
    const have = items.filter((i) => i.area === a.id).length;
    let maxDraw = 0;
    let form: string | null = null;
    for (const f of definition.forms) {
      const n = f.blueprint[a.id] ?? 0;
      if (n > maxDraw) {
        maxDraw = n;
        form = f.id;
      }
    }
    return {
      area: a.id,
      items: have,
      maxDraw,
      form,
      ratio: maxDraw ? have / maxDraw : null,
      needed: BANK_MULTIPLE * maxDraw,
    };
  });
}
