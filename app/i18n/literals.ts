import ts from 'typescript';

// Finds user-visible text written straight into a route or component instead of coming from the
// message catalogues: JSX text, user-facing attributes, and sentences in string literals
// (a thrown 404's words, a zod message, a page title). Used by literals.test.ts.

export interface Literal {
  line: number;
  column: number;
  text: string;
}

const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'summary',
  'content',
]);
const SKIP_ATTRIBUTES = new Set([
  'className',
  'id',
  'name',
  'htmlFor',
  'to',
  'href',
  'action',
  'method',
  'type',
  'rel',
  'autoComplete',
  'inputMode',
  'pattern',
  'accept',
  'encType',
  'role',
  'lang',
  'value',
  'defaultValue',
  'key',
  'd',
  'transform',
  'viewBox',
  'fill',
  'stroke',
  'style',
  'src',
  'media',
  'sizes',
  'form',
  'target',
  'download',
]);
const LETTER = /\p{L}/u;

/** A string that reads as words to a person: two or more words, or one capitalised word ending a sentence. */
function isSentence(text: string): boolean {
  const t = text.trim();
  if (!LETTER.test(t)) return false;
  if (/^[a-z0-9]+([._-][a-z0-9]+)+$/i.test(t)) return false; // an id, a path piece, a key
  if (/^[/#?.]/.test(t) || /^https?:/.test(t)) return false; // addresses
  const words = t.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
  if (words.length >= 2 && /^[\p{Lu}'"“(¿¡]/u.test(t)) return true;
  if (words.length >= 3) return !/^[a-z-]+( [a-z-]+)*$/.test(t) || /[.?!:]$/.test(t);
  return words.length === 1 && /^\p{Lu}\p{Ll}+[.?!]?$/u.test(t) && t.length > 3;
}

export function findLiterals(fileName: string, source: string): Literal[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push({ line: line + 1, column: character + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (SKIP_ATTRIBUTES.has(name) || name.startsWith('data-')) return;
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) {
        if (VISIBLE_ATTRIBUTES.has(name) && LETTER.test(init.text)) add(init, init.text);
        return;
      }
    }
    if (ts.isJsxText(node)) {
      const text = node.getText(sf);
      if (LETTER.test(text)) add(node, text);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const parent = node.parent;
      const isKey = parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      const isType = parent && ts.isLiteralTypeNode(parent);
      const isElement = parent && ts.isElementAccessExpression(parent);
      if (!isKey && !isType && !isElement && isSentence(node.text)) add(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' … ');
      if (isSentence(pieces.replace(/…/g, ' '))) add(node, pieces);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
