import { describe, expect, it } from 'vitest';
import { practiceItemStats, practiceSnapshot, publicQuestion } from './practice';
import { rng } from './random';

const item = {
  prompt: 'P?',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
    { id: 'd', text: 'D' },
  ],
  answer: 'c',
  rationale: 'Because C.',
};

describe('practice snapshot', () => {
  it('shuffles options, keeps the key on the same option, and shows neither key nor rationale before the answer', () => {
    const s = practiceSnapshot(item, rng('x'));
    expect([...s.options.map((o) => o.id)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(s.options.find((o) => o.id === s.answer)?.text).toBe('C');
    const shown = publicQuestion(s);
    expect(Object.keys(shown).sort()).toEqual(['options', 'prompt']);
    expect(JSON.stringify(shown)).not.toContain('Because');
  });
});

describe('practiceItemStats', () => {
  it('gives % right per item, hardest first', () => {
    expect(
      practiceItemStats([
        { itemId: 'x', area: 'a', answered: 4, right: 3 },
        { itemId: 'y', area: 'a', answered: 3, right: 1 },
        { itemId: 'z', area: 'b', answered: 0, right: 0 },
      ]).map((r) => [r.itemId, r.percent]),
    ).toEqual([
      ['y', 33],
      ['x', 75],
      ['z', null],
    ]);
  });
});
