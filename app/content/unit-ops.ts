import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

// The studio's unit operations (create, rename, reorder, retire) as pure text edits: given the
// course's files, each returns the files to write (text) and to delete (null). The caller
// checks the result on the whole course before anything is written (studio-changes.server.ts).
// Edits touch only the lines they must, so a diff shows exactly the change.

export type FileEdit = { path: string; text: string | null };

/** A unit as its files are found: the path of its text relative to the content root, and the text. */
export interface UnitFiles {
  slug: string;
  order: number;
  /** `courses/<c>/[edition/]units/NN-slug.mdx` */
  mdx: { path: string; text: string };
  quiz: { path: string; text: string } | null;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (s: string) => SLUG.test(s);

export const unitFileName = (order: number, slug: string) => `${String(order).padStart(2, '0')}-${slug}.mdx`;

/** The lines of the front matter (between the first two `---` lines), as [start, end) line indexes. */
function frontmatterRange(lines: string[]): [number, number] | null {
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
  return end > 0 ? [1, end] : null;
}

/**
 * Sets a top-level front-matter field to a YAML value written as is (`order`, `slug`,
 * `retired`), replacing its line or adding it before the closing `---`; `null` removes it.
 */
export function setFrontmatterField(text: string, field: string, value: string | null): string {
  const lines = text.split('\n');
  const range = frontmatterRange(lines);
  if (!range) return text;
  const re = new RegExp(`^${field}:(?:\\s|$)`);
  const at = lines.findIndex((l, i) => i >= range[0] && i < range[1] && re.test(l));
  if (at >= 0) {
    if (value === null) lines.splice(at, 1);
    else lines[at] = `${field}: ${value}`;
  } else if (value !== null) lines.splice(range[1], 0, `${field}: ${value}`);
  return lines.join('\n');
}

const pathWithName = (path: string, name: string) => path.replace(/[^/]+$/, name);

/** The edits that give a unit a new order and/or slug: its files under their new names. */
function moveUnit(u: UnitFiles, order: number, slug: string): FileEdit[] {
  if (order === u.order && slug === u.slug) return [];
  let mdx = u.mdx.text;
  if (order !== u.order) mdx = setFrontmatterField(mdx, 'order', String(order));
  if (slug !== u.slug) mdx = setFrontmatterField(mdx, 'slug', slug);
  const mdxPath = pathWithName(u.mdx.path, unitFileName(order, slug));
  const edits: FileEdit[] = [{ path: mdxPath, text: mdx }];
  if (mdxPath !== u.mdx.path) edits.push({ path: u.mdx.path, text: null });
  if (u.quiz) {
    const quizPath = mdxPath.replace(/\.mdx$/, '.quiz.yaml');
    edits.push({ path: quizPath, text: u.quiz.text });
    if (quizPath !== u.quiz.path) edits.push({ path: u.quiz.path, text: null });
  }
  return edits;
}

/** Moves a unit one place up or down the reading order: the two units swap their order numbers. */
export function reorderUnit(units: UnitFiles[], slug: string, direction: 'up' | 'down'): FileEdit[] | null {
  const sorted = [...units].sort((a, b) => a.order - b.order);
  const i = sorted.findIndex((u) => u.slug === slug);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= sorted.length) return null;
  const [a, b] = [sorted[i], sorted[j]];
  return [...moveUnit(a, b.order, a.slug), ...moveUnit(b, a.order, b.slug)];
}

/** A new unit's text: front matter that passes the check, and a first section to write in. */
export function newUnitText(input: { title: string; slug: string; order: number; competency: string }): string {
  return `---
title: ${JSON.stringify(input.title)}
slug: ${input.slug}
order: ${input.order}
summary: Write one sentence here about what this unit teaches.
minutes: 15
objectives:
  - Write what a trainee can do after this unit.
competencies: [${input.competency}]
---

## Start here

Write the first part of this unit here. Keep sentences short and words plain.
`;
}

/**
 * A new unit at `order`: units at that order or later move down one place (their files are
 * renamed), so the reading order stays 1, 2, 3 … without gaps or duplicates.
 */
export function createUnit(
  units: UnitFiles[],
  unitsDir: string,
  input: { title: string; slug: string; order: number; competency: string },
): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const u of [...units].sort((a, b) => b.order - a.order))
    if (u.order >= input.order) edits.push(...moveUnit(u, u.order + 1, u.slug));
  edits.push({ path: `${unitsDir}/${unitFileName(input.order, input.slug)}`, text: newUnitText(input) });
  return dedupe(edits);
}

/** Later edits of a path win; a delete never removes a file another edit writes. */
function dedupe(edits: FileEdit[]): FileEdit[] {
  const out = new Map<string, FileEdit>();
  for (const e of edits) {
    const had = out.get(e.path);
    if (e.text === null && had && had.text !== null) continue;
    out.set(e.path, e);
  }
  return [...out.values()];
}

/** Marks a unit retired (hidden from trainees and from the exam unlock rule; records kept) or brings it back. */
export function retireUnit(u: UnitFiles, retired: boolean): FileEdit[] {
  return [{ path: u.mdx.path, text: setFrontmatterField(u.mdx.text, 'retired', retired ? 'true' : null) }];
}

/** Every `units:` entry of exam.yaml's areas that names `from`, renamed to `to` in place. */
export function renameInExam(text: string, from: string, to: string): string {
  const doc = parseDocument(text);
  const ranges: [number, number][] = [];
  const areas = isMap(doc.contents) ? doc.contents.get('areas', true) : null;
  if (isSeq(areas))
    for (const area of areas.items) {
      const units = isMap(area) ? area.get('units', true) : null;
      if (isSeq(units))
        for (const u of units.items) if (isScalar(u) && u.value === from && u.range) ranges.push([u.range[0], u.range[1]]);
    }
  let out = text;
  for (const [a, b] of ranges.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + to + out.slice(b);
  return out;
}

/** The top-level `redirects:` map of course.yaml (old slug -> current slug). */
export function readRedirects(courseYaml: string): Record<string, string> {
  const doc = parseDocument(courseYaml);
  const r = isMap(doc.contents) ? doc.contents.get('redirects') : null;
  const out: Record<string, string> = {};
  if (isMap(r))
    for (const p of r.items) if (isScalar(p.key) && isScalar(p.value)) out[String(p.key.value)] = String(p.value.value);
  return out;
}

/** course.yaml with its `redirects:` block replaced (written last, in slug order); an empty map removes it. */
export function writeRedirects(courseYaml: string, redirects: Record<string, string>): string {
  const lines = courseYaml.replace(/\n+$/, '').split('\n');
  const start = lines.findIndex((l) => /^redirects:(?:\s|$)/.test(l));
  if (start >= 0) {
    let end = start + 1;
    while (end < lines.length && (/^\s/.test(lines[end]) || lines[end] === '')) end++;
    lines.splice(start, end - start);
  }
  const keys = Object.keys(redirects).sort();
  if (keys.length) {
    lines.push('# Old unit addresses that lead to a renamed unit (old slug: new slug); added by the studio.');
    lines.push('redirects:', ...keys.map((k) => `  ${k}: ${redirects[k]}`));
  }
  // A comment the studio wrote for the block it just removed would otherwise pile up.
  return `${lines.filter((l, i) => !(l.startsWith('# Old unit addresses') && lines[i + 1] !== 'redirects:')).join('\n')}\n`;
}

/** The redirects after renaming `from` to `to`: old addresses of `from` follow it, and `to` is a unit again. */
export function renamedRedirects(redirects: Record<string, string>, from: string, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(redirects)) if (k !== to) out[k] = v === from ? to : v;
  out[from] = to;
  return out;
}

/**
 * Renames a unit: its text and quiz files (in every edition folder given), the slug in its
 * front matter, the exam areas that name it, and a redirect from the old slug in course.yaml.
 */
export function renameUnit(input: {
  /** The unit in each edition folder (the first edition first). */
  editions: UnitFiles[];
  exams: { path: string; text: string }[];
  course: { path: string; text: string };
  to: string;
}): FileEdit[] {
  const from = input.editions[0].slug;
  const edits: FileEdit[] = [];
  for (const u of input.editions) edits.push(...moveUnit(u, u.order, input.to));
  for (const e of input.exams) {
    const text = renameInExam(e.text, from, input.to);
    if (text !== e.text) edits.push({ path: e.path, text });
  }
  edits.push({
    path: input.course.path,
    text: writeRedirects(input.course.text, renamedRedirects(readRedirects(input.course.text), from, input.to)),
  });
  return dedupe(edits);
}
