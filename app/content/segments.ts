import { createContext, useContext } from 'react';

/** A compiled unit: static HTML, with a reflection form wherever a <Reflection> stood. */
export type Segment = { kind: 'html'; html: string } | { kind: 'reflection'; id: string; prompt: string };

/**
 * On a full page load the unit's HTML goes into the document once, not a second time inside
 * the hydration data (docs/decisions/003-mdx-rendering.md). The loader leaves `html` null and
 * hands the segments to the server render through this context; the browser keeps the HTML it
 * already has. Data requests (client-side navigation) still carry the HTML.
 */
export type MaybeSegment = { kind: 'html'; html: string | null } | { kind: 'reflection'; id: string; prompt: string };
export const ServerSegments = createContext<Segment[] | null>(null);
export const useServerSegments = () => useContext(ServerSegments);

/** For a document request: the segments without their HTML. */
export function withoutHtml(segments: Segment[]): MaybeSegment[] {
  return segments.map((s) => (s.kind === 'html' ? { kind: 'html', html: null } : s));
}

/**
 * The id of a unit's `## ` heading, made from its text, so a quiz question's `section` can
 * link to the part of the unit that teaches it. Markdown marks and punctuation drop out.
 */
export function sectionAnchor(heading: string): string {
  const words = heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `section-${words || 'untitled'}`;
}
