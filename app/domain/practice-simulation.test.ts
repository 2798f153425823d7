import { describe, expect, it } from 'vitest';
import { drawPracticeSet } from './practice-draw';
import { rng, shuffle } from './random';
import { type Answer, meanEstimates } from './readiness';
import { addDays, isDue, nextReview, pacificDay, type ReviewState } from './review-schedule';

// docs/practice-simulation.md: synthetic learners with a known chance of a right answer per area
// (their "true readiness"), who learn from each question's feedback and forget between days. Each
// day they do one set of 10. Adaptive: drawPracticeSet with the trainee's own estimates and the
// review schedule. Uniform: 10 items at random from the same practice pool. We count the
// questions until the learner's weakest area reaches the target. Deterministic seeds.

const BLUEPRINT: Record<string, number> = { a: 15, b: 15, c: 20, d: 20, e: 12, f: 12, g: 13, h: 13 };
const AREAS = Object.keys(BLUEPRINT);
const POOL = AREAS.flatMap((area) => Array.from({ length: 40 }, (_, i) => ({ id: `${area}-${i}`, area, use: undefined })));
const TARGET = 0.75;
const LEARN = 0.04; // share of the gap to 1 closed by one answered question with feedback
const FORGET_DAYS = 20; // what was learned fades back toward the starting ability with this time constant
const MAX_DAYS = 120;
const SET = 10;
const DAY = 86_400_000;
const T0 = Date.parse('2026-02-02T18:00:00Z');

function learner(seed: string) {
  const random = rng(seed);
  const base: Record<string, number> = {};
  for (const a of AREAS) base[a] = 0.6 + random() * 0.25;
  // One clearly weak area.
  const weakest = AREAS[Math.floor(random() * AREAS.length)];
  base[weakest] = 0.3 + random() * 0.15;
  return { random, base, weakest, ability: { ...base } };
}

type Strategy = 'adaptive' | 'uniform';

/** Questions asked until the weakest area reaches the target (MAX_DAYS x SET when it never does). */
function questionsToTarget(seed: string, strategy: Strategy): number {
  const l = learner(seed);
  const draw = rng(`${seed}-${strategy}`);
  const answers: Answer[] = [];
  const schedule = new Map<string, ReviewState>();
  const lastSeen = new Map<string, number>();
  let asked = 0;
  for (let day = 0; day < MAX_DAYS; day++) {
    const now = T0 + day * DAY;
    const today = pacificDay(now);
    if (day > 0) for (const a of AREAS) l.ability[a] = l.base[a] + (l.ability[a] - l.base[a]) * Math.exp(-1 / FORGET_DAYS);
    let items: { itemId: string; area: string }[];
    if (strategy === 'adaptive') {
      const due = [...schedule].filter(([, s]) => isDue(s, today)).map(([id]) => id);
      const waiting = new Set([...schedule].filter(([, s]) => !s.retired && !isDue(s, today)).map(([id]) => id));
      items = drawPracticeSet({
        items: POOL,
        blueprint: BLUEPRINT,
        estimate: meanEstimates(AREAS, answers, now),
        due,
        waiting,
        lastSeen,
        size: SET,
        seed: `${seed}-${day}-${draw()}`,
      });
    } else {
      items = shuffle(POOL, draw)
        .slice(0, SET)
        .map((i) => ({ itemId: i.id, area: i.area }));
    }
    for (const item of items) {
      const right = l.random() < l.ability[item.area];
      l.ability[item.area] += LEARN * (1 - l.ability[item.area]);
      answers.push({ area: item.area, correct: right, at: now });
      lastSeen.set(item.itemId, now);
      const next = nextReview(schedule.get(item.itemId), right, today);
      if (next) schedule.set(item.itemId, next);
      asked++;
      if (l.ability[l.weakest] >= TARGET) return asked;
    }
  }
  return asked;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

describe('adaptive practice against uniform random draws (docs/practice-simulation.md)', () => {
  it('brings the weakest area to the target in fewer questions', () => {
    const seeds = Array.from({ length: 120 }, (_, i) => `learner-${i}`);
    const adaptive = seeds.map((s) => questionsToTarget(s, 'adaptive'));
    const uniform = seeds.map((s) => questionsToTarget(s, 'uniform'));
    const saved = 1 - mean(adaptive) / mean(uniform);
    const fewer = seeds.filter((_, i) => adaptive[i] < uniform[i]).length;
    const never = (xs: number[]) => xs.filter((x) => x >= MAX_DAYS * SET).length;
    console.info(
      `practice simulation, ${seeds.length} learners, target ${TARGET} on the weakest area: adaptive mean ${mean(adaptive).toFixed(1)} (median ${median(adaptive)}) questions, uniform mean ${mean(uniform).toFixed(1)} (median ${median(uniform)}); ${(saved * 100).toFixed(0)}% fewer; adaptive faster for ${fewer} of ${seeds.length} learners; not reached in ${MAX_DAYS} days: adaptive ${never(adaptive)}, uniform ${never(uniform)}`,
    );
    expect(mean(adaptive)).toBeLessThan(mean(uniform) * 0.75);
    expect(fewer).toBeGreaterThan(seeds.length * 0.9);
  });
  it('is deterministic', () => {
    expect(questionsToTarget('same', 'adaptive')).toBe(questionsToTarget('same', 'adaptive'));
    expect(addDays('2026-02-02', 0)).toBe('2026-02-02');
  });
});
