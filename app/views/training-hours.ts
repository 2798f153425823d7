import { formatHours, percentOf } from '../domain/hours';
import type { Locale } from '../i18n/locales';
import type { Adjustment, CompletionState } from '../models/training-record.server';
import { pacificDateTime } from '../web/dates';

const LONG_DATE: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'long' }),
  es: new Intl.DateTimeFormat('es-US', { timeZone: 'America/Los_Angeles', dateStyle: 'long' }),
};

/**
 * The training record as people read it (Pacific dates, hours as "12 h 30 min"): shared by
 * trainee and trainer pages. Reasons, marks and checklist items travel as keys and numbers;
 * app/components/training-hours.tsx puts them in the page's words.
 */
export function hoursView(state: CompletionState, locale: Locale = 'en') {
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
      when: pacificDateTime(s.startsAt, locale),
      length: formatHours(s.durationMinutes),
      makeup: s.makeup,
      status: s.status,
      countedText: formatHours(s.credited),
      reason: s.reason,
      overlapFresh: s.overlapFresh,
    })),
    units: ledger.units.map((u) => ({ slug: u.slug, title: u.title, countedText: formatHours(u.credited), reason: u.reason })),
    adjustments: (ledger.adjustments as Adjustment[]).map((a) => ({
      id: a.id,
      kind: a.kind,
      amountText: `${a.minutes > 0 ? '+' : ''}${formatHours(a.minutes)}`,
      reason: a.reason,
      when: pacificDateTime(a.at, locale),
      by: a.by ?? '',
    })),
    checklist: state.checklist?.items.map(({ id, met, values }) => ({ id, met, values })) ?? null,
    met: state.checklist?.met ?? false,
    completion: state.completion
      ? { on: LONG_DATE[locale].format(state.completion.confirmedAt), by: state.completion.confirmedBy }
      : null,
    legalName: state.legalName,
    legalNameConfirmed: state.legalName !== null && state.legalNameConfirmedAt !== null,
  };
}
export type HoursView = ReturnType<typeof hoursView>;
