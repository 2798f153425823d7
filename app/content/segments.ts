/** A compiled unit: static HTML, with a reflection form wherever a <Reflection> stood. */
export type Segment = { kind: 'html'; html: string } | { kind: 'reflection'; id: string; prompt: string };

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
