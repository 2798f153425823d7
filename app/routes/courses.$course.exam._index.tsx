import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import { canStartExam } from '~/domain/exam';
import { formOf, requireExam } from '~/guards/exam-access.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { listExamAttempts, startExamAttempt } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.exam.title', 'trainee.exam.description');

const STATUS = {
  in_progress: 'trainee.exam.status.in_progress',
  submitted: 'trainee.exam.status.submitted',
  graded: 'trainee.exam.status.graded',
  released: 'trainee.exam.status.released',
} as const;

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
  const locale = await requestLocale(request);
  const t = translator(locale);
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
            ? t('trainee.exam.limit')
            : p.reason === 'wait'
              ? t('trainee.exam.waitUntil', { when: pacificDeadline(p.until, locale) })
              : null,
      };
    }),
    attempts: attempts.map((a) => ({
      id: a.id,
      form: formOf(exam, a.form_id)?.title ?? a.form_id,
      started: pacificDeadline(a.started_at, locale),
      status: a.status,
      statusLabel: STATUS[a.status as keyof typeof STATUS] ?? a.status,
      percent: a.status === 'released' ? a.final_percent : null,
      passed: a.status === 'released' ? a.passed === 1 : null,
    })),
  });
}

const startSchema = () => z.object({ intent: z.literal('start'), formId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, exam } = await requireExam(request, params);
  const parsed = parseForm(await readForm(request), startSchema);
  if (!parsed.ok) throw new Response('trainee.exam.chooseForm', { status: 400 });
  const form = formOf(exam, parsed.data.formId);
  if (!form) throw new Response('trainee.exam.noForm', { status: 400 });
  const locale = await requestLocale(request);
  const t = translator(locale);
  const result = await startExamAttempt(db(), {
    userId: user.id,
    courseSlug: course.course.slug,
    exam,
    form,
    locale: course.locale,
    // The same snapshot requireExam read: getContent is pinned for the request.
    contentTreeId: (await getContent()).treeId,
  });
  if (result.ok || result.reason === 'active') {
    const id = result.ok ? result.attemptId : result.attemptId;
    return redirect(`/courses/${course.course.slug}/exam/attempts/${id}`);
  }
  return json(
    {
      error:
        result.reason === 'limit'
          ? t('trainee.exam.limit')
          : t('trainee.exam.waitUntil', { when: pacificDeadline(result.until, locale) }),
    },
    { status: 429 },
  );
}

export default function ExamPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const active = data.locked ? undefined : data.attempts.find((a) => a.status === 'in_progress');
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${data.course.slug}`}>{data.course.title}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="notice">{data.notice}</p>
      {data.locked ? (
        <>
          <h2>{t('trainee.exam.notOpen')}</h2>
          <p>{t('trainee.exam.remaining', { count: data.remaining.length })}</p>
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
          <h2>{t('trainee.exam.open')}</h2>
          <p>{t('trainee.exam.intro', { percent: data.passPercent })}</p>
          {actionData?.error ? (
            <p className="form-error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {active ? (
            <p className="success">
              {t('trainee.exam.inProgress')}{' '}
              <Link className="button" to={`attempts/${active.id}`}>
                {t('trainee.exam.continue')}
              </Link>
            </p>
          ) : null}
          {data.forms.map((f) => (
            <section key={f.id} className="card" aria-labelledby={`form-${f.id}`}>
              <h3 id={`form-${f.id}`}>{f.title}</h3>
              <p>{f.description}</p>
              <p className="muted">
                {t('trainee.exam.time', { minutes: f.minutes })}{' '}
                {f.attemptsAllowed === null
                  ? t('trainee.exam.noLimit')
                  : t('trainee.exam.attemptsUsed', { used: f.used, allowed: f.attemptsAllowed })}
                {f.waitHours ? t('trainee.exam.waitHours', { hours: f.waitHours }) : ''}
              </p>
              {active ? null : f.canStart ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <input type="hidden" name="formId" value={f.id} />
                  <button type="submit">{t('trainee.exam.start', { title: f.title, lower: f.title.toLowerCase() })}</button>
                </Form>
              ) : (
                <p className="notice">{f.why}</p>
              )}
            </section>
          ))}
          {data.attempts.length ? (
            <>
              <h2>{t('trainee.exam.attemptsHeading')}</h2>
              <TableWrap label={t('trainee.exam.attemptsHeading')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('trainee.exam.col.form')}</th>
                      <th scope="col">{t('trainee.exam.col.started')}</th>
                      <th scope="col">{t('trainee.exam.col.status')}</th>
                      <th scope="col">{t('trainee.exam.col.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.attempts.map((a) => (
                      <tr key={a.id}>
                        <td>{a.form}</td>
                        <td>{a.started}</td>
                        <td>
                          {a.status === 'in_progress' ? (
                            <Link to={`attempts/${a.id}`}>{maybeT(a.statusLabel)}</Link>
                          ) : (
                            <Link to={`attempts/${a.id}/result`}>{maybeT(a.statusLabel)}</Link>
                          )}
                        </td>
                        <td>
                          {a.percent !== null ? t('trainee.exam.score', { percent: a.percent, passed: String(a.passed) }) : '-'}
                        </td>
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
