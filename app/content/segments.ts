/** A compiled unit: static HTML, with a reflection form wherever a <Reflection> stood. */
export type Segment = { kind: 'html'; html: string } | { kind: 'reflection'; id: string; prompt: string };
