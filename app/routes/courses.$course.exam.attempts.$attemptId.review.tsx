import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { formOf, requireAttempt, requireOpenAttempt } from '~/guards/exam-access.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { finaliseIfOverdue, getAttemptItems, submitExamAttempt } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.review.title', 'trainee.review.description');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam, attempt, base } = await requireOpenAttempt(request, params);
  const items = await getAttemptItems(db(), attempt.id);
  const locale = await requestLocale(request);
  const rows = items.map((i) => ({
    position: i.position,
    answered: i.response !== null && i.response !== '',
    flagged: i.flagged,
    kind: i.kind,
    prompt: i.snapshot.prompt.length > 110 ? `${i.snapshot.prompt.slice(0, 110)}…` : i.snapshot.prompt,
  }));
  return json({
    base,
    formTitle: formOf(exam, attempt.form_id)?.title ?? translator(locale)('trainee.attempt.formFallback'),
    deadlineText: attempt.deadline_at ? pacificDeadline(attempt.deadline_at, locale) : null,
    total: rows.length,
    unanswered: rows.filter((r) => !r.answered),
    flagged: rows.filter((r) => r.flagged),
  });
}

const confirmSchema = () => z.object({ confirm: z.literal('yes') });

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await requireAttempt(request, params);
  const { base } = found;
  // Time already up: the attempt closes as the deadline closed it, and the result page says so.
  const attempt = await finaliseIfOverdue(db(), found.attempt);
  if (attempt.status !== 'in_progress') return redirect(`${base}/result`);
  const parsed = parseForm(await readForm(request), confirmSchema);
  if (!parsed.ok) return json({ error: 'trainee.review.confirmRequired' }, { status: 400 });
  // Idempotent: a second click, a second tab or a retry finds it already submitted.
  await submitExamAttempt(db(), attempt.id, 'trainee');
  return redirect(`${base}/result`);
}

export default function ReviewAttempt() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === 'submitting';
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <>
      <p className="muted">
        <Link to={data.base}>{t('trainee.review.back')}</Link>
      </p>
      <h1>{t('trainee.review.heading')}</h1>
      <p>
        {t('trainee.review.summary', {
          form: data.formTitle,
          answered: data.total - data.unanswered.length,
          total: data.total,
        })}
        {data.deadlineText ? t('trainee.review.timeEnds', { when: data.deadlineText }) : ''}
      </p>
      <section aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">{t('trainee.review.unanswered', { count: data.unanswered.length })}</h2>
        {data.unanswered.length ? (
          <ul>
            {data.unanswered.map((r) => (
              <li key={r.position}>
                <Link to={`${data.base}?q=${r.position}`}>{t('trainee.review.question', { position: r.position })}</Link>:{' '}
                {r.prompt}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('trainee.review.allAnswered')}</p>
        )}
      </section>
      <section aria-labelledby="flagged-heading">
        <h2 id="flagged-heading">{t('trainee.review.flagged', { count: data.flagged.length })}</h2>
        {data.flagged.length ? (
          <ul>
            {data.flagged.map((r) => (
              <li key={r.position}>
                <Link to={`${data.base}?q=${r.position}`}>{t('trainee.review.question', { position: r.position })}</Link>:{' '}
                {r.prompt}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('trainee.review.noneFlagged')}</p>
        )}
      </section>
      <Form method="post" className="card" noValidate>
        <h2>{t('trainee.review.submitHeading')}</h2>
        <p>{t('trainee.review.warning')}</p>
        <label className="choice">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby={actionData?.error ? 'confirm-error' : undefined}
          />
          <span>{t('trainee.review.ready')}</span>
        </label>
        {actionData?.error ? (
          <p className="field-error" id="confirm-error">
            {maybeT(actionData.error)}
          </p>
        ) : null}
        <button type="submit" disabled={submitting}>
          {t(submitting ? 'trainee.review.submitting' : 'trainee.review.submit')}
        </button>
      </Form>
    </>
  );
}
