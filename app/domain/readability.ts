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
