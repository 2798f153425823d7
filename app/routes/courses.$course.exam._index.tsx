import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { canStartExam } from '~/domain/exam';
import { formOf, requireExam } from '~/guards/exam-access.server';
import { db } from '~/infra/db.server';
import { listExamAttempts, startExamAttempt } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta(
    'Practice exam · Peer Academy',
    'The practice exam: a timed practice test that unlocks when every unit is complete. It is practice, not the state exam.',
  );

const STATUS: Record<string, string> = {
  in_progress: 'In progress',
  submitted: 'Submitted, awaiting grading',
  graded: 'Graded, awaiting release',
  released: 'Result ready',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, exam, unlocked, remaining } = await requireExam(request, params, { allowLocked: true });
  const base = {
    course: { slug: course.course.slug, title: course.course.title },
    title: exam.definition.title,
    notice: exam.definition.notice,
    passPercent: exam.definition.passPercent,
  };
  if (!unlocked) {
    // The page explains what remains; the status tells scripts and tests it is closed.
    return json({ ...base, locked: true as const, remaining }, { status: 403 });
  }
  const attempts = await listExamAttempts(db(), user.id, course.course.slug);
  const now = Date.now();
  return json({
    ...base,
    locked: false as const,
    remaining: [],
    forms: exam.definition.forms.map((f) => {
      const p = canStartExam(f, attempts, now);
      return {
        id: f.id,
        title: f.title,
        description: f.description,
        minutes: f.timeLimitMinutes,
        attemptsAllowed: f.attemptsAllowed,
        waitHours: f.waitHoursBetweenAttempts,
        used: attempts.filter((a) => a.form_id === f.id).length,
        canStart: p.ok,
        why: p.ok
          ? null
          : p.reason === 'limit'
            ? 'You have used every attempt allowed for this form.'
            : p.reason === 'wait'
              ? `You can start again after ${pacificDeadline(p.until)} (Pacific time).`
              : null,
      };
    }),
    attempts: attempts.map((a) => ({
      id: a.id,
      form: formOf(exam, a.form_id)?.title ?? a.form_id,
      started: pacificDeadline(a.started_at),
      status: a.status,
      statusLabel: STATUS[a.status] ?? a.status,
      percent: a.status === 'released' ? a.final_percent : null,
      passed: a.status === 'released' ? a.passed === 1 : null,
    })),
  });
}

const startSchema = () => z.object({ intent: z.literal('start'), formId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, exam } = await requireExam(request, params);
  const parsed = parseForm(await readForm(request), startSchema);
  if (!parsed.ok) throw new Response('Choose a practice form to start.', { status: 400 });
  const form = formOf(exam, parsed.data.formId);
  if (!form) throw new Response('There is no such practice form.', { status: 400 });
  const result = await startExamAttempt(db(), {
    userId: user.id,
    courseSlug: course.course.slug,
    exam,
    form,
    locale: course.locale,
  });
  if (result.ok || result.reason === 'active') {
    const id = result.ok ? result.attemptId : result.attemptId;
    return redirect(`/courses/${course.course.slug}/exam/attempts/${id}`);
  }
  return json(
    {
      error:
        result.reason === 'limit'
          ? 'You have used every attempt allowed for this form.'
          : `You can start again after ${pacificDeadline(result.until)} (Pacific time).`,
    },
    { status: 429 },
  );
}

export default function ExamPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const active = data.locked ? undefined : data.attempts.find((a) => a.status === 'in_progress');
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${data.course.slug}`}>{data.course.title}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="notice">{data.notice}</p>
      {data.locked ? (
        <>
          <h2>Not open yet</h2>
          <p>
            The practice exam opens when you have completed every unit. You have {data.remaining.length}{' '}
            {data.remaining.length === 1 ? 'unit' : 'units'} to go:
          </p>
          <ul>
            {data.remaining.map((u) => (
              <li key={u.slug}>
                <Link to={`/courses/${data.course.slug}/units/${u.slug}`}>{u.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2>The practice exam is open to you</h2>
          <p>
            Take your time to settle in before you start. Your answers save as you go, so if your connection drops or you close
            the page, you can come back and carry on. The timer keeps running on our side while you are away. The pass mark is{' '}
            {data.passPercent}%.
          </p>
          {actionData?.error ? (
            <p className="form-error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {active ? (
            <p className="success">
              You have an attempt in progress.{' '}
              <Link className="button" to={`attempts/${active.id}`}>
                Continue your attempt
              </Link>
            </p>
          ) : null}
          {data.forms.map((f) => (
            <section key={f.id} className="card" aria-labelledby={`form-${f.id}`}>
              <h3 id={`form-${f.id}`}>{f.title}</h3>
              <p>{f.description}</p>
              <p className="muted">
                Time: {f.minutes} minutes (more if you have a time accommodation).{' '}
                {f.attemptsAllowed === null ? 'No limit on attempts.' : `Attempts: ${f.used} of ${f.attemptsAllowed} used.`}
                {f.waitHours ? ` Wait between attempts: ${f.waitHours} hours.` : ''}
              </p>
              {active ? null : f.canStart ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <input type="hidden" name="formId" value={f.id} />
                  <button type="submit">Start the {f.title.toLowerCase()}</button>
                </Form>
              ) : (
                <p className="notice">{f.why}</p>
              )}
            </section>
          ))}
          {data.attempts.length ? (
            <>
              <h2>Your attempts</h2>
              <TableWrap label="Your attempts">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Form</th>
                      <th scope="col">Started</th>
                      <th scope="col">Status</th>
                      <th scope="col">Score</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.attempts.map((a) => (
                      <tr key={a.id}>
                        <td>{a.form}</td>
                        <td>{a.started}</td>
                        <td>
                          {a.status === 'in_progress' ? (
                            <Link to={`attempts/${a.id}`}>{a.statusLabel}</Link>
                          ) : (
                            <Link to={`attempts/${a.id}/result`}>{a.statusLabel}</Link>
                          )}
                        </td>
                        <td>{a.percent !== null ? `${a.percent}% (${a.passed ? 'passed' : 'not yet'})` : '-'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          ) : null}
        </>
      )}
    </>
  );
}
