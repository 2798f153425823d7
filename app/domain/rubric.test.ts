import { describe, expect, it } from 'vitest';
import { rng } from './random';
import { type Rubric, scoreRubric } from './rubric';

const rubric: Rubric = [
  {
    id: 'privacy',
    criterion: 'Protects confidentiality',
    levels: [
      { points: 0, description: 'none' },
      { points: 2, description: 'some' },
      { points: 4, description: 'all' },
    ],
  },
  {
    id: 'caring',
    criterion: 'Responds with care',
    levels: [
      { points: 0, description: 'none' },
      { points: 1.5, description: 'all' },
    ],
  },
];
const sub = (levels: [string, string][], comments: [string, string][] = []) => ({ levels, comments });

describe('scoreRubric', () => {
  it('sums the chosen levels of a complete grade', () => {
    expect(
      scoreRubric(
        rubric,
        sub([
          ['privacy', '4'],
          ['caring', '1.5'],
        ]),
        true,
      ),
    ).toEqual({
      ok: true,
      levels: { privacy: 4, caring: 1.5 },
      comments: {},
      points: 5.5,
      max: 5.5,
      complete: true,
    });
  });
  it('saves a partial draft, but finalising needs every criterion', () => {
    expect(scoreRubric(rubric, sub([['privacy', '2']]), false)).toMatchObject({ ok: true, points: 2, complete: false });
    expect(scoreRubric(rubric, sub([['privacy', '2']]), true)).toEqual({
      ok: false,
      errors: { caring: 'trainer.grade.error.levelBeforeFinal' },
    });
  });
  it('treats an empty value as no choice', () => {
    expect(scoreRubric(rubric, sub([['privacy', ' ']]), false)).toMatchObject({ ok: true, points: 0, levels: {} });
  });
  it('refuses a criterion that is not in the rubric (the forged "level:anything=1000")', () => {
    const r = scoreRubric(
      rubric,
      sub([
        ['privacy', '4'],
        ['caring', '1.5'],
        ['anything', '1000'],
      ]),
      true,
    );
    expect(r).toEqual({ ok: false, errors: { form: 'trainer.grade.error.unknownCriterion' } });
  });
  it.each(['1000', '3', '-2', '4.0001', 'NaN', 'Infinity', '1e3', '0x4', '4abc', ''])(
    'refuses %j as a level of a criterion that has no such level',
    (value) => {
      const r = scoreRubric(
        rubric,
        sub([
          ['privacy', value],
          ['caring', '0'],
        ]),
        true,
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.privacy).toMatch(/^trainer\.grade\.error\.(levelShown|levelBeforeFinal)$/);
    },
  );
  it('accepts a level written as "4.0" or with spaces, as the number it is', () => {
    expect(scoreRubric(rubric, sub([['privacy', ' 4.0 ']]), false)).toMatchObject({ ok: true, levels: { privacy: 4 } });
  });
  it('refuses the same criterion twice, so it cannot be counted twice', () => {
    const r = scoreRubric(
      rubric,
      sub([
        ['privacy', '4'],
        ['privacy', '4'],
        ['caring', '1.5'],
      ]),
      true,
    );
    expect(r).toEqual({ ok: false, errors: { privacy: 'trainer.grade.error.oneLevel' } });
  });
  it('does not let a name like __proto__ or toString through', () => {
    for (const id of ['__proto__', 'constructor', 'toString'])
      expect(scoreRubric(rubric, sub([[id, '1']]), false)).toMatchObject({ ok: false, errors: { form: expect.any(String) } });
  });
  it('keeps trimmed comments for rubric criteria and refuses others', () => {
    expect(
      scoreRubric(
        rubric,
        sub(
          [],
          [
            ['privacy', '  Clear.  '],
            ['caring', '   '],
          ],
        ),
        false,
      ),
    ).toMatchObject({
      ok: true,
      comments: { privacy: 'Clear.' },
    });
    expect(scoreRubric(rubric, sub([], [['elsewhere', 'x']]), false).ok).toBe(false);
    expect(scoreRubric(rubric, sub([], [['privacy', 'x'.repeat(5001)]]), false)).toMatchObject({
      ok: false,
      errors: { privacy: 'trainer.grade.error.commentLong' },
    });
  });
  it('refuses a rubric whose duplicated criterion ids would add up past its maximum', () => {
    const odd: Rubric = [
      {
        id: 'a',
        criterion: 'A',
        levels: [
          { points: 0, description: 'n' },
          { points: 1, description: 'y' },
        ],
      },
      {
        id: 'a',
        criterion: 'A again',
        levels: [
          { points: 0, description: 'n' },
          { points: 9, description: 'y' },
        ],
      },
    ];
    const r = scoreRubric(odd, sub([['a', '9']]), false);
    if (r.ok) expect(r.points).toBeLessThanOrEqual(r.max);
  });

  // Property: whatever a request sends, an accepted grade uses only the rubric's criteria and
  // levels, and its points lie between 0 and the rubric's maximum.
  it('accepts only in-range grades for 5,000 random and hostile submissions', () => {
    const random = rng('rubric-property');
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const ids = ['privacy', 'caring', 'anything', '', '__proto__', 'PRIVACY'];
    const values = ['0', '2', '4', '1.5', '1000', '-4', '', 'abc', '4e2', '2.0', ' 4', 'Infinity', '0.5', '99999999'];
    let accepted = 0;
    for (let n = 0; n < 5000; n++) {
      const levels = Array.from({ length: Math.floor(random() * 5) }, () => [pick(ids), pick(values)] as [string, string]);
      const r = scoreRubric(rubric, sub(levels), random() < 0.5);
      if (!r.ok) continue;
      accepted++;
      expect(r.points).toBeGreaterThanOrEqual(0);
      expect(r.points).toBeLessThanOrEqual(r.max);
      for (const [id, v] of Object.entries(r.levels)) {
        const c = rubric.find((x) => x.id === id);
        expect(c?.levels.some((l) => l.points === v)).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
