import { bundleMDX } from 'mdx-bundler';
import { getMDXComponent } from 'mdx-bundler/client/index.js';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GRADE_LIMIT, readability, SPANISH_EASE_MINIMUM, spanishReadability } from '../domain/readability';
import { catalogues } from '../i18n/catalogues';
import { isLocale } from '../i18n/locales';
import { editionOfFile } from './editions';
import { splitFrontmatter } from './frontmatter';
import { ALLOWED_COMPONENTS, createMdxComponents, REFLECTION_MARKER } from './mdx-components';
import { plainMdxProblem } from './mdx-messages';
import type { Problem } from './problems';
import { type Segment, sectionAnchor } from './segments';
import { urlProblem } from './urls';

export type { Segment };
export interface KeyTermDef {
  term: string;
  definition: string;
}
export interface CompiledUnit {
  segments: Segment[];
  keyTerms: KeyTermDef[];
  reflections: { id: string; prompt: string }[];
  words: number;
  /** Flesch-Kincaid grade of an English unit (0 for a unit in another language). */
  grade: number;
  /** Fernández-Huerta reading ease of a Spanish unit; null for other languages. */
  ease: number | null;
  scenarios: number;
}
/**
 * A problem when a unit reads harder than its language's target, at the first line of its body
 * (after the front matter): the figure is a whole-unit one, so there is no one line to point at.
 * English: Flesch-Kincaid grade at most GRADE_LIMIT. Spanish: Fernández-Huerta ease at least
 * SPANISH_EASE_MINIMUM. A language with no measure yet is not measured.
 */
export function readingGradeProblem(
  file: string,
  source: string,
  unit: Pick<CompiledUnit, 'grade' | 'ease'>,
  locale = editionOfFile(file),
): Problem | null {
  let message: string | null = null;
  if (locale === 'en' && unit.grade > GRADE_LIMIT)
    message = `reading grade ${unit.grade} is above ${GRADE_LIMIT}: split the longest sentences and use plainer words where a plain word says the same`;
  if (locale === 'es' && unit.ease !== null && unit.ease < SPANISH_EASE_MINIMUM)
    message = `Fernández-Huerta reading ease ${unit.ease} is below ${SPANISH_EASE_MINIMUM}: split the longest sentences and use shorter, plainer words where they say the same`;
  if (!message) return null;
  const lines = source.split(/\r?\n/);
  const close = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  return { file, line: close >= 0 ? Math.min(close + 2, lines.length) : 1, column: 1, message };
}

export type CompileResult = { ok: true; unit: CompiledUnit } | { ok: false; problems: Problem[] };

// biome-ignore lint/suspicious/noExplicitAny: mdast nodes from remark, typed loosely on purpose
type Node = any;

interface Rule {
  required: string[];
  optional: string[];
  parent?: 'root' | 'Scenario';
  values?: Record<string, string[]>;
  noChildren?: boolean;
}
const RULES: Record<(typeof ALLOWED_COMPONENTS)[number], Rule> = {
  Callout: { required: ['type'], optional: ['title'], values: { type: ['note', 'tip', 'warning'] } },
  Scenario: { required: ['title'], optional: [] },
  Discussion: { required: [], optional: [], parent: 'Scenario' },
  Reflection: { required: ['id', 'prompt'], optional: [], parent: 'root', noChildren: true },
  KeyTerm: { required: ['term', 'definition'], optional: [], noChildren: true },
  ContentNote: { required: ['note'], optional: [] },
};

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * A remark plugin that checks the unit against the author guide (allowed components and
 * their props, no imports or expressions, safe link addresses) and gathers key terms,
 * reflections and prose. Problems are collected, not thrown, so an author sees all of them at
 * once; a unit with any problem is emptied before it is turned into code, so nothing an author
 * wrote (an import, an expression) reaches esbuild's resolver or the compiled output.
 */
function remarkCheckUnit(file: string, out: { problems: Problem[]; unit: Omit<CompiledUnit, 'segments'>; prose: string[] }) {
  return () => (tree: Node) => {
    const problem = (node: Node, message: string) =>
      out.problems.push({
        file,
        line: node.position?.start.line ?? 1,
        column: node.position?.start.column ?? 1,
        message,
      });
    const reflectionIds = new Set<string>();

    const walk = (node: Node, parentComponent: string | 'root' | null) => {
      if (node.type === 'mdxjsEsm') {
        problem(node, 'imports and exports are not allowed in a unit; use the components listed in content/README.md');
        return;
      }
      if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        problem(node, 'curly-brace expressions are not allowed in a unit; write plain text (use "&#123;" for a literal brace)');
        return;
      }
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        const why = urlProblem(node.url ?? '');
        if (why) problem(node, `${node.type === 'image' ? 'image' : 'link'} address: ${why}`);
      }
      if (node.type === 'heading' && node.depth === 2) {
        // An anchor the quiz result links to ("look back at this section").
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: sectionAnchor(collectText(node)) } };
      }
      if (BLOCKS.has(node.type)) {
        const t = collectText(node).trim();
        if (t) out.prose.push(/[.!?:]["'’”)]?$/.test(t) ? t : `${t}.`);
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const name: string = node.name ?? '';
        const rule = RULES[name as keyof typeof RULES];
        if (!rule) {
          problem(node, `unknown component <${name || 'fragment'}>; use one of ${ALLOWED_COMPONENTS.join(', ')}`);
          return;
        }
        const attrs: Record<string, string> = {};
        for (const a of node.attributes ?? []) {
          if (a.type !== 'mdxJsxAttribute') {
            problem(node, `<${name}> props must be written as name="text"`);
            continue;
          }
          if (typeof a.value !== 'string') {
            problem(a.position ? a : node, `<${name}> prop ${a.name} must be text in double quotes`);
            continue;
          }
          if (!rule.required.includes(a.name) && !rule.optional.includes(a.name)) {
            problem(a.position ? a : node, `<${name}> has no prop "${a.name}"`);
          }
          attrs[a.name] = a.value;
        }
        for (const r of rule.required) {
          if (!attrs[r]?.trim()) problem(node, `<${name}> needs a ${r}="…" prop`);
        }
        for (const [prop, allowed] of Object.entries(rule.values ?? {})) {
          if (attrs[prop] && !allowed.includes(attrs[prop]))
            problem(node, `<${name}> ${prop} must be one of ${allowed.join(', ')}, not "${attrs[prop]}"`);
        }
        if (rule.parent === 'root' && parentComponent !== 'root')
          problem(node, `<${name}> must stand on its own, not inside <${parentComponent}>`);
        if (rule.parent === 'Scenario' && parentComponent !== 'Scenario') problem(node, `<${name}> belongs inside a <Scenario>`);
        if (rule.noChildren && node.children?.length) problem(node, `<${name}> takes no content between tags; close it with />`);
        if (name === 'Reflection' && attrs.id) {
          if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(attrs.id))
            problem(node, `<Reflection> id "${attrs.id}" must be lowercase letters, digits and dashes`);
          else if (reflectionIds.has(attrs.id)) problem(node, `<Reflection> id "${attrs.id}" is used twice in this unit`);
          reflectionIds.add(attrs.id);
          out.unit.reflections.push({ id: attrs.id, prompt: attrs.prompt ?? '' });
        }
        if (name === 'KeyTerm' && attrs.term && attrs.definition)
          out.unit.keyTerms.push({ term: attrs.term, definition: attrs.definition });
        if (name === 'Scenario') out.unit.scenarios++;
        for (const c of node.children ?? []) walk(c, name);
        return;
      }
      for (const c of node.children ?? []) walk(c, parentComponent);
    };
    walk(tree, 'root');
    if (out.problems.length) tree.children = [];
  };
}

function collectText(node: Node): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'inlineCode' || node.type === 'code') return '';
  return (node.children ?? []).map(collectText).join('');
}

interface EsbuildMessage {
  text: string;
  location?: { line: number; column: number } | null;
}

// NOTE: mdx-bundler hands its source to gray-matter, whose `---js` front matter is `eval`ed. It
// only ever gets the body from splitFrontmatter (no delimiter left to find), and this guard
// makes every front-matter engine refuse, should a delimiter ever reach it.
const refuse = () => {
  throw new Error('front matter must be YAML, read by the content loader');
};
const NO_ENGINES = Object.fromEntries(
  ['yaml', 'yml', 'json', 'javascript', 'js', 'coffee', 'coffeescript', 'cson', 'toml'].map((name) => [name, { parse: refuse }]),
);

/**
 * Compiles one unit's MDX body. `source` is the whole file; the front matter (read by the loader
 * with our YAML parser) is emptied out first, so positions stay the file's own.
 */
export async function compileUnit(file: string, source: string): Promise<CompileResult> {
  const out = {
    problems: [] as Problem[],
    unit: { keyTerms: [], reflections: [], words: 0, grade: 0, ease: null, scenarios: 0 } as Omit<CompiledUnit, 'segments'>,
    prose: [] as string[],
  };
  let code: string;
  const body = splitFrontmatter(file, source).body;
  try {
    const result = await bundleMDX({
      source: body,
      grayMatterOptions: (options) => ({ ...options, language: 'yaml', engines: NO_ENGINES }),
      mdxOptions(options) {
        options.remarkPlugins = [remarkCheckUnit(file, out), ...(options.remarkPlugins ?? [])];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = 'silent';
        return options;
      },
    });
    code = result.code;
  } catch (e) {
    const errors: EsbuildMessage[] = (e as { errors?: EsbuildMessage[] }).errors ?? [];
    if (!errors.length) return { ok: false, problems: [{ file, line: 1, column: 1, message: String(e) }] };
    return {
      ok: false,
      problems: [...out.problems, ...errors.map((m) => plainMdxProblem(mdxProblem(file, m), body))],
    };
  }
  if (out.problems.length) return { ok: false, problems: out.problems };

  const Component = getMDXComponent(code);
  const edition = editionOfFile(file);
  const labels = catalogues[isLocale(edition) ? edition : 'en'];
  const html = renderToStaticMarkup(createElement(Component, { components: createMdxComponents((id) => labels[id]) }));
  const prompts = new Map(out.unit.reflections.map((r) => [r.id, r.prompt]));
  const segments: Segment[] = [];
  let last = 0;
  for (const m of html.matchAll(REFLECTION_MARKER)) {
    if (m.index > last) segments.push({ kind: 'html', html: html.slice(last, m.index) });
    segments.push({ kind: 'reflection', id: m[1], prompt: prompts.get(m[1]) ?? '' });
    last = m.index + m[0].length;
  }
  if (last < html.length) segments.push({ kind: 'html', html: html.slice(last) });
  const prose = out.prose.join(' ');
  // Each language by its own measure: the edition folder the file sits in says which.
  if (editionOfFile(file) === 'es') {
    const r = spanishReadability(prose);
    return { ok: true, unit: { ...out.unit, segments, words: r.words, grade: 0, ease: r.ease } };
  }
  const r = readability(prose);
  return { ok: true, unit: { ...out.unit, segments, words: r.words, grade: r.grade, ease: null } };
}

/**
 * @mdx-js/esbuild reports a syntax error as "Cannot process MDX file with esbuild:" followed
 * by "line:column-line:column: reason"; the reason's own position is the precise one.
 */
function mdxProblem(file: string, m: EsbuildMessage): Problem {
  const detail = m.text.match(/(\d+):(\d+)(?:-\d+:\d+)?: ([^\n]+)/);
  if (detail) return { file, line: Number(detail[1]), column: Number(detail[2]), message: detail[3].trim() };
  return {
    file,
    line: m.location?.line ?? 1,
    column: (m.location?.column ?? 0) + 1,
    message: m.text.replace(/^\[plugin: [^\]]+\]\s*/, '').split('\n')[0],
  };
}
