/**
 * Flesch-Kincaid grade level of English prose:
 *   0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59
 * Syllables are estimated by counting vowel groups, a standard heuristic that is close
 * enough to flag text far above the target grade.
 */

/** The highest reading grade a unit may have; `content:check` reports a unit above it. */
export const GRADE_LIMIT = 8;

export function countSyllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  let extra = 0;
  if (/(?:[sxzcg]|ch|sh)es$/.test(w) || /[td]ed$/.test(w)) {
    // A voiced ending is its own syllable: wish-es, plac-es, judg-es, box-es, want-ed, need-ed.
    w = w.slice(0, -2);
    extra = 1;
  } else if (/[^aeiouy]les?$/.test(w)) {
    // table, tables, little: the "le" is a syllable of its own; keep its vowel.
  } else {
    // Silent endings: walk(ed), help(ed), play(ed), mak(es), hop(es), mak(e).
    w = w.replace(/(?:es|ed|e)$/, '');
  }
  const groups = w.replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1) + extra;
}

export function words(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? [];
}

/** Sentence ends: . ! ? (repeated or not), then any closing quotes or brackets, then a space or the end. */
export function countSentences(text: string): number {
  const n = (text.match(/[.!?]+["'”’»)\]]*(?=\s|$)/g) ?? []).length;
  return Math.max(1, n);
}

export interface Readability {
  words: number;
  sentences: number;
  grade: number;
}

export function readability(text: string): Readability {
  const ws = words(text);
  if (ws.length === 0) return { words: 0, sentences: 0, grade: 0 };
  const sentences = countSentences(text);
  const syllables = ws.reduce((sum, w) => sum + countSyllables(w), 0);
  const grade = 0.39 * (ws.length / sentences) + 11.8 * (syllables / ws.length) - 15.59;
  return { words: ws.length, sentences, grade: Math.round(grade * 10) / 10 };
}

// ---------------------------------------------------------------------------------------------
// Spanish: Fernández-Huerta reading ease (docs/decisions/032-language-editions.md)
//
//   L = 206.84 - 60 x (syllables / words) - 1.02 x (words / sentences)
//
// Fernández Huerta (1959) adapted Flesch's reading ease to Spanish; this is the form with the
// sentence term corrected (Law 2011: the published "per 100 words" sentence term made longer
// sentences read easier), as textstat and most Spanish tools compute it. The scale is Flesch's:
// 90-100 very easy, 80-90 easy, 70-80 fairly easy, 60-70 normal (about US grade 8-9), below 60
// fairly difficult. We chose it over Szigriszt-Pazos (INFLESZ) because its bands line up with
// the Flesch bands the English grade limit comes from, so one target reads the same in both
// languages, and because it is the measure most Spanish readability tools report.

/** The lowest Fernández-Huerta score a Spanish unit may have ("normal" or easier; about grade 8). */
export const SPANISH_EASE_MINIMUM = 60;

/**
 * Words per unit. English 1,500 to 3,000; Spanish says the same in about 15-25 % more words,
 * so its range is the English one times 1.15 (low end) and 1.25 (high end), rounded.
 */
export const UNIT_WORD_RANGE = { en: { min: 1500, max: 3000 }, es: { min: 1750, max: 3750 } } as const;

const STRONG = new Set(['a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú']);
const VOWEL = /[aeiouáéíóúü]/;

/**
 * Spanish syllables of one word, by its vowel nuclei: a run of vowels is one syllable unless two
 * neighbours are both "strong" (a, e, o, or an accented í / ú), which splits them (hiatus:
 * le-er, dí-a, pa-ís); i, u and ü next to another vowel make a diphthong (ciu-dad, a-cuer-do),
 * three in a row a triphthong (buey). A silent h does not part vowels (pro-hí-be, ahu-mar) and
 * y is a vowel only where no vowel follows it (hoy, muy, y), a consonant elsewhere (a-yu-da).
 */
export function countSpanishSyllables(word: string): number {
  const w = word
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^a-záéíóúüñ]/g, '')
    .replace(/h/g, '');
  if (!w) return 0;
  let count = 0;
  let prev: string | null = null;
  for (let i = 0; i < w.length; i++) {
    const ch = w[i];
    const isVowel = VOWEL.test(ch) || (ch === 'y' && !VOWEL.test(w[i + 1] ?? '') && (i > 0 || w.length === 1));
    if (!isVowel) {
      prev = null;
      continue;
    }
    const v = ch === 'y' ? 'i' : ch;
    if (prev === null || (STRONG.has(prev) && STRONG.has(v))) count++;
    prev = v;
  }
  return Math.max(1, count);
}

export function spanishWords(text: string): string[] {
  return text.match(/[A-Za-z0-9ÁÉÍÓÚÜÑáéíóúüñ][A-Za-z0-9ÁÉÍÓÚÜÑáéíóúüñ'’-]*/g) ?? [];
}

export interface SpanishReadability {
  words: number;
  sentences: number;
  /** Fernández-Huerta reading ease, one decimal: higher is easier. */
  ease: number;
}

export function spanishReadability(text: string): SpanishReadability {
  const ws = spanishWords(text);
  if (ws.length === 0) return { words: 0, sentences: 0, ease: 0 };
  // ¿...? and ¡...! close with the same marks as English sentences.
  const sentences = countSentences(text);
  const syllables = ws.reduce((sum, w) => sum + countSpanishSyllables(w), 0);
  const ease = 206.84 - 60 * (syllables / ws.length) - 1.02 * (ws.length / sentences);
  return { words: ws.length, sentences, ease: Math.round(ease * 10) / 10 };
}
