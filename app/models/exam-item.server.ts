import { z } from 'zod';
import type { ItemSnapshot } from '../domain/exam';

// exam_attempt_items holds two JSON columns; these are their only decoders. A row that does not
// decode was not written by this code: it throws, and the error names the column.
const choiceSnapshot = z.looseObject({
  kind: z.literal('choice'),
  prompt: z.string(),
  options: z.array(z.looseObject({ id: z.string(), text: z.string() })),
  answer: z.string(),
  rationale: z.string(),
  competencies: z.array(z.string()),
});
const writtenSnapshot = z.looseObject({
  kind: z.literal('written'),
  prompt: z.string(),
  rubric: z.array(
    z.looseObject({
      id: z.string(),
      criterion: z.string(),
      levels: z.array(z.looseObject({ points: z.number(), description: z.string(), anchor: z.string().optional() })),
    }),
  ),
  competencies: z.array(z.string()),
});
let snapshotSchema: z.ZodType<ItemSnapshot> | undefined;

/** exam_attempt_items.snapshot: the item as drawn (shuffled options, key, rationale or rubric). */
export function decodeItemSnapshot(text: string): ItemSnapshot {
  snapshotSchema ??= z.discriminatedUnion('kind', [choiceSnapshot, writtenSnapshot]) as unknown as z.ZodType<ItemSnapshot>;
  const parsed = snapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`exam_attempt_items.snapshot does not decode: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** exam_attempt_items.response: the saved answer (an option id, or written text), or null. */
export function decodeItemResponse(text: string | null): string | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'string') throw new Error('exam_attempt_items.response does not decode: not a string');
  return value;
}
