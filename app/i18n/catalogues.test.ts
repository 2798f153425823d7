import { readdirSync, readFileSync } from 'node:fs';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { LOCALES } from './locales';

// Every language has every message, each message parses as ICU, and a translation uses the
// same placeholders as the English (a missing {name} would print nothing; an extra one, "{name}").

const placeholders = (message: string): string[] => {
  const names = new Set<string>();
  const walk = (nodes: ReturnType<typeof parse>) => {
    for (const n of nodes) {
      if (n.type === TYPE.argument || n.type === TYPE.number || n.type === TYPE.date || n.type === TYPE.time) names.add(n.value);
      if (n.type === TYPE.plural || n.type === TYPE.select) {
        names.add(n.value);
        for (const o of Object.values(n.options)) walk(o.value);
      }
      if (n.type === TYPE.tag) {
        names.add(`<${n.value}>`);
        walk(n.children);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
};

describe('message catalogues', () => {
  const en = catalogues.en;
  for (const locale of LOCALES) {
    it(`${locale} has exactly the English ids`, () => {
      expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
    });
    it(`${locale} messages parse and keep the English placeholders`, () => {
      const wrong: string[] = [];
      for (const [id, message] of Object.entries(catalogues[locale])) {
        try {
          const mine = placeholders(message);
          const english = placeholders(en[id as keyof typeof en]);
          if (mine.join() !== english.join()) wrong.push(`${id}: ${mine.join()} vs ${english.join()}`);
        } catch (e) {
          wrong.push(`${id}: ${(e as Error).message}`);
        }
      }
      expect(wrong).toEqual([]);
    });
    it(`${locale} has no message left empty or untranslated by accident`, () => {
      const empty = Object.entries(catalogues[locale]).filter(([, m]) => !m.trim());
      expect(empty).toEqual([]);
    });
  }

  it('every catalogue file is imported (no area file forgotten)', () => {
    for (const locale of LOCALES) {
      const files = readdirSync(`app/i18n/catalogues/${locale}`)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => f.replace(/\.ts$/, ''));
      const source = readFileSync('app/i18n/catalogues.ts', 'utf8');
      for (const f of files) expect(source).toContain(`./catalogues/${locale}/${f}`);
    }
  });
});
