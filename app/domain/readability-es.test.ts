import { describe, expect, it } from 'vitest';
import { countSpanishSyllables, SPANISH_EASE_MINIMUM, spanishReadability, spanishWords } from './readability';

describe('countSpanishSyllables', () => {
  it.each([
    // the brief's cases
    ['día', 2],
    ['ciudad', 2],
    ['leer', 2],
    ['país', 2],
    ['guerra', 2],
    ['acuerdo', 3],
    // diphthongs: a weak vowel (i, u, ü) next to any vowel
    ['bien', 1],
    ['cuidado', 3],
    ['apoyo', 3],
    ['historia', 3],
    ['huevo', 2],
    ['construir', 2],
    ['pingüino', 3],
    ['aire', 2],
    ['causa', 2],
    ['Europa', 3],
    // hiatus: two strong vowels, or an accented í / ú
    ['poeta', 3],
    ['aéreo', 4],
    ['cooperar', 4],
    ['reír', 2],
    ['oír', 2],
    ['maíz', 2],
    ['búho', 2],
    ['María', 3],
    ['Raúl', 2],
    ['tenía', 3],
    // triphthongs
    ['buey', 1],
    ['Uruguay', 3],
    ['estudiáis', 3],
    // a silent h never parts vowels; it is not a consonant between them either
    ['prohíbe', 3],
    ['ahora', 3],
    ['hablar', 2],
    ['deshacer', 3],
    // y: vowel at the end of a word, consonant before a vowel
    ['y', 1],
    ['hoy', 1],
    ['muy', 1],
    ['rey', 1],
    ['ayuda', 3],
    ['leyes', 2],
    ['yo', 1],
    // qu / gu: the silent u joins its vowel
    ['que', 1],
    ['quiero', 2],
    ['guitarra', 3],
    // capitals, accents, punctuation
    ['RECUPERACIÓN', 5],
    ['¿Cómo', 2],
    ['compañeros,', 4],
    ['especialista', 5],
    ['apoyo', 3],
  ])('%s has %i', (word, n) => {
    expect(countSpanishSyllables(word)).toBe(n);
  });
  it('counts no syllable in something that is not a word', () => {
    expect(countSpanishSyllables('—')).toBe(0);
  });
});

describe('spanishWords', () => {
  it('keeps accented letters and ñ inside words, drops ¿ ¡ and punctuation', () => {
    expect(spanishWords('¿Cómo está usted, señora? ¡Muy bien!')).toEqual(['Cómo', 'está', 'usted', 'señora', 'Muy', 'bien']);
  });
});

describe('spanishReadability (Fernández-Huerta)', () => {
  it('matches a hand computation on a short text', () => {
    // "Usted no está solo. La ayuda existe." 7 words, 2 sentences.
    // Syllables: us-ted 2, no 1, es-tá 2, so-lo 2, la 1, a-yu-da 3, e-xis-te 3 = 14.
    // 206.84 - 60 x 14/7 - 1.02 x 7/2 = 206.84 - 120 - 3.57 = 83.27
    expect(spanishReadability('Usted no está solo. La ayuda existe.')).toEqual({ words: 7, sentences: 2, ease: 83.3 });
  });
  it('matches a hand computation with questions and hiatus', () => {
    // "¿Qué día es hoy? Hoy es un buen día." 9 words, 2 sentences.
    // qué 1, dí-a 2, es 1, hoy 1, hoy 1, es 1, un 1, buen 1, dí-a 2 = 11.
    // 206.84 - 60 x 11/9 - 1.02 x 9/2 = 206.84 - 73.333 - 4.59 = 128.9
    expect(spanishReadability('¿Qué día es hoy? Hoy es un buen día.')).toEqual({ words: 9, sentences: 2, ease: 128.9 });
  });
  it('a long sentence of long words reads as difficult, below the target', () => {
    const hard =
      'La implementación institucional de intervenciones psicoterapéuticas individualizadas requiere necesariamente la consideración interdisciplinaria de determinantes socioeconómicos, administrativos y organizacionales extraordinariamente complejos.';
    const r = spanishReadability(hard);
    expect(r.sentences).toBe(1);
    expect(r.ease).toBeLessThan(SPANISH_EASE_MINIMUM);
  });
  it('plain, short sentences read above the target', () => {
    const plain =
      'Un compañero de apoyo escucha. No da órdenes. Usted decide qué quiere hacer. Él le acompaña en el camino. Juntos buscan lo que le ayuda.';
    expect(spanishReadability(plain).ease).toBeGreaterThanOrEqual(SPANISH_EASE_MINIMUM);
  });
  it('an empty text scores nothing rather than dividing by zero', () => {
    expect(spanishReadability('')).toEqual({ words: 0, sentences: 0, ease: 0 });
  });
});
