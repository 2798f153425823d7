import { type Card, createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { rng } from './random';
import { nextReview, type ReviewState } from './review-schedule';

// Ladder (1, 3, 7, 21 days; retire after two right at 21) against FSRS (ts-fsrs defaults, right
// -> Good, wrong -> Again, whole days) on simulated learners, for ADR 027. Each missed item has a
// memory stability S (days): recall after t days is exp(-t / S). A successful retrieval multiplies
// S by more the harder it was (the spacing effect); after a failed one the rationale is read again,
// so S halves but never below 1.2 times the learner's first stability. The learner's
// starting stability varies (fast and slow forgetters). Both schedulers see the same learners
// and the same coin flips per review day, over the 8 weeks before a practice exam.

const HORIZON = 56;
const START = '2026-01-05';
const dayIndex = (day: string) => Math.round((Date.parse(day) - Date.parse(START)) / 86_400_000);

interface Outcome {
  reviews: number;
  recallAtEnd: number;
  retired: boolean;
}

function learnerItem(seed: string) {
  const random = rng(seed);
  const s0 = 0.7 + random() * 2.5;
  let s = s0;
  let last = 0;
  return {
    /** Answers a review on day t; updates memory. */
    review(t: number): boolean {
      const p = Math.exp(-(t - last) / s);
      const right = random() < p;
      // A miss is followed by the rationale: relearned, a little stronger than the first time.
      s = right ? s * (1.5 + 3 * (1 - p)) : Math.max(s / 2, s0 * 1.2);
      last = t;
      return right;
    },
    recall(t: number) {
      return Math.exp(-(t - last) / s);
    },
  };
}

function runLadder(seed: string): Outcome {
  const m = learnerItem(seed);
  let state = nextReview(undefined, false, START) as ReviewState;
  let reviews = 0;
  while (!state.retired && dayIndex(state.dueDay) < HORIZON) {
    const t = dayIndex(state.dueDay);
    reviews++;
    state = nextReview(state, m.review(t), state.dueDay) as ReviewState;
  }
  return { reviews, recallAtEnd: m.recall(HORIZON), retired: state.retired };
}

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));
function runFsrs(seed: string): Outcome {
  const m = learnerItem(seed);
  const start = new Date(`${START}T20:00:00Z`);
  let card: Card = scheduler.next(createEmptyCard(start), start, Rating.Again).card;
  let reviews = 0;
  for (;;) {
    const t = Math.max(1, Math.round((card.due.getTime() - start.getTime()) / 86_400_000));
    if (t >= HORIZON) break;
    reviews++;
    const right = m.review(t);
    const when = new Date(start.getTime() + t * 86_400_000);
    card = scheduler.next(card, when, right ? Rating.Good : Rating.Again).card;
  }
  return { reviews, recallAtEnd: m.recall(HORIZON), retired: false };
}

function summary(outcomes: Outcome[]) {
  const n = outcomes.length;
  return {
    reviewsPerItem: outcomes.reduce((s, o) => s + o.reviews, 0) / n,
    recallAtEnd: outcomes.reduce((s, o) => s + o.recallAtEnd, 0) / n,
    retired: outcomes.filter((o) => o.retired).length / n,
  };
}

describe('ladder vs FSRS on simulated learners (ADR 027)', () => {
  it('the ladder keeps recall at the exam comparable to FSRS for a comparable number of reviews', () => {
    const seeds = Array.from({ length: 2000 }, (_, i) => `item-${i}`);
    const ladder = summary(seeds.map(runLadder));
    const fsrsResult = summary(seeds.map(runFsrs));
    console.info(
      `spacing over ${HORIZON} days, ${seeds.length} missed items: ladder ${ladder.reviewsPerItem.toFixed(2)} reviews/item, recall at the end ${(ladder.recallAtEnd * 100).toFixed(1)}%, retired ${(ladder.retired * 100).toFixed(1)}%; FSRS ${fsrsResult.reviewsPerItem.toFixed(2)} reviews/item, recall ${(fsrsResult.recallAtEnd * 100).toFixed(1)}%`,
    );
    expect(ladder.recallAtEnd).toBeGreaterThan(fsrsResult.recallAtEnd - 0.05);
    expect(ladder.reviewsPerItem).toBeLessThan(fsrsResult.reviewsPerItem * 1.5);
  });
});
