import type { Problem } from './problems';

// The one home of the front-matter rule (docs/decisions/012-content-trust-model.md): a unit
// opens with YAML between two lines that hold `---` and nothing else. No other front-matter
// language exists here, because the usual libraries pick a parser from the text after the
// opening `---` and some of those parsers (gray-matter's `---js`) evaluate JavaScript.

export interface SplitUnit {
  /** The YAML between the delimiters, or null when the unit has no valid front matter. */
  yaml: string | null;
  /** Line (1-based) of the file on which the YAML starts. */
  yamlLine: number;
  /**
   * The MDX body: the whole file with the front-matter lines (delimiters included) emptied, so
   * positions stay the file's own and no front-matter delimiter is left for any parser to see.
   */
  body: string;
  problems: Problem[];
}

const BOM = '\uFEFF';
const DELIMITER = /^---[ \t]*$/;

// Openers other tools read as front matter: `---<language>` (gray-matter: js, javascript, coffee,
// cson, json, toml, yaml, ...), `+++` (TOML) and `;;;` (JSON), each with its closing line.
const OTHER_OPENERS: {
  re: RegExp;
  column: (m: RegExpMatchArray) => number;
  close: RegExp;
  what: (m: RegExpMatchArray) => string;
}[] = [
  {
    re: /^---[ \t]*([^-\s].*)$/,
    column: (m) => m[0].length - m[1].length + 1,
    close: DELIMITER,
    what: (m) => `"---${m[1]}" opens front matter in another language (${m[1].trim()})`,
  },
  { re: /^\+\+\+/, column: () => 1, close: /^\+\+\+[ \t]*$/, what: () => '"+++" opens TOML front matter' },
  { re: /^;;;/, column: () => 1, close: /^;;;[ \t]*$/, what: () => '";;;" opens JSON front matter' },
];

const RULE = 'a unit starts with YAML front matter: a line with only ---, the YAML, then a line with only ---';

const blank = (lines: string[]) => lines.map((l) => (l.endsWith('\r') ? '\r' : '')).join('\n');

/**
 * Splits a unit into its YAML front matter and its MDX body without evaluating anything.
 * Anything but `---` alone on the first line is a problem at that line and column, and the
 * suspect opening block is emptied out of the body all the same.
 */
export function splitFrontmatter(file: string, source: string): SplitUnit {
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  const lines = text.split('\n');
  const first = lines[0].replace(/\r$/, '');
  const closingLine = (re: RegExp) => lines.findIndex((l, i) => i > 0 && re.test(l.replace(/\r$/, '')));
  const emptied = (upTo: number) => {
    // A BOM goes too: the body must not start with anything a front-matter parser would skip.
    const end = upTo < 0 ? lines.length : upTo + 1;
    return [blank(lines.slice(0, end)), ...lines.slice(end)].join('\n');
  };

  if (DELIMITER.test(first)) {
    const closing = closingLine(DELIMITER);
    if (closing < 0)
      return {
        yaml: null,
        yamlLine: 2,
        body: emptied(-1),
        problems: [{ file, line: 1, column: 1, message: 'the front matter is never closed: add a line with only --- after it' }],
      };
    return {
      // The last line's carriage return belongs to its line end, which is not part of the YAML.
      yaml: lines.slice(1, closing).join('\n').replace(/\r$/, ''),
      yamlLine: 2,
      body: emptied(closing),
      problems: [],
    };
  }
  for (const o of OTHER_OPENERS) {
    const m = first.match(o.re);
    if (m)
      return {
        yaml: null,
        yamlLine: 2,
        body: emptied(closingLine(o.close)),
        problems: [
          {
            file,
            line: 1,
            column: o.column(m),
            message: `${o.what(m)}; front matter must be YAML, which opens with a line holding only ---`,
          },
        ],
      };
  }
  return {
    yaml: null,
    yamlLine: 2,
    // No front matter: still never hand on a first line that starts like a delimiter.
    body: first.startsWith('-') || source.startsWith(BOM) ? emptied(0) : source,
    problems: [{ file, line: 1, column: 1, message: RULE }],
  };
}
