import { Form, Link } from '@remix-run/react';
import type { MessageId } from '~/i18n/catalogues';
import { useMaybeT, useT } from '~/i18n/react';
import type { HoursView } from '~/views/training-hours';
import { TableWrap } from './table-wrap';

type Item = NonNullable<HoursView['checklist']>[number];
type SessionRow = HoursView['sessions'][number];
type UnitRow = HoursView['units'][number];

function itemDetailId(item: Item): MessageId {
  if (item.id === 'units' || item.id === 'legal-name') return `trainee.hours.detail.${item.id}`;
  return `trainee.hours.detail.${item.id}.${item.met ? 'met' : 'unmet'}`;
}

/** Why a session or a unit counts what it does, in the page's words (the reasons of app/domain/hours.ts). */
function useWhy() {
  const t = useT();
  return {
    session(s: SessionRow): string {
      const r = s.reason;
      let why: string;
      if (r.key === 'late' || r.key === 'left-early') {
        const label = t(`trainee.hours.mark.${r.key}`);
        why = r.capped
          ? t('trainee.hours.why.partialCapped', { label, entered: r.entered, raw: r.raw })
          : t('trainee.hours.why.partial', { label, raw: r.raw });
      } else if (r.key === 'present') why = t('trainee.hours.why.present', { raw: r.raw });
      else why = t(`trainee.hours.why.${r.key}`);
      return s.overlapFresh === null ? why : why + t('trainee.hours.why.overlap', { fresh: s.overlapFresh });
    },
    unit(u: UnitRow): string {
      const r = u.reason;
      return r.key === 'incomplete'
        ? t('trainee.hours.why.incomplete', { measured: r.measured })
        : t(`trainee.hours.why.${r.key}`, { measured: r.measured, planned: r.planned });
    },
  };
}

function Checklist({ hours }: { hours: HoursView }) {
  const t = useT();
  if (!hours.checklist) return null;
  return (
    <ul className="checklist">
      {hours.checklist.map((item) => (
        <li key={item.id} className={item.met ? 'status-complete' : undefined}>
          <strong>
            {t(item.met ? 'trainee.hours.done' : 'trainee.hours.todo')}
            {t(`trainee.hours.item.${item.id}`, item.values)}.
          </strong>{' '}
          <span className="muted">{t(itemDetailId(item), item.values)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Hours toward the course's total: the progress bar, then what counts and why. */
export function HoursSummary({ hours }: { hours: HoursView }) {
  const t = useT();
  return (
    <>
      {hours.requiredMinutes !== null ? (
        <>
          <label htmlFor="hours-progress">
            {t('trainee.hours.progress', { total: hours.totalText, required: hours.requiredText, percent: hours.percent })}
          </label>
          <progress id="hours-progress" max={hours.requiredMinutes} value={Math.min(hours.totalMinutes, hours.requiredMinutes)}>
            {hours.percent}%
          </progress>
        </>
      ) : (
        <p>{t('trainee.hours.counted', { total: hours.totalText })}</p>
      )}
      <p>
        {t('trainee.hours.split', {
          live: hours.liveText,
          minimum: hours.minimumLiveText ?? 'none',
          selfPaced: hours.selfPacedText,
          adjustment: hours.adjustmentText ?? 'none',
        })}
      </p>
    </>
  );
}

/** What counts and why, line by line. */
export function HoursDetail({ hours }: { hours: HoursView }) {
  const t = useT();
  const why = useWhy();
  return (
    <details>
      <summary>{t('trainee.hours.whatCounts')}</summary>
      <p className="muted">{t('trainee.hours.rules')}</p>
      {hours.sessions.length ? (
        <TableWrap label={t('trainee.hours.sessionsCounted')}>
          <table>
            <caption>{t('trainee.hours.sessions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trainee.hours.col.session')}</th>
                <th scope="col">{t('trainee.hours.col.mark')}</th>
                <th scope="col">{t('trainee.hours.col.counted')}</th>
                <th scope="col">{t('trainee.hours.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {hours.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{t('trainee.hours.sessionRow', { title: s.title, makeup: String(s.makeup), when: s.when })}</th>
                  <td>{t(`trainee.hours.mark.${s.status ?? 'none'}`)}</td>
                  <td>{s.countedText}</td>
                  <td>{why.session(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainee.hours.noSessions')}</p>
      )}
      <TableWrap label={t('trainee.hours.unitsCounted')}>
        <table>
          <caption>{t('trainee.hours.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainee.hours.col.unit')}</th>
              <th scope="col">{t('trainee.hours.col.counted')}</th>
              <th scope="col">{t('trainee.hours.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {hours.units.map((u) => (
              <tr key={u.slug}>
                <th scope="row">{u.title}</th>
                <td>{u.countedText}</td>
                <td>{why.unit(u)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {hours.adjustments.length ? (
        <TableWrap label={t('trainee.hours.adjustments')}>
          <table>
            <caption>{t('trainee.hours.adjustments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trainee.hours.col.when')}</th>
                <th scope="col">{t('trainee.hours.col.kind')}</th>
                <th scope="col">{t('trainee.hours.col.amount')}</th>
                <th scope="col">{t('trainee.hours.col.reason')}</th>
                <th scope="col">{t('trainee.hours.col.by')}</th>
              </tr>
            </thead>
            <tbody>
              {hours.adjustments.map((x) => (
                <tr key={x.id}>
                  <td>{x.when}</td>
                  <td>{t(`trainee.hours.kind.${x.kind}`)}</td>
                  <td>{x.amountText}</td>
                  <td>{x.reason}</td>
                  <td>{x.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </details>
  );
}

/** The trainee's view: hours, the checklist, and the legal-name confirmation. */
export function TraineeCompletion({ hours, error }: { hours: HoursView; error?: string }) {
  const t = useT();
  const maybeT = useMaybeT();
  if (!hours.checklist) return null;
  return (
    <section aria-labelledby="completion-heading" className="card">
      <h2 id="completion-heading">{t('trainee.hours.completionHeading')}</h2>
      {hours.completion ? (
        <p className="success">{t('trainee.hours.confirmedOn', { on: hours.completion.on })}</p>
      ) : (
        <p>
          {t('trainee.hours.whenDone')}
          {hours.met ? t('trainee.hours.allDone') : ''}
        </p>
      )}
      <Checklist hours={hours} />
      {!hours.completion && !hours.legalNameConfirmed ? (
        hours.legalName ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm-legal-name" />
            <input type="hidden" name="legalName" value={hours.legalName} />
            <p>
              {t('trainee.hours.legalNameShown', {
                name: hours.legalName,
                strong: (chunks) => <strong>{chunks}</strong>,
                link: (chunks) => <Link to="/account">{chunks}</Link>,
              })}
            </p>
            {error ? (
              <p className="field-error" role="alert">
                {maybeT(error)}
              </p>
            ) : null}
            <button type="submit">{t('trainee.hours.confirmName')}</button>
          </Form>
        ) : (
          <p>{t('trainee.hours.needName', { link: (chunks) => <Link to="/account">{chunks}</Link> })}</p>
        )
      ) : null}
    </section>
  );
}

/** The trainer's view of a trainee: hours, adjustments, the checklist and the confirmation. */
export function TrainingHours({
  hours,
  errors,
  adjustmentKey,
}: {
  hours: HoursView;
  viewer: 'trainer';
  errors: Record<string, string>;
  adjustmentKey: string;
}) {
  const t = useT();
  const maybeT = useMaybeT();
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`adj-${name}-error`}>
        {maybeT(errors[name])}
      </p>
    ) : null;
  const describedBy = (name: string) => (errors[name] ? `adj-${name}-error` : undefined);
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">{t('trainee.hours.trainerHeading')}</h2>
      <HoursSummary hours={hours} />
      <HoursDetail hours={hours} />
      <details className="card" open={Boolean(errors.minutes || errors.reason || errors.kind)}>
        <summary>{t('trainee.hours.adjust')}</summary>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="key" value={adjustmentKey} />
          <fieldset aria-describedby={describedBy('kind')}>
            <legend>{t('trainee.hours.countsAs')}</legend>
            <label className="choice">
              <input type="radio" name="kind" value="live" defaultChecked />
              <span>{t('trainee.hours.liveTime')}</span>
            </label>
            <label className="choice">
              <input type="radio" name="kind" value="self-paced" />
              <span>{t('trainee.hours.selfPacedTime')}</span>
            </label>
            {err('kind')}
          </fieldset>
          <div className="field">
            <label htmlFor="adj-minutes">{t('trainee.hours.minutes')}</label>
            <p className="hint" id="adj-minutes-hint">
              {t('trainee.hours.minutesHint')}
            </p>
            <input
              id="adj-minutes"
              name="minutes"
              type="number"
              step="1"
              aria-invalid={errors.minutes ? true : undefined}
              aria-describedby={['adj-minutes-hint', describedBy('minutes')].filter(Boolean).join(' ')}
            />
            {err('minutes')}
          </div>
          <div className="field">
            <label htmlFor="adj-reason">{t('trainee.hours.reason')}</label>
            <textarea
              id="adj-reason"
              name="reason"
              rows={2}
              maxLength={500}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={describedBy('reason')}
            />
            {err('reason')}
          </div>
          <button type="submit" className="secondary">
            {t('trainee.hours.saveAdjustment')}
          </button>
        </Form>
      </details>
      {hours.checklist ? (
        <section aria-labelledby="trainee-completion-heading" className="card">
          <h3 id="trainee-completion-heading">{t('trainee.hours.completion')}</h3>
          {hours.completion ? (
            <p className="success">{t('trainee.hours.confirmedBy', { on: hours.completion.on, by: hours.completion.by })}</p>
          ) : null}
          <Checklist hours={hours} />
          {errors.completion ? (
            <p className="form-error" role="alert">
              {maybeT(errors.completion)}
            </p>
          ) : null}
          {!hours.completion && hours.met ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm-completion" />
              <button type="submit">{t('trainee.hours.confirm')}</button>
            </Form>
          ) : null}
          {!hours.completion && !hours.met ? <p>{t('trainee.hours.confirmLater')}</p> : null}
        </section>
      ) : null}
    </section>
  );
}
