import type { Problem } from './problems';

// MDX's parser speaks of acorn, names and expressions. Authors write prose: each message below
// says what happened in their words, where it happened, and how to fix it. Unknown messages pass
// through unchanged (still with their position).

/** The first `{` that is neither escaped nor closed within its paragraph; null if none. */
export function unclosedBrace(source: string): { line: number; column: number } | null {
  const lines = source.split('\n');
  for (let l = 0; l < lines.length; l++) {
    for (let c = 0; c < lines[l].length; c++) {
      if (lines[l][c] !== '{' || (c > 0 && lines[l][c - 1] === '\\')) continue;
      // Closed before the paragraph ends (a blank line or the end of the file)?
      let depth = 0;
      let closed = false;
      scan: for (let l2 = l; l2 < lines.length; l2++) {
        if (l2 > l && lines[l2].trim() === '') break;
        for (let c2 = l2 === l ? c : 0; c2 < lines[l2].length; c2++) {
          const ch = lines[l2][c2];
          if (ch === '{') depth++;
          else if (ch === '}' && --depth === 0) {
            closed = true;
            break scan;
          }
        }
      }
      if (!closed) return { line: l + 1, column: c + 1 };
    }
  }
  return null;
}

const BRACE_HINT = 'to show a brace as text, write \\{ (and \\} for a closing one)';

/** The author-facing version of an MDX syntax problem in `source` (the unit's body, numbered as in the file). */
export function plainMdxProblem(p: Problem, source: string): Problem {
  const m = p.message;
  if (/Could not parse expression with acorn/.test(m))
    return { ...p, message: `a { starts something the checker cannot read as text; ${BRACE_HINT}` };
  if (/expected a corresponding closing brace for `\{`/.test(m)) {
    const at = unclosedBrace(source) ?? p;
    return { ...p, line: at.line, column: at.column, message: `this { is never closed; ${BRACE_HINT}` };
  }
  const open = m.match(/^Expected a closing tag for `<(\w+)>` \((\d+):(\d+)-/);
  if (open)
    return {
      ...p,
      line: Number(open[2]),
      column: Number(open[3]),
      message: `the <${open[1]}> that starts here is never closed: add </${open[1]}> on a line of its own after its last paragraph`,
    };
  const wrong = m.match(/^Unexpected closing tag `<\/(\w+)>`, expected corresponding closing tag for `<(\w+)>` \((\d+):(\d+)-/);
  if (wrong)
    return {
      ...p,
      message: `</${wrong[1]}> closes a component that is not open here: the open one is <${wrong[2]}> (line ${wrong[3]}); close it with </${wrong[2]}>`,
    };
  if (/^Unexpected character `!` .*to create a comment in MDX, use `\{\/\* text \*\/\}`/.test(m))
    return { ...p, message: 'HTML comments (<!-- -->) do not work in units: write {/* your note */} instead' };
  const lt = m.match(/^Unexpected character `(.)` \(U\+[0-9A-F]+\) before name/);
  if (lt)
    return {
      ...p,
      message: `a < followed by "${lt[1]}" looks like the start of a component; to show < as text, write \\< (or use words, like "less than")`,
    };
  return p;
}
