import { describe, expect, it } from 'vitest';
import { plainMdxProblem, unclosedBrace } from './mdx-messages';

const p = (message: string, line = 3, column = 5) => ({ file: 'u.mdx', line, column, message });

describe('plain MDX messages', () => {
  it('says what an unreadable brace is and how to show one', () => {
    const r = plainMdxProblem(p('Could not parse expression with acorn'), '');
    expect(r.message).toContain('to show a brace as text, write \\{');
    expect(r.message).not.toMatch(/acorn/);
    expect([r.line, r.column]).toEqual([3, 5]);
  });

  it('points an unclosed brace at the brace, not at the end of the file', () => {
    const body = 'A {"closed"} one.\n\nAn open { here.\n\nThe end.\n';
    expect(unclosedBrace(body)).toEqual({ line: 3, column: 9 });
    const r = plainMdxProblem(
      p('Unexpected end of file in expression, expected a corresponding closing brace for `{`', 6, 1),
      body,
    );
    expect([r.line, r.column]).toEqual([3, 9]);
    expect(r.message).toMatch(/never closed/);
  });

  it('ignores escaped braces', () => {
    expect(unclosedBrace('Show \\{ this.\n')).toBeNull();
  });

  it('reports an unclosed component at its own line', () => {
    const r = plainMdxProblem(p('Expected a closing tag for `<Scenario>` (13:1-13:25)', 1, 1), '');
    expect([r.line, r.column]).toEqual([13, 1]);
    expect(r.message).toContain('add </Scenario>');
  });

  it('names the open component when the wrong one is closed', () => {
    const r = plainMdxProblem(
      p('Unexpected closing tag `</Callout>`, expected corresponding closing tag for `<Scenario>` (11:1-11:21)', 15, 1),
      '',
    );
    expect(r.message).toBe(
      '</Callout> closes a component that is not open here: the open one is <Scenario> (line 11); close it with </Scenario>',
    );
  });

  it('explains HTML comments and a bare <', () => {
    expect(
      plainMdxProblem(
        p(
          'Unexpected character `!` (U+0021) before name, expected a character that can start a name, such as a letter, `$`, or `_` (note: to create a comment in MDX, use `{/* text */}`)',
        ),
        '',
      ).message,
    ).toContain('{/* your note */}');
    expect(plainMdxProblem(p('Unexpected character `3` (U+0033) before name, expected a character'), '').message).toContain(
      'write \\<',
    );
  });

  it('passes unknown messages through', () => {
    expect(plainMdxProblem(p('something new'), '')).toEqual(p('something new'));
  });
});
