import { ATTENDANCE_LABEL, formatHours, percentOf } from '../domain/hours';
import type { Adjustment, CompletionState } from '../models/training-record.server';
import { pacificDateTime } from '../web/dates';

const DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'long' });

/** The training record as people read it (Pacific dates, hours in words): shared by trainee and trainer pages. */
export function hoursView(state: CompletionState) {
  const { ledger, rule } = state;
  const required = rule?.requiredMinutes ?? null;
  return {
    requiredText: required === null ? null : formatHours(required),
    totalText: formatHours(ledger.totalMinutes),
    totalMinutes: ledger.totalMinutes,
    requiredMinutes: required,
    percent: required === null ? null : percentOf(ledger.totalMinutes, required),
    liveText: formatHours(ledger.liveMinutes),
    selfPacedText: formatHours(ledger.selfPacedMinutes),
    adjustmentText: ledger.adjustmentMinutes ? formatHours(ledger.adjustmentMinutes) : null,
    minimumLiveText: rule?.minimumLiveMinutes ? formatHours(rule.minimumLiveMinutes) : null,
    sessions: ledger.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: pacificDateTime(s.startsAt),
      length: formatHours(s.durationMinutes),
      makeup: s.makeup,
      mark: s.status ? ATTENDANCE_LABEL[s.status] : 'Not taken yet',
      countedText: formatHours(s.credited),
      why: s.why,
    })),
    units: ledger.units.map((u) => ({ slug: u.slug, title: u.title, countedText: formatHours(u.credited), why: u.why })),
    adjustments: (ledger.adjustments as Adjustment[]).map((a) => ({
      id: a.id,
      kind: a.kind === 'live' ? 'Live' : 'Self-paced',
      amountText: `${a.minutes > 0 ? '+' : ''}${formatHours(a.minutes)}`,
      reason: a.reason,
      when: pacificDateTime(a.at),
      by: a.by ?? '',
    })),
    checklist: state.checklist?.items ?? null,
    met: state.checklist?.met ?? false,
    completion: state.completion ? { on: DATE.format(state.completion.confirmedAt), by: state.completion.confirmedBy } : null,
    legalName: state.legalName,
    legalNameConfirmed: state.legalName !== null && state.legalNameConfirmedAt !== null,
  };
}
export type HoursView = ReturnType<typeof hoursView>;
