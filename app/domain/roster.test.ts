import { describe, expect, it } from 'vitest';
import { MAX_ROSTER_ROWS, parseRoster } from './roster';

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
      { line: 3, name: 'Bad', email: 'not-an-email', problem: 'The email address is not valid.' },
      { line: 4, name: '', email: 'nobody@example.org', problem: 'No name.' },
      { line: 5, name: 'Ana again', email: 'ana@example.org', problem: 'The same email is already on line 2.' },
      { line: 6, name: 'No email', email: '', problem: 'No email address.' },
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
    expect(parseRoster('').error).toBe('The file has no rows.');
    expect(parseRoster('name,email\n').error).toBe('The file has no rows.');
    const many = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => `P${i},p${i}@example.org`).join('\n');
    expect(parseRoster(many).error).toMatch(/import at most 500/);
    expect(parseRoster('Ana,"ana@example.org\nBo,bo@example.org').error).toMatch(/could not read this file as CSV/);
  });
});
