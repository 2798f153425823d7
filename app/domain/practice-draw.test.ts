import { describe, expect, it } from 'vitest';
import type { ItemUse } from '../content/schema';
import { areaQuota, type DrawInput, drawPracticeSet } from './practice-draw';
import { rng } from './random';

const AREAS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const BLUEPRINT = { a: 15, b: 15, c: 20, d: 20, e: 12, f: 12, g: 13, h: 13 };
const bank = AREAS.flatMap((area) =>
  Array.from({ length: 20 }, (_, i) => ({
    id: `${area}-${i}`,
    area,
    use: (i % 5 === 0 ? 'exam' : i % 5 === 1 ? 'practice' : undefined) as ItemUse | undefined,
  })),
);
const input = (over: Partial<DrawInput> = {}): DrawInput => ({
  items: bank,
  blueprint: BLUEPRINT,
  estimate: {},
  due: [],
  waiting: new Set(),
  lastSeen: new Map(),
  size: 10,
  seed: 's',
  ...over,
});
const count = (set: { area: string }[]) => {
  const out: Record<string, number> = {};
  for (const i of set) out[i.area] = (out[i.area] ?? 0) + 1;
  return out;
};

describe('areaQuota', () => {
  const cap = Object.fromEntries(AREAS.map((a) => [a, 50]));
  const random = rng('quota');
  it('gives one slot to most areas, then the rest in proportion to the weights', () => {
    for (let i = 0; i < 20; i++) {
      const q = areaQuota({ a: 10, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1 }, cap, 10, random);
      // ceil(8 x 0.75) = 6 areas get a first slot; a is far heaviest and takes the other 4.
      expect(Object.values(q).filter((n) => n > 0)).toHaveLength(6);
      expect(q.a).toBe(5);
      expect(Object.values(q).reduce((s, n) => s + n, 0)).toBe(10);
    }
  });
  it('with 5 slots gives 5 different areas one each, heavier areas more often', () => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const q = areaQuota({ a: 1, b: 1, c: 1, d: 1, e: 8, f: 8, g: 8, h: 8 }, cap, 5, random);
      expect(Object.values(q).filter((n) => n === 1)).toHaveLength(5);
      for (const [a, n] of Object.entries(q)) seen[a] = (seen[a] ?? 0) + n;
    }
    expect(seen.e).toBeGreaterThan(2 * seen.a);
    // A light area is not shut out for good.
    expect(seen.a).toBeGreaterThan(0);
  });
  it('respects what an area can still give', () => {
    expect(areaQuota({ a: 10, b: 1 }, { a: 2, b: 50 }, 10, random)).toEqual({ a: 2, b: 8 });
  });
});

describe('drawPracticeSet', () => {
  it('never draws an exam-only item, nor one twice', () => {
    for (const seed of ['1', '2', '3', '4', '5', '6']) {
      const set = drawPracticeSet(input({ seed, due: ['a-0', 'a-2'] }));
      expect(set).toHaveLength(10);
      for (const i of set) expect(Number(i.itemId.split('-')[1]) % 5).not.toBe(0);
      expect(new Set(set.map((i) => i.itemId)).size).toBe(10);
    }
  });
  it('asks missed items due for review first, most overdue first', () => {
    const set = drawPracticeSet(input({ due: ['c-3', 'h-7', 'b-2'] }));
    expect(set.slice(0, 3)).toEqual([
      { itemId: 'c-3', area: 'c', reason: 'review' },
      { itemId: 'h-7', area: 'h', reason: 'review' },
      { itemId: 'b-2', area: 'b', reason: 'review' },
    ]);
    expect(set.slice(3).every((i) => i.reason === 'new')).toBe(true);
    // A set of 5 with 7 due is all review.
    const many = ['a-2', 'b-2', 'c-2', 'd-2', 'e-2', 'f-2', 'g-2'];
    expect(drawPracticeSet(input({ size: 5, due: many })).map((i) => i.itemId)).toEqual(many.slice(0, 5));
  });
  it('weights areas by blueprint weight times weakness, with most areas present', () => {
    const estimate = { a: 0.9, b: 0.9, c: 0.2, d: 0.9, e: 0.9, f: 0.9, g: 0.9, h: 0.9 };
    const totals: Record<string, number> = {};
    for (let s = 0; s < 40; s++) {
      const set = drawPracticeSet(input({ estimate, seed: `w${s}` }));
      expect(Object.keys(count(set)).length).toBeGreaterThanOrEqual(6);
      for (const [a, n] of Object.entries(count(set))) totals[a] = (totals[a] ?? 0) + n;
    }
    // c is weakest and heavy on the blueprint: it gets the most items by far.
    expect(totals.c).toBeGreaterThanOrEqual(4 * 40);
    for (const a of AREAS.filter((x) => x !== 'c')) expect(totals[a] ?? 0).toBeLessThan(totals.c / 2);
  });
  it('with no estimate follows the blueprint weights', () => {
    const q = count(drawPracticeSet(input({ size: 10 })));
    // c and d (20 each) are the heaviest; at least 6 areas present.
    expect(q.c).toBeGreaterThanOrEqual(1);
    expect(q.d).toBeGreaterThanOrEqual(1);
    expect(Object.keys(q).length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...Object.values(q))).toBeLessThanOrEqual(2);
  });
  it('draws no waiting item as new, and prefers unseen items', () => {
    const waiting = new Set(bank.filter((i) => i.area === 'c').map((i) => i.id));
    const set = drawPracticeSet(input({ waiting, estimate: { c: 0 } }));
    expect(set.some((i) => i.area === 'c')).toBe(false);
    const onlyA = bank.filter((i) => i.area === 'a');
    const seen = new Map(onlyA.filter((i) => i.id !== 'a-7').map((i, n) => [i.id, 1000 + n]));
    const one = drawPracticeSet(input({ items: onlyA, blueprint: { a: 1 }, size: 1, lastSeen: seen }));
    expect(one).toEqual([{ itemId: 'a-7', area: 'a', reason: 'new' }]);
  });
  it('is reproducible from its seed', () => {
    expect(drawPracticeSet(input({ seed: 'x' }))).toEqual(drawPracticeSet(input({ seed: 'x' })));
  });
});
