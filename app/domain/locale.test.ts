import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, negotiateLocale, parseAcceptLanguage } from './locale';

describe('parseAcceptLanguage', () => {
  it('orders by quality, keeping header order on ties', () => {
    expect(parseAcceptLanguage('en;q=0.5, es-MX, fr;q=0.8, de')).toEqual(['es-mx', 'de', 'fr', 'en']);
  });
  it('drops q=0 and empty parts, and survives junk', () => {
    expect(parseAcceptLanguage('es;q=0, , en;q=abc, fr')).toEqual(['fr']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });
});

describe('localeFromAcceptLanguage', () => {
  it('matches a regional tag to its language', () => {
    expect(localeFromAcceptLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(localeFromAcceptLanguage('es-419')).toBe('es');
  });
  it('skips languages we do not have', () => {
    expect(localeFromAcceptLanguage('fr-CA, fr;q=0.9, es;q=0.5')).toBe('es');
    expect(localeFromAcceptLanguage('zh-TW, ja')).toBeNull();
  });
  it('prefers the higher quality even when listed later', () => {
    expect(localeFromAcceptLanguage('en;q=0.3, es;q=0.9')).toBe('es');
  });
});

describe('negotiateLocale: address, then choice, then group, then browser, then English', () => {
  it('the address wins over everything', () => {
    expect(negotiateLocale({ query: 'es', chosen: 'en', group: 'en', acceptLanguage: 'en' })).toBe('es');
  });
  it('a person’s own choice wins over group and browser', () => {
    expect(negotiateLocale({ chosen: 'en', group: 'es', acceptLanguage: 'es' })).toBe('en');
  });
  it('the group’s language wins over the browser', () => {
    expect(negotiateLocale({ group: 'es', acceptLanguage: 'en-US' })).toBe('es');
  });
  it('then the browser, then English', () => {
    expect(negotiateLocale({ acceptLanguage: 'es-MX' })).toBe('es');
    expect(negotiateLocale({ acceptLanguage: 'fr' })).toBe('en');
    expect(negotiateLocale({})).toBe('en');
  });
  it('ignores unknown or hostile values at every step', () => {
    expect(negotiateLocale({ query: 'xx', chosen: '<script>', group: 'ES ', acceptLanguage: 'es' })).toBe('es');
  });
});
