import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

// The compact record of a finalised exam attempt: one short row per attempt, written in the
// finalise transaction, that item analysis reads instead of the attempt items (whose rows each
// carry a full item snapshot). See docs/decisions/021-compact-exam-responses.md.

/** A choice item: its position, item id, whether it was right (1/0) and the chosen option id (null: unanswered). */
export type ChoiceEntry = [position: number, itemId: string, correct: 0 | 1, option: string | null];
/** A written item: its position, item id and attempt item id (its grade comes later, from `grades`). */
export type WrittenEntry = [position: number, itemId: string, attemptItemId: string];
export type ResponseEntry = ChoiceEntry | WrittenEntry;

/** What finalising knows about each item of the attempt. */
export interface FinalisedItem {
  id: string;
  position: number;
  itemId: string;
  kind: 'choice' | 'written';
  /** The chosen option id of a choice item (null: unanswered). */
  option: string | null;
  correct: boolean;
}

/** The one encoder of `exam_attempt_responses.responses`. */
export function encodeAttemptResponses(items: FinalisedItem[]): string {
  const entries = [...items]
    .sort((a, b) => a.position - b.position)
    .map(
      (i): ResponseEntry =>
        i.kind === 'written' ? [i.position, i.itemId, i.id] : [i.position, i.itemId, i.correct ? 1 : 0, i.option],
    );
  return JSON.stringify(entries);
}

/** Writes the attempt's record; call it in the finalise transaction, once per attempt. */
export async function writeAttemptResponses(
  trx: Kysely<Database> | Transaction<Database>,
  attemptId: string,
  items: FinalisedItem[],
): Promise<void> {
  await trx
    .insertInto('exam_attempt_responses')
    .values({ attempt_id: attemptId, responses: encodeAttemptResponses(items) })
    .execute();
}

/** The one decoder of `exam_attempt_responses.responses`. Throws on anything but the format above. */
export function decodeAttemptResponses(text: string): ResponseEntry[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('exam_attempt_responses: not a list');
  for (const e of value) {
    const ok =
      Array.isArray(e) &&
      typeof e[0] === 'number' &&
      typeof e[1] === 'string' &&
      (e.length === 3
        ? typeof e[2] === 'string'
        : e.length === 4 && (e[2] === 0 || e[2] === 1) && (e[3] === null || typeof e[3] === 'string'));
    if (!ok) throw new Error(`exam_attempt_responses: unexpected entry ${JSON.stringify(e)}`);
  }
  return value as ResponseEntry[];
}

/** The records of these attempts (attempts without one are missing from the map). */
export async function readAttemptResponses(db: Kysely<Database>, attemptIds: string[]): Promise<Map<string, ResponseEntry[]>> {
  const rows = attemptIds.length
    ? await db
        .selectFrom('exam_attempt_responses')
        .select(['attempt_id', 'responses'])
        .where('attempt_id', 'in', attemptIds)
        .execute()
    : [];
  return new Map(rows.map((r) => [r.attempt_id, decodeAttemptResponses(r.responses)]));
}
