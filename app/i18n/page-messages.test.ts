import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogues, isMessageId } from './catalogues';
import { pageMessages } from './intl.server';
import { LOCALES } from './locales';

// A page is sent only the catalogue areas its reader can open (ADR 033). These check that nobody
// is short of a message their pages show, and that the staff areas stay with the staff.

const ROLES = ['trainee', 'trainer', 'author', 'admin'] as const;
const ids = (messages: object) => Object.keys(messages).sort();
const staff = /^(trainer|author|admin)\./;

describe('the messages sent with a page', () => {
  for (const locale of LOCALES) {
    it(`${locale}: every role gets the same ids as in English`, () => {
      for (const role of [...ROLES, null]) {
        expect(ids(pageMessages(locale, role))).toEqual(ids(pageMessages('en', role)));
      }
    });
    it(`${locale}: an admin gets every message a page can show (all but the emails')`, () => {
      const all = ids(catalogues[locale]).filter((id) => !id.startsWith('mail.'));
      expect(ids(pageMessages(locale, 'admin'))).toEqual(all);
    });
  }

  it('a trainee or a visitor gets no staff area, and every other message', () => {
    for (const role of ['trainee', null] as const) {
      const sent = ids(pageMessages('en', role));
      expect(sent.filter((id) => staff.test(id))).toEqual([]);
      const rest = ids(catalogues.en).filter((id) => !staff.test(id) && !id.startsWith('mail.'));
      expect(sent).toEqual(rest);
    }
  });

  it('trainers and authors get their own areas; authors also the trainer area (trainer.practice lets them in)', () => {
    const trainer = pageMessages('en', 'trainer');
    const author = pageMessages('en', 'author');
    expect(Object.hasOwn(trainer, 'nav.trainer')).toBe(true);
    expect(ids(trainer).some((id) => id.startsWith('trainer.'))).toBe(true);
    expect(ids(trainer).some((id) => id.startsWith('author.') || id.startsWith('admin.'))).toBe(false);
    expect(ids(author).some((id) => id.startsWith('author.'))).toBe(true);
    expect(ids(author).some((id) => id.startsWith('trainer.'))).toBe(true);
    expect(ids(author).some((id) => id.startsWith('admin.'))).toBe(false);
  });

  it('every message id a non-staff route names is sent to a trainee', () => {
    const sent = pageMessages('en', 'trainee');
    const missing: string[] = [];
    let checked = 0;
    for (const f of readdirSync('app/routes')) {
      if (!/\.tsx$/.test(f) || f.includes('.test.') || /^(trainer|author|admin)[._]/.test(f)) continue;
      const source = readFileSync(`app/routes/${f}`, 'utf8');
      for (const [, id] of source.matchAll(/['"`]([a-zA-Z]+\.[a-zA-Z0-9_.-]+)['"`]/g)) {
        if (!isMessageId(id) || id.startsWith('mail.')) continue;
        checked++;
        if (!Object.hasOwn(sent, id)) missing.push(`${f}: ${id}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
