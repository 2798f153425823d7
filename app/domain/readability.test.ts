import { describe, expect, it } from 'vitest';
import { countSentences, countSyllables, readability } from './readability';

describe('countSyllables', () => {
  it.each([
    ['cat', 1],
    ['peer', 1],
    ['support', 2],
    ['recovery', 4],
    ['wellness', 2],
    ['boundaries', 3],
    ['make', 1],
    ['there', 1],
    ['people', 2],
    ['table', 2],
    ['little', 2],
    ['while', 1],
  ])('%s has about %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it.each([
    ['walked', 1],
    ['helped', 1],
    ['asked', 1],
    ['played', 1],
    ['used', 1],
    ['hoped', 1],
    ['placed', 1],
    ['judged', 1],
    ['tried', 1],
    ['listened', 2],
    ['agreed', 2],
    ['studied', 2],
  ])('a silent "-ed": %s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it.each([
    ['wanted', 2],
    ['needed', 2],
    ['started', 2],
    ['ended', 2],
    ['added', 2],
    ['trusted', 2],
  ])('a voiced "-ed" after t or d: %s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it.each([
    ['makes', 1],
    ['hopes', 1],
    ['lives', 1],
    ['smiles', 1],
    ['goes', 1],
    ['sees', 1],
    ['tables', 2],
  ])('a silent "-es": %s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it.each([
    ['wishes', 2],
    ['places', 2],
    ['judges', 2],
    ['boxes', 2],
    ['reaches', 2],
    ['uses', 2],
    ['causes', 2],
    ['buzzes', 2],
    ['promises', 3],
  ])('a voiced "-es" after s, x, z, ch, sh, soft c or g: %s has %i', (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it('ignores case and marks, and counts nothing for no letters', () => {
    expect(countSyllables('Wanted,')).toBe(2);
    expect(countSyllables('---')).toBe(0);
  });
});

describe('countSentences', () => {
  it.each([
    ['He said, "Stop." Then he left.', 2],
    ['She said, “Stop.” Then she left.', 2],
    ["He said, 'Stop.' Then he left.", 2],
    ['She asked, ‘Why?’ Then she left.', 2],
    ['Some notes stay private (like this.) Others do not.', 2],
    ['See the list [in the guide.] Then read on.', 2],
    ['"Now?" she asked. "Yes." He nodded.', 4],
    ['It ends with a quote: "Stop."', 1],
    ['One... Two?! Three.', 3],
  ])('%s has %i sentences', (text, n) => {
    expect(countSentences(text)).toBe(n);
  });
  it('does not end a sentence inside a word or number', () => {
    expect(countSentences('Call 988 or visit 988lifeline.org for help. It is free.')).toBe(2);
    expect(countSentences('It costs 2.50 dollars')).toBe(1);
  });
  it('counts at least one sentence', () => {
    expect(countSentences('no end mark')).toBe(1);
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
  it('counts quoted dialogue as separate sentences, so it does not read as one long sentence', () => {
    const text = 'Ana said, "I want to go home." Sam said, "I hear you." They sat.';
    expect(readability(text)).toMatchObject({ words: 14, sentences: 3 });
  });
});
