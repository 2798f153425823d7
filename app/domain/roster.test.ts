import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/intl.server';
import { MAX_ROSTER_ROWS, parseRoster, type RosterSaid } from './roster';

describe('parseRoster', () => {
  it('reads name,email rows without a header', () => {
    expect(parseRoster('Ana Ruiz,ana@example.org\nBo Lee,bo@example.org\n')).toEqual({
      rows: [
        { line: 1, name: 'Ana Ruiz', email: 'ana@example.org' },
        { line: 2, name: 'Bo Lee', email: 'bo@example.org' },
      ],
      problems: [],
    });
  });

  it('uses a header to find the columns, in any order and case, ignoring extra columns', () => {
    const r = parseRoster('Phone,EMAIL,Notes,Name\n555,Ana@Example.org,hi,Ana Ruiz\n');
    expect(r.rows).toEqual([{ line: 2, name: 'Ana Ruiz', email: 'ana@example.org' }]);
  });

  it('strips a UTF-8 BOM and reads CRLF line ends', () => {
    const r = parseRoster('\uFEFFname,email\r\nAna,ana@example.org\r\nBo,bo@example.org\r\n');
    expect(r.rows.map((x) => [x.line, x.email])).toEqual([
      [2, 'ana@example.org'],
      [3, 'bo@example.org'],
    ]);
  });

  it('says why each refused row was refused, with its line', () => {
    const r = parseRoster(
      [
        'name,email',
        'Ana,ana@example.org',
        'Bad,not-an-email',
        ',nobody@example.org',
        'Ana again,ANA@example.org',
        'No email,',
        '',
      ].join('\n'),
    );
    expect(r.rows.map((x) => x.email)).toEqual(['ana@example.org']);
    expect(r.problems).toEqual([
      { line: 3, name: 'Bad', email: 'not-an-email', problem: { code: 'trainer.roster.badEmail' } },
      { line: 4, name: '', email: 'nobody@example.org', problem: { code: 'trainer.roster.noName' } },
      {
        line: 5,
        name: 'Ana again',
        email: 'ana@example.org',
        problem: { code: 'trainer.roster.duplicate', values: { line: 2 } },
      },
      { line: 6, name: 'No email', email: '', problem: { code: 'trainer.roster.noEmail' } },
    ]);
  });

  it('handles quoted commas and skips empty rows', () => {
    const r = parseRoster('"Ruiz, Ana",ana@example.org\n,,\n\n"Lee, Bo",bo@example.org');
    expect(r.rows).toEqual([
      { line: 1, name: 'Ruiz, Ana', email: 'ana@example.org' },
      { line: 4, name: 'Lee, Bo', email: 'bo@example.org' },
    ]);
  });

  it('refuses a file with no rows, too many rows, or broken quoting', () => {
    expect(parseRoster('').error).toEqual({ code: 'trainer.roster.noRows' });
    expect(parseRoster('name,email\n').error).toEqual({ code: 'trainer.roster.noRows' });
    const many = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => `P${i},p${i}@example.org`).join('\n');
    expect(parseRoster(many).error).toEqual({ code: 'trainer.roster.tooMany', values: { rows: 501, max: 500 } });
    expect(parseRoster('Ana,"ana@example.org\nBo,bo@example.org').error).toEqual({
      code: 'trainer.roster.unreadableNear',
      values: { line: expect.any(Number) },
    });
  });
  it('refuses a long name', () => {
    expect(parseRoster(`${'A'.repeat(101)},a@example.org`).problems[0].problem).toEqual({ code: 'trainer.roster.longName' });
  });
});

describe('what the roster import says, in each language', () => {
  const said: RosterSaid[] = [
    { code: 'trainer.roster.unreadable' },
    { code: 'trainer.roster.unreadableNear', values: { line: 3 } },
    { code: 'trainer.roster.noRows' },
    { code: 'trainer.roster.tooMany', values: { rows: 501, max: 500 } },
    { code: 'trainer.roster.noEmail' },
    { code: 'trainer.roster.badEmail' },
    { code: 'trainer.roster.noName' },
    { code: 'trainer.roster.longName' },
    { code: 'trainer.roster.duplicate', values: { line: 2 } },
    { code: 'trainer.roster.alreadyMember' },
    { code: 'trainer.roster.deactivated' },
  ];
  const en = translator('en');
  const es = translator('es');
  it('keeps the English wording', () => {
    expect(en('trainer.roster.duplicate', { line: 2 })).toBe('The same email is already on line 2.');
    expect(en('trainer.roster.tooMany', { rows: 501, max: 500 })).toBe('The file has 501 rows; import at most 500 at a time.');
  });
  it('says every problem in Spanish, with its values', () => {
    for (const s of said) {
      const spanish = es(s.code, s.values);
      expect(spanish, s.code).not.toBe(en(s.code, s.values));
      for (const v of Object.values(s.values ?? {})) expect(spanish).toContain(String(v));
    }
    expect(es('trainer.roster.duplicate', { line: 2 })).toBe('El mismo correo electrónico ya está en la línea 2.');
  });
});
