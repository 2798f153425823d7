import type { ExamItem } from '../content/schema';
import { shuffle } from './random';

// A practice question as stored with its set, and what a trainee may see of it before answering.

export interface PracticeSnapshot {
  prompt: string;
  options: { id: string; text: string }[];
  answer: string;
  rationale: string;
}

/** The item as asked in this set: options shuffled by the set's seeded generator. */
export function practiceSnapshot(
  item: Pick<ExamItem, 'prompt' | 'options' | 'answer' | 'rationale'>,
  random: () => number,
): PracticeSnapshot {
  return { prompt: item.prompt, options: shuffle(item.options, random), answer: item.answer, rationale: item.rationale };
}

/** Before the answer: the prompt and options only (never the key or the rationale). */
export function publicQuestion(s: PracticeSnapshot): { prompt: string; options: { id: string; text: string }[] } {
  return { prompt: s.prompt, options: s.options.map((o) => ({ id: o.id, text: o.text })) };
}

export interface PracticeItemStats {
  itemId: string;
  area: string;
  answered: number;
  right: number;
  /** Percent right, rounded; null with no answers. */
  percent: number | null;
}

/** Per item: answered and % right, hardest first (ties by id). */
export function practiceItemStats(
  rows: { itemId: string; area: string; answered: number; right: number }[],
): PracticeItemStats[] {
  return rows
    .map((r) => ({ ...r, percent: r.answered ? Math.round((r.right / r.answered) * 100) : null }))
    .sort((a, b) => (a.percent ?? 101) - (b.percent ?? 101) || a.itemId.localeCompare(b.itemId));
}
