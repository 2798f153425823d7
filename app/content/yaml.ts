import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems';

export type Locate = (path: (string | number)[]) => { line: number; column: number };

export type Parsed<T> = { ok: true; data: T; locate: Locate } | { ok: false; problems: Problem[] };

/**
 * Parses YAML and checks it with a zod schema. Every problem carries the line and column of
 * the value it is about (or of the nearest enclosing value that exists). `lineOffset` shifts
 * positions for YAML that starts further down a file (MDX frontmatter).
 */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S, lineOffset = 0): Parsed<z.output<S>> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  // Warnings count too: an unresolved tag such as `!!js/function` is refused, not read as text.
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length) {
    return {
      ok: false,
      problems: issues.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file, line: pos.line + lineOffset, column: pos.col, message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const locate = makeLocate(doc, lc, lineOffset);
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((i) => {
        const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        const where = path.length ? `${path.join('.')}: ` : '';
        const keys = (i as { keys?: string[] }).keys;
        const message =
          i.code === 'unrecognized_keys' && keys ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : i.message;
        return {
          file,
          ...locate(i.code === 'unrecognized_keys' && keys ? [...path, keys[0]] : path),
          message: `${where}${message}`,
        };
      }),
    };
  }
  return { ok: true, data: result.data, locate };
}

function makeLocate(doc: Document, lc: LineCounter, lineOffset: number): Locate {
  return (path) => {
    // Walk as deep as the path exists; point at a key when the path names one.
    let node: Node | null | undefined = doc.contents as Node;
    let offset = 0;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (!pair) break;
        const k = pair.key as Node | null;
        offset = k?.range?.[0] ?? offset;
        node = pair.value as Node | null;
        if (node?.range) offset = node.range[0];
      } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
        node = node.items[key] as Node;
        offset = node?.range?.[0] ?? offset;
      } else break;
    }
    if (!path.length && node?.range) offset = node.range[0];
    const pos = lc.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
}
