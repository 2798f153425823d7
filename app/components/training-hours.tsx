import { Form, Link } from '@remix-run/react';
import type { HoursView } from '~/views/training-hours';
import { TableWrap } from './table-wrap';

function Checklist({ hours }: { hours: HoursView }) {
  if (!hours.checklist) return null;
  return (
    <ul className="checklist">
      {hours.checklist.map((item) => (
        <li key={item.id} className={item.met ? 'status-complete' : undefined}>
          <strong>
            {item.met ? '✓ Done: ' : '○ To do: '}
            {item.label}.
          </strong>{' '}
          <span className="muted">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}

/** Hours toward the course's total: the progress bar, then what counts and why. */
export function HoursSummary({ hours }: { hours: HoursView }) {
  return (
    <>
      {hours.requiredMinutes !== null ? (
        <>
          <label htmlFor="hours-progress">
            {hours.totalText} of {hours.requiredText} of training ({hours.percent}%)
          </label>
          <progress id="hours-progress" max={hours.requiredMinutes} value={Math.min(hours.totalMinutes, hours.requiredMinutes)}>
            {hours.percent}%
          </progress>
        </>
      ) : (
        <p>{hours.totalText} of training counted.</p>
      )}
      <p>
        Live sessions: {hours.liveText}
        {hours.minimumLiveText ? ` (at least ${hours.minimumLiveText} needed)` : ''}. Self-paced units: {hours.selfPacedText}.
        {hours.adjustmentText ? ` Adjustments by your trainer, included above: ${hours.adjustmentText}.` : ''}
      </p>
    </>
  );
}

/** What counts and why, line by line. */
export function HoursDetail({ hours }: { hours: HoursView }) {
  return (
    <details>
      <summary>What counts and why</summary>
      <p className="muted">
        A live session counts the time attended, never more than its length, and time in two sessions at once counts once. A unit
        counts the time measured while you worked on it, up to the time it is planned to take, once it is complete.
      </p>
      {hours.sessions.length ? (
        <TableWrap label="Live sessions counted">
          <table>
            <caption>Live sessions</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Mark</th>
                <th scope="col">Counted</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {hours.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.title}
                    {s.makeup ? ' (make-up)' : ''}, {s.when}
                  </th>
                  <td>{s.mark}</td>
                  <td>{s.countedText}</td>
                  <td>{s.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>No live sessions yet.</p>
      )}
      <TableWrap label="Units counted">
        <table>
          <caption>Self-paced units</caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Counted</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {hours.units.map((u) => (
              <tr key={u.slug}>
                <th scope="row">{u.title}</th>
                <td>{u.countedText}</td>
                <td>{u.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {hours.adjustments.length ? (
        <TableWrap label="Adjustments">
          <table>
            <caption>Adjustments</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">Amount</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {hours.adjustments.map((x) => (
                <tr key={x.id}>
                  <td>{x.when}</td>
                  <td>{x.kind}</td>
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
  if (!hours.checklist) return null;
  return (
    <section aria-labelledby="completion-heading" className="card">
      <h2 id="completion-heading">Completing the course</h2>
      {hours.completion ? (
        <p className="success">Your completion was confirmed on {hours.completion.on}.</p>
      ) : (
        <p>
          When every item below is done, your trainer confirms your completion.
          {hours.met ? ' Everything is done: your trainer can confirm it now.' : ''}
        </p>
      )}
      <Checklist hours={hours} />
      {!hours.completion && !hours.legalNameConfirmed ? (
        hours.legalName ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm-legal-name" />
            <input type="hidden" name="legalName" value={hours.legalName} />
            <p>
              Your certificate will show your legal name as: <strong>{hours.legalName}</strong>. If that is not right,{' '}
              <Link to="/account">change it on your account page</Link>.
            </p>
            {error ? (
              <p className="field-error" role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit">Yes, this is my legal name</button>
          </Form>
        ) : (
          <p>
            Your certificate needs your full legal name, which can differ from the name shown in the app.{' '}
            <Link to="/account">Add your legal name on your account page</Link>, then confirm it here.
          </p>
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
  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`adj-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (name: string) => (errors[name] ? `adj-${name}-error` : undefined);
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">Training hours</h2>
      <HoursSummary hours={hours} />
      <HoursDetail hours={hours} />
      <details className="card" open={Boolean(errors.minutes || errors.reason || errors.kind)}>
        <summary>Adjust hours by hand</summary>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="key" value={adjustmentKey} />
          <fieldset aria-describedby={describedBy('kind')}>
            <legend>Counts as</legend>
            <label className="choice">
              <input type="radio" name="kind" value="live" defaultChecked />
              <span>Live time</span>
            </label>
            <label className="choice">
              <input type="radio" name="kind" value="self-paced" />
              <span>Self-paced time</span>
            </label>
            {err('kind')}
          </fieldset>
          <div className="field">
            <label htmlFor="adj-minutes">Minutes</label>
            <p className="hint" id="adj-minutes-hint">
              For example 90 to add an hour and a half, or -30 to remove half an hour.
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
            <label htmlFor="adj-reason">Reason</label>
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
            Save adjustment
          </button>
        </Form>
      </details>
      {hours.checklist ? (
        <section aria-labelledby="trainee-completion-heading" className="card">
          <h3 id="trainee-completion-heading">Completion</h3>
          {hours.completion ? (
            <p className="success">
              Completion confirmed on {hours.completion.on} by {hours.completion.by}.
            </p>
          ) : null}
          <Checklist hours={hours} />
          {errors.completion ? (
            <p className="form-error" role="alert">
              {errors.completion}
            </p>
          ) : null}
          {!hours.completion && hours.met ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm-completion" />
              <button type="submit">Confirm completion</button>
            </Form>
          ) : null}
          {!hours.completion && !hours.met ? <p>You can confirm completion once every item is done.</p> : null}
        </section>
      ) : null}
    </section>
  );
}
