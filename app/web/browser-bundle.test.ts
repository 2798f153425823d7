import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// zod stays out of the browser (ADRs 008 and 033). Route modules import zod for their loaders and
// actions; the bundler drops it only while NO module the browser loads calls zod when it is
// evaluated. One module-level schema anywhere makes zod live, and esbuild's code splitting then
// loads the whole zod chunk (93 kB gz) on every route that imports zod, used or not. So schemas
// in these modules are built in a function (`const schema = () => z.object(...)`), and server-only
// helpers live in `*.server.ts`.
// NOT_YET_LAZY lists files that still build a schema at module level: remove a file from it when
// you fix it; never add one.
const NOT_YET_LAZY = new Set<string>([]);

const files = ['app/routes', 'app/components', 'app/web', 'app/i18n']
  .flatMap((dir) => readdirSync(dir).map((f) => `${dir}/${f}`))
  .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.') && !f.includes('.server.'))
  .sort();

/**
 * Names of module-level statements that call zod while the module loads: anything outside a
 * function body that calls `z.…(…)` (a function that builds the schema on demand is fine).
 */
export function eagerSchemas(source: string): string[] {
  if (!/from 'zod'/.test(source)) return [];
  const file = ts.createSourceFile('x.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const callsZod = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && callee.text === 'z') return true;
    }
    return ts.forEachChild(node, callsZod) ?? false;
  };
  const found: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement))
      continue;
    if (ts.isFunctionDeclaration(statement) || !callsZod(statement)) continue;
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText(file))
      : [statement.getText(file).slice(0, 40)];
    found.push(...names);
  }
  return found;
}

describe('no zod schema is built when a browser module loads', () => {
  for (const file of files) {
    if (NOT_YET_LAZY.has(file)) continue;
    it(file, () => {
      expect(eagerSchemas(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
  it('the listed files still build one (remove them from the list once fixed)', () => {
    for (const file of NOT_YET_LAZY) expect(eagerSchemas(readFileSync(file, 'utf8'))).not.toEqual([]);
  });
});

describe('the eager schema finder', () => {
  const src = (body: string) => `import { z } from 'zod';\n${body}\n`;
  it('finds module-level schemas', () => {
    expect(eagerSchemas(src("const tree = z.string().regex(/x/, 'a.b');"))).toEqual(['tree']);
    expect(eagerSchemas(src('export const params = z.object({\n  id: z.uuid(),\n});'))).toEqual(['params']);
    expect(eagerSchemas(src('const password = z\n  .string()\n  .min(1);'))).toEqual(['password']);
  });
  it('passes schemas built in a function, and files without zod', () => {
    expect(eagerSchemas(src('const schema = () => z.object({ a: z.string() });'))).toEqual([]);
    expect(eagerSchemas(src('const schemas = {\n  a: () => z.object({}),\n};'))).toEqual([]);
    expect(eagerSchemas(src('function build() {\n  return z.object({});\n}'))).toEqual([]);
    expect(eagerSchemas('const a = z.object({});')).toEqual([]);
  });
});
