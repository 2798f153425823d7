// What completes a course (docs/decisions/022-training-hours-ledger.md), as a checklist the
// trainee sees and the rule the server enforces before a trainer may confirm completion. Pure.

import { formatHours } from './hours';

export interface CompletionRule {
  requiredMinutes: number;
  /** null = no minimum of live time. */
  minimumLiveMinutes: number | null;
  requirePassedExam: boolean;
}

/** The course's `completion` config in minutes; null when the course defines none. */
export function completionRule(
  config: { requiredHours: number; minimumLiveHours?: number; requirePassedExam: boolean } | undefined,
): CompletionRule | null {
  if (!config) return null;
  return {
    requiredMinutes: Math.round(config.requiredHours * 60),
    minimumLiveMinutes: config.minimumLiveHours === undefined ? null : Math.round(config.minimumLiveHours * 60),
    requirePassedExam: config.requirePassedExam,
  };
}

export interface CompletionFacts {
  unitsComplete: number;
  unitsTotal: number;
  liveMinutes: number;
  totalMinutes: number;
  examPassed: boolean;
  legalName: string | null;
  legalNameConfirmed: boolean;
}

export type ChecklistId = 'units' | 'hours' | 'live-hours' | 'exam' | 'legal-name';
export interface ChecklistItem {
  id: ChecklistId;
  met: boolean;
  /** The numbers and name an item is said with: pages put them in their own words (by id and met). */
  values: Record<string, string | number>;
}

export function completionChecklist(rule: CompletionRule, f: CompletionFacts): { items: ChecklistItem[]; met: boolean } {
  const items: ChecklistItem[] = [];
  items.push({
    id: 'units',
    met: f.unitsTotal > 0 && f.unitsComplete >= f.unitsTotal,
    values: { complete: f.unitsComplete, total: f.unitsTotal },
  });
  items.push({
    id: 'hours',
    met: f.totalMinutes >= rule.requiredMinutes,
    values: {
      required: formatHours(rule.requiredMinutes),
      counted: formatHours(f.totalMinutes),
      togo: formatHours(Math.max(0, rule.requiredMinutes - f.totalMinutes)),
    },
  });
  if (rule.minimumLiveMinutes !== null) {
    const min = rule.minimumLiveMinutes;
    items.push({
      id: 'live-hours',
      met: f.liveMinutes >= min,
      values: {
        required: formatHours(min),
        counted: formatHours(f.liveMinutes),
        togo: formatHours(Math.max(0, min - f.liveMinutes)),
      },
    });
  }
  if (rule.requirePassedExam) {
    items.push({
      id: 'exam',
      met: f.examPassed,
      values: {},
    });
  }
  const name = f.legalName?.trim() ?? '';
  items.push({
    id: 'legal-name',
    met: name !== '' && f.legalNameConfirmed,
    values: { name, state: name === '' ? 'none' : f.legalNameConfirmed ? 'confirmed' : 'unconfirmed' },
  });
  return { items, met: items.every((i) => i.met) };
}
