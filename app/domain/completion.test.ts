import { describe, expect, it } from 'vitest';
import { type CompletionFacts, completionChecklist, completionRule } from './completion';
import { formatHours } from './hours';

const rule = completionRule({ requiredHours: 80, minimumLiveHours: 40, requirePassedExam: true });
if (!rule) throw new Error('no rule');
const done: CompletionFacts = {
  unitsComplete: 14,
  unitsTotal: 14,
  liveMinutes: 40 * 60,
  totalMinutes: 80 * 60,
  examPassed: true,
  legalName: 'Taylor Ann Trainee',
  legalNameConfirmed: true,
};
const ids = (f: CompletionFacts, r = rule) =>
  completionChecklist(r, f)
    .items.filter((i) => !i.met)
    .map((i) => i.id);

describe('completionRule', () => {
  it('turns hours into minutes', () =>
    expect(rule).toEqual({ requiredMinutes: 4800, minimumLiveMinutes: 2400, requirePassedExam: true }));
  it('is null without a config', () => expect(completionRule(undefined)).toBeNull());
  it('has no live minimum unless configured', () =>
    expect(completionRule({ requiredHours: 1.5, requirePassedExam: false })).toEqual({
      requiredMinutes: 90,
      minimumLiveMinutes: null,
      requirePassedExam: false,
    }));
});

describe('completionChecklist', () => {
  it('is met when everything is', () => {
    const c = completionChecklist(rule, done);
    expect(c.met).toBe(true);
    expect(c.items.map((i) => i.id)).toEqual(['units', 'hours', 'live-hours', 'exam', 'legal-name']);
  });
  it('needs every unit', () => expect(ids({ ...done, unitsComplete: 13 })).toEqual(['units']));
  it('needs a course with units', () => expect(ids({ ...done, unitsComplete: 0, unitsTotal: 0 })).toEqual(['units']));
  it('needs the required total, to the minute', () => {
    expect(ids({ ...done, totalMinutes: 4799 })).toEqual(['hours']);
    expect(completionChecklist(rule, { ...done, totalMinutes: 4799 }).items[1].values.togo).toBe(formatHours(1));
  });
  it('needs the minimum of live time', () => expect(ids({ ...done, liveMinutes: 2399 })).toEqual(['live-hours']));
  it('needs a passed exam when the course asks for one', () => {
    expect(ids({ ...done, examPassed: false })).toEqual(['exam']);
    const lax = { ...rule, requirePassedExam: false };
    expect(ids({ ...done, examPassed: false }, lax)).toEqual([]);
    expect(completionChecklist(lax, done).items.some((i) => i.id === 'exam')).toBe(false);
  });
  it('omits the live line when there is no minimum', () =>
    expect(completionChecklist({ ...rule, minimumLiveMinutes: null }, { ...done, liveMinutes: 0 }).met).toBe(true));
  it('needs a legal name, confirmed', () => {
    expect(ids({ ...done, legalNameConfirmed: false })).toEqual(['legal-name']);
    expect(ids({ ...done, legalName: null, legalNameConfirmed: true })).toEqual(['legal-name']);
    expect(ids({ ...done, legalName: '   ', legalNameConfirmed: true })).toEqual(['legal-name']);
    const item = completionChecklist(rule, { ...done, legalName: null, legalNameConfirmed: false }).items.at(-1);
    expect(item?.values).toEqual({ name: '', state: 'none' });
  });
  it('lists every unmet item at once', () =>
    expect(
      ids({
        unitsComplete: 0,
        unitsTotal: 14,
        liveMinutes: 0,
        totalMinutes: 0,
        examPassed: false,
        legalName: null,
        legalNameConfirmed: false,
      }),
    ).toEqual(['units', 'hours', 'live-hours', 'exam', 'legal-name']));
});
