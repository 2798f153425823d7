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
  label: string;
  met: boolean;
  detail: string;
  /** The numbers and name in the label and detail, for pages to put in their own words (by id and met). */
  values: Record<string, string | number>;
}

export function completionChecklist(rule: CompletionRule, f: CompletionFacts): { items: ChecklistItem[]; met: boolean } {
  const items: ChecklistItem[] = [];
  items.push({
    id: 'units',
    label: 'Complete every unit',
    met: f.unitsTotal > 0 && f.unitsComplete >= f.unitsTotal,
    detail: `Units complete: ${f.unitsComplete} of ${f.unitsTotal}.`,
    values: { complete: f.unitsComplete, total: f.unitsTotal },
  });
  items.push({
    id: 'hours',
    label: `${formatHours(rule.requiredMinutes)} of training in all`,
    met: f.totalMinutes >= rule.requiredMinutes,
    detail:
      f.totalMinutes >= rule.requiredMinutes
        ? `${formatHours(f.totalMinutes)} counted.`
        : `${formatHours(f.totalMinutes)} counted; ${formatHours(rule.requiredMinutes - f.totalMinutes)} to go.`,
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
      label: `At least ${formatHours(min)} of live sessions`,
      met: f.liveMinutes >= min,
      detail:
        f.liveMinutes >= min
          ? `${formatHours(f.liveMinutes)} of live sessions counted.`
          : `${formatHours(f.liveMinutes)} of live sessions counted; ${formatHours(min - f.liveMinutes)} to go.`,
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
      label: 'Pass the practice exam',
      met: f.examPassed,
      detail: f.examPassed ? 'Passed.' : 'Not passed yet. A result counts once your trainer releases it.',
      values: {},
    });
  }
  const name = f.legalName?.trim() ?? '';
  items.push({
    id: 'legal-name',
    label: 'Confirm your legal name for the certificate',
    met: name !== '' && f.legalNameConfirmed,
    detail:
      name === ''
        ? 'No legal name yet. Add it on your account page.'
        : f.legalNameConfirmed
          ? `Confirmed: ${name}.`
          : `Not confirmed yet: ${name}.`,
    values: { name, state: name === '' ? 'none' : f.legalNameConfirmed ? 'confirmed' : 'unconfirmed' },
  });
  return { items, met: items.every((i) => i.met) };
}
