import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { formOf, requireAttempt, requireOpenAttempt } from '~/guards/exam-access.server';
import { db } from '~/infra/db.server';
import { finaliseIfOverdue, getAttemptItems, submitExamAttempt } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Review your answers · Peer Academy', 'Check your practice exam answers before you submit.');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam, attempt, base } = await requireOpenAttempt(request, params);
  const items = await getAttemptItems(db(), attempt.id);
  const rows = items.map((i) => ({
    position: i.position,
    answered: i.response !== null && i.response !== '',
    flagged: i.flagged,
    kind: i.kind,
    prompt: i.snapshot.prompt.length > 110 ? `${i.snapshot.prompt.slice(0, 110)}…` : i.snapshot.prompt,
  }));
  return json({
    base,
    formTitle: formOf(exam, attempt.form_id)?.title ?? 'Practice exam',
    deadlineText: attempt.deadline_at ? pacificDeadline(attempt.deadline_at) : null,
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
  if (!parsed.ok) return json({ error: 'Tick the box to confirm you are ready to submit.' }, { status: 400 });
  // Idempotent: a second click, a second tab or a retry finds it already submitted.
  await submitExamAttempt(db(), attempt.id, 'trainee');
  return redirect(`${base}/result`);
}

export default function ReviewAttempt() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <p className="muted">
        <Link to={data.base}>Back to the questions</Link>
      </p>
      <h1>Review before you submit</h1>
      <p>
        {data.formTitle}: {data.total - data.unanswered.length} of {data.total} questions answered.
        {data.deadlineText ? ` Your time ends ${data.deadlineText} (Pacific time).` : ''}
      </p>
      <section aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">Not answered ({data.unanswered.length})</h2>
        {data.unanswered.length ? (
          <ul>
            {data.unanswered.map((r) => (
              <li key={r.position}>
                <Link to={`${data.base}?q=${r.position}`}>Question {r.position}</Link>: {r.prompt}
              </li>
            ))}
          </ul>
        ) : (
          <p>You have answered every question.</p>
        )}
      </section>
      <section aria-labelledby="flagged-heading">
        <h2 id="flagged-heading">Flagged for review ({data.flagged.length})</h2>
        {data.flagged.length ? (
          <ul>
            {data.flagged.map((r) => (
              <li key={r.position}>
                <Link to={`${data.base}?q=${r.position}`}>Question {r.position}</Link>: {r.prompt}
              </li>
            ))}
          </ul>
        ) : (
          <p>No questions are flagged.</p>
        )}
      </section>
      <Form method="post" className="card" noValidate>
        <h2>Submit your exam</h2>
        <p>After you submit, you cannot change your answers. Questions left blank count as not answered.</p>
        <label className="choice">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby={actionData?.error ? 'confirm-error' : undefined}
          />
          <span>I am ready to submit my answers</span>
        </label>
        {actionData?.error ? (
          <p className="field-error" id="confirm-error">
            {actionData.error}
          </p>
        ) : null}
        <button type="submit" disabled={submitting}>
          {submitting ? 'Submitting…' : 'Submit my exam'}
        </button>
      </Form>
    </>
  );
}
