import { describe, expect, it } from 'vitest';
import { escapeHtml } from './mail';
import { safeHref, safeMarkdown, safeMarkdownHtml, safeMarkdownText } from './safe-markdown';

const html = (md: string) => safeMarkdownHtml(safeMarkdown(md), escapeHtml);

describe('safe Markdown for announcements', () => {
  it('keeps the allowed subset', () => {
    expect(html('Hello **everyone**, _welcome_ to `week 2`.\n\n- one\n- two\n\n1. first\n2. second')).toBe(
      '<p>Hello <strong>everyone</strong>, <em>welcome</em> to <code>week 2</code>.</p>\n<ul><li><p>one</p></li><li><p>two</p></li></ul>\n<ol><li><p>first</p></li><li><p>second</p></li></ol>',
    );
    expect(html('[Zoom](https://zoom.us/j/1?a=1&b=2) or [mail me](mailto:t@example.org)')).toBe(
      '<p><a href="https://zoom.us/j/1?a=1&amp;b=2">Zoom</a> or <a href="mailto:t@example.org">mail me</a></p>',
    );
    expect(html('# Big news')).toBe('<p><strong>Big news</strong></p>');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Hi <img src=x onerror=alert(1)> there', 'Hi &lt;img src=x onerror=alert(1)&gt; there'],
    ['<a href="javascript:alert(1)">x</a>', '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;'],
    ['<iframe src="https://evil.example"></iframe>', '&lt;iframe'],
  ])('never passes raw HTML on: %s', (md, expected) => {
    const out = html(md);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/<(script|img|iframe|a )(?![^>]*href="(https|mailto):)/i);
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](  javascript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD4=)',
    '[click](vbscript:msgbox)',
    '[click](http://plain.example)',
    '[click](/relative/path)',
    '[click](//evil.example)',
    '<javascript:alert(1)>',
    '[click][ref]\n\n[ref]: javascript:alert(1)',
    '[click](&#106;avascript:alert(1))',
  ])('drops a link that is not https or mailto: %s', (md) => {
    const out = html(md);
    expect(out).not.toContain('<a ');
    expect(out.toLowerCase()).not.toMatch(/href=/);
  });

  it('makes images their alt text and never loads them', () => {
    expect(html('![a cat](https://evil.example/track.gif)')).toBe('<p>a cat</p>');
  });

  it('escapes quotes in link targets and text', () => {
    const out = html('[x"><script>](https://ok.example/"onmouseover="alert(1))');
    expect(out).not.toContain('"onmouseover');
    expect(out).not.toContain('<script>');
  });

  it('survives hostile nesting and length without throwing', () => {
    expect(() => safeMarkdown(`${'> '.repeat(2000)}deep`)).not.toThrow();
    expect(() => safeMarkdown(`${'*'.repeat(500)}x${'*'.repeat(500)}`)).not.toThrow();
    // The parser would overflow its stack on this; the body is shown as plain text instead.
    expect(safeMarkdownText(safeMarkdown(`${'- '.repeat(1900)}x`))).toContain('- - - x');
    expect(safeMarkdownText(safeMarkdown(`${'>'.repeat(3900)}deep`))).toContain('deep');
    expect(safeMarkdown(`${'['.repeat(3000)}`)).toHaveLength(1);
    // Ordinary nesting still works.
    expect(safeMarkdownHtml(safeMarkdown('- a\n  - b'), escapeHtml)).toBe(
      '<ul><li><p>a</p>\n<ul><li><p>b</p></li></ul></li></ul>',
    );
    expect(safeMarkdownText(safeMarkdown(`${'> '.repeat(1900)}deep`))).toContain('deep');
  });

  it('gives a readable plain-text version for mail', () => {
    expect(safeMarkdownText(safeMarkdown('Hi **all**.\n\n- [Zoom](https://zoom.us/j/1)\n- [mail](mailto:t@example.org)'))).toBe(
      'Hi all.\n\n- Zoom (https://zoom.us/j/1)\n- mail (t@example.org)',
    );
  });

  it('accepts only https and mailto addresses', () => {
    expect(safeHref('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHref('mailto:a@example.org')).toBe('mailto:a@example.org');
    expect(safeHref('https:')).toBeNull();
    expect(safeHref('ftp://x')).toBeNull();
  });
});
