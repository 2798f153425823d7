import { describe, expect, it } from 'vitest';
import { countSyllables, readability } from './readability';

describe('countSyllables', () => {
  it.each([
    ['cat', 1],
    ['peer', 1],
    ['support', 2],
    ['recovery', 4],
    ['wellness', 2],
    ['boundaries', 3],
  ])('%s has about %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });
});

describe('readability', () => {
  it('rates short plain sentences low', () => {
    expect(readability('The cat sat. The dog ran. We all had fun.').grade).toBeLessThan(2);
  });
  it('rates long sentences of long words high', () => {
    const hard =
      'Comprehensive interdisciplinary collaboration necessitates organizational accountability, professional responsibility, and continuous institutional evaluation of administrative documentation requirements.';
    expect(readability(hard).grade).toBeGreaterThan(14);
  });
  it('counts words and sentences', () => {
    expect(readability('Hello there. How are you?')).toMatchObject({ words: 5, sentences: 2 });
    expect(readability('')).toEqual({ words: 0, sentences: 0, grade: 0 });
  });
});
