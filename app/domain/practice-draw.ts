import type { ExamItem } from '../content/schema';
import { inPracticePool } from './exam';
import { rng, shuffle } from './random';

// Drawing a short practice set: missed items due for review first, then new items by quota,
// each area weighted by its blueprint weight times the trainee's estimated weakness there, with
// at least one item from most areas so a set mixes topics (interleaving).

export const SET_SIZES = [10, 5] as const;
export type SetSize = (typeof SET_SIZES)[number];
/** Share of the areas (rounded up) that get at least one new item when the set has room. */
export const INTERLEAVE_SHARE = 0.75;
/** Weakness never counts below this, so a strong area is still practised now and then. */
export const MIN_WEAKNESS = 0.05;

export interface DrawInput {
  /** The bank; exam-only items are left out here, whatever the caller passes. */
  items: Pick<ExamItem, 'id' | 'area' | 'use'>[];
  /** Items per area on the exam blueprint (the full form). */
  blueprint: Record<string, number>;
  /** The trainee's estimated chance of a right answer per area (0..1); missing = 0.5. */
  estimate: Record<string, number>;
  /** Ids of missed items due for review, most overdue first. */
  due: string[];
  /** Ids of items waiting in the review schedule (not due): never drawn as new. */
  waiting: Set<string>;
  /** When each item was last answered in practice (ms); unseen items come first. */
  lastSeen: Map<string, number>;
  size: number;
  seed: string;
}

export interface DrawnPracticeItem {
  itemId: string;
  area: string;
  reason: 'review' | 'new';
}

/**
 * New items per area, given how many new slots the set has. First one slot each to most areas
 * (INTERLEAVE_SHARE of them), chosen by weighted sampling without replacement (so a light area
 * still turns up now and then instead of never); then each further slot to the area furthest
 * below its proportional share (largest remainder).
 */
export function areaQuota(
  weights: Record<string, number>,
  capacity: Record<string, number>,
  slots: number,
  random: () => number,
  share = INTERLEAVE_SHARE,
): Record<string, number> {
  const areas = Object.keys(weights).filter((a) => (capacity[a] ?? 0) > 0 && weights[a] > 0);
  const quota: Record<string, number> = Object.fromEntries(areas.map((a) => [a, 0]));
  if (!areas.length || slots <= 0) return quota;
  // Efraimidis-Spirakis: key u^(1/w), the k largest keys are a weighted sample without replacement.
  const keyed = areas.map((a) => ({ a, key: random() ** (1 / weights[a]) })).sort((x, y) => y.key - x.key);
  const minimum = Math.min(slots, Math.ceil(areas.length * share));
  for (const { a } of keyed.slice(0, minimum)) quota[a] = 1;
  const total = areas.reduce((s, a) => s + weights[a], 0);
  let left = slots - minimum;
  while (left > 0) {
    let best: string | null = null;
    let gap = Number.NEGATIVE_INFINITY;
    for (const a of areas) {
      if (quota[a] >= capacity[a]) continue;
      const g = (slots * weights[a]) / total - quota[a];
      if (g > gap) {
        gap = g;
        best = a;
      }
    }
    if (best === null) break;
    quota[best] += 1;
    left -= 1;
  }
  return quota;
}

/**
 * Draws a practice set. Never an exam-only item; never the same item twice; the same input and
 * seed always give the same set. A set may be shorter than `size` only when the pool runs out.
 */
export function drawPracticeSet(input: DrawInput): DrawnPracticeItem[] {
  const random = rng(input.seed);
  const pool = input.items.filter(inPracticePool);
  const byId = new Map(pool.map((i) => [i.id, i]));
  const review = input.due
    .filter((id) => byId.has(id))
    .slice(0, input.size)
    .map((id) => ({ itemId: id, area: byId.get(id)?.area ?? '', reason: 'review' as const }));
  const taken = new Set(review.map((r) => r.itemId));
  const fresh = pool.filter((i) => !taken.has(i.id) && !input.waiting.has(i.id));
  const capacity: Record<string, number> = {};
  for (const i of fresh) capacity[i.area] = (capacity[i.area] ?? 0) + 1;
  const weights: Record<string, number> = {};
  for (const [area, n] of Object.entries(input.blueprint))
    weights[area] = n * Math.max(MIN_WEAKNESS, 1 - (input.estimate[area] ?? 0.5));
  const quota = areaQuota(weights, capacity, input.size - review.length, random);
  const picked: DrawnPracticeItem[] = [];
  for (const [area, n] of Object.entries(quota)) {
    if (!n) continue;
    // Unseen items first (in random order), then the longest unseen.
    const candidates = shuffle(
      fresh.filter((i) => i.area === area),
      random,
    ).sort((a, b) => (input.lastSeen.get(a.id) ?? -1) - (input.lastSeen.get(b.id) ?? -1));
    for (const i of candidates.slice(0, n)) picked.push({ itemId: i.id, area, reason: 'new' });
  }
  return [...review, ...shuffle(picked, random)];
}
