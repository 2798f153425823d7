import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

// Announcements are written in a small Markdown subset and shown to trainees and in mail. The
// text is parsed to a syntax tree (mdast, CommonMark) and reduced to a few allowed shapes:
// paragraphs, bold, italic, inline code, line breaks, lists, and links to https: or mailto:.
// Raw HTML is never passed on (it shows as the text it is); images become their alt text;
// headings become bold paragraphs. The result is plain data: React renders it as elements,
// and the mail renderer escapes every string, so nothing the author typed is ever markup.

export type SafeInline =
  | { t: 'text'; v: string }
  | { t: 'strong' | 'em'; c: SafeInline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: SafeInline[] }
  | { t: 'br' };

export type SafeBlock = { t: 'p'; c: SafeInline[] } | { t: 'ul' | 'ol'; items: SafeBlock[][] };

/** Longest announcement body accepted (a screen or two). */
export const MAX_MARKDOWN_LENGTH = 4000;
/** Nesting deeper than this is flattened to text (no stack is spent on hostile nesting). */
const MAX_DEPTH = 6;

/** An https: or mailto: address, normalised; null for anything else (javascript:, data:, relative…). */
export function safeHref(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol === 'https:' && u.hostname) return u.href;
  if (u.protocol === 'mailto:' && u.pathname) return u.href;
  return null;
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function inlines(nodes: PhrasingContent[], depth: number): SafeInline[] {
  const out: SafeInline[] = [];
  const push = (n: SafeInline) => {
    const last = out[out.length - 1];
    if (n.t === 'text' && last?.t === 'text') last.v += n.v;
    else if (n.t !== 'text' || n.v) out.push(n);
  };
  for (const node of nodes) {
    if (depth > MAX_DEPTH) {
      push({ t: 'text', v: textOf(node) });
      continue;
    }
    switch (node.type) {
      case 'text':
      case 'html':
        push({ t: 'text', v: node.value });
        break;
      case 'inlineCode':
        push({ t: 'code', v: node.value });
        break;
      case 'break':
        push({ t: 'br' });
        break;
      case 'strong':
      case 'emphasis':
        push({ t: node.type === 'strong' ? 'strong' : 'em', c: inlines(node.children, depth + 1) });
        break;
      case 'link': {
        const href = safeHref(node.url);
        const c = inlines(node.children, depth + 1);
        if (href) push({ t: 'link', href, c });
        else for (const x of c) push(x);
        break;
      }
      default:
        push({ t: 'text', v: textOf(node) });
    }
  }
  return out;
}

function blocks(nodes: RootContent[], depth: number): SafeBlock[] {
  const out: SafeBlock[] = [];
  for (const node of nodes) {
    if (depth > MAX_DEPTH) {
      const v = textOf(node);
      if (v) out.push({ t: 'p', c: [{ t: 'text', v }] });
      continue;
    }
    switch (node.type) {
      case 'paragraph':
        out.push({ t: 'p', c: inlines(node.children, depth) });
        break;
      case 'heading':
        out.push({ t: 'p', c: [{ t: 'strong', c: inlines(node.children, depth) }] });
        break;
      case 'list':
        out.push({
          t: node.ordered ? 'ol' : 'ul',
          items: node.children.map((item) => blocks(item.children, depth + 1)),
        });
        break;
      case 'blockquote':
        out.push(...blocks(node.children, depth + 1));
        break;
      case 'code':
      case 'html':
        if (node.value) out.push({ t: 'p', c: [{ t: 'text', v: node.value }] });
        break;
      case 'thematicBreak':
      case 'definition':
        break;
      default: {
        const v = textOf(node);
        if (v) out.push({ t: 'p', c: [{ t: 'text', v }] });
      }
    }
  }
  return out;
}

/** Paragraphs of plain text: what a body the parser cannot handle is shown as. */
function plainParagraphs(text: string): SafeBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((v) => ({ t: 'p', c: [{ t: 'text', v }] }));
}

const CONTAINER = /^[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))/;

/**
 * True for text no announcement needs that makes the parser slow or overflow its stack:
 * containers nested more than 12 deep on a line, deep indentation, or hundreds of emphasis
 * and bracket characters (their matching is quadratic).
 */
function tooHardToParse(text: string): boolean {
  for (const line of text.split('\n')) {
    if (/^[ \t]{48}/.test(line)) return true;
    let rest = line;
    for (let depth = 0; CONTAINER.test(rest); depth++) {
      if (depth >= 12) return true;
      rest = rest.replace(CONTAINER, '');
    }
  }
  return (text.match(/[*_[\]]/g)?.length ?? 0) > 400;
}

/**
 * Markdown to the safe tree. Input longer than MAX_MARKDOWN_LENGTH is cut (callers validate
 * first). NOTE: CommonMark parsing of hostile input is slow (thousands of `*` take seconds) and
 * very deep nesting overflows the parser's stack; callers parse once per announcement and keep
 * the result, and a body the parser cannot handle is shown as plain paragraphs.
 */
export function safeMarkdown(markdown: string): SafeBlock[] {
  const text = markdown.slice(0, MAX_MARKDOWN_LENGTH);
  if (tooHardToParse(text)) return plainParagraphs(text);
  try {
    return blocks(fromMarkdown(text).children, 0).filter((b) => b.t !== 'p' || b.c.length > 0);
  } catch {
    return plainParagraphs(text);
  }
}

function inlineText(nodes: SafeInline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
          return n.v;
        case 'br':
          return '\n';
        case 'link': {
          const label = inlineText(n.c);
          const target = n.href.replace(/^mailto:/, '');
          return label && label !== target && label !== n.href ? `${label} (${target})` : target;
        }
        default:
          return inlineText(n.c);
      }
    })
    .join('');
}

/** Plain text for mail and in-app notification bodies. */
export function safeMarkdownText(tree: SafeBlock[], indent = ''): string {
  return tree
    .map((b) =>
      b.t === 'p'
        ? indent + inlineText(b.c)
        : b.items
            .map((item, i) => `${indent}${b.t === 'ol' ? `${i + 1}.` : '-'} ${safeMarkdownText(item, `${indent}  `).trimStart()}`)
            .join('\n'),
    )
    .join('\n\n');
}

type Escape = (value: string) => string;

function inlineHtml(nodes: SafeInline[], esc: Escape): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return esc(n.v);
        case 'code':
          return `<code>${esc(n.v)}</code>`;
        case 'br':
          return '<br>';
        case 'strong':
        case 'em':
          return `<${n.t}>${inlineHtml(n.c, esc)}</${n.t}>`;
        default:
          return `<a href="${esc(n.href)}">${inlineHtml(n.c, esc)}</a>`;
      }
    })
    .join('');
}

/** HTML for the mail's HTML part; every string passes through `esc` (escapeHtml). */
export function safeMarkdownHtml(tree: SafeBlock[], esc: Escape): string {
  return tree
    .map((b) =>
      b.t === 'p'
        ? `<p>${inlineHtml(b.c, esc)}</p>`
        : `<${b.t}>${b.items.map((item) => `<li>${safeMarkdownHtml(item, esc)}</li>`).join('')}</${b.t}>`,
    )
    .join('\n');
}
