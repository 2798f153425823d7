import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { EMPTY_SESSION, SessionForm } from '~/components/session-form';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import { formatHours } from '~/domain/hours';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { createTrainingSession, listCohortSessions } from '~/models/training-session.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';
import { sessionSchema } from '~/web/session-form.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Live sessions · ${data?.cohort.name ?? 'Group'} · Peer Academy`,
    "A group's live sessions, and scheduling a new one.",
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const [sessions, content] = await Promise.all([listCohortSessions(db(), cohort.id, course.course.slug), getContent()]);
  const now = Date.now();
  return json({
    cohort: { id: cohort.id, name: cohort.name },
    course: { slug: course.course.slug, title: course.course.title },
    competencies: content.competencies,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: pacificDateTime(s.startsAt),
      length: formatHours(s.durationMinutes),
      mode: s.mode === 'online' ? 'Online' : 'In person',
      makeup: s.makeup,
      past: s.startsAt < now,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const content = await getContent();
  const form = await readForm(request);
  const parsed = parseForm(form, sessionSchema(content.competencies.map((c) => c.id)));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await createTrainingSession(db(), {
    cohortId: cohort.id,
    courseSlug: course.course.slug,
    actorId: user.id,
    session: parsed.data,
  });
  return redirect(`/trainer/cohorts/${cohort.id}/sessions/${id}?course=${course.course.slug}&saved=created`);
}

export default function Sessions() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const values = a
    ? {
        ...EMPTY_SESSION,
        ...a.values,
        competencies: [],
        makeup: a.values.makeup === 'on',
      }
    : EMPTY_SESSION;
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${d.cohort.id}?course=${d.course.slug}`}>{d.cohort.name}</Link>
      </p>
      <h1>Live sessions</h1>
      <p>
        {d.cohort.name} · {d.course.title}. Times are Pacific time. Attendance at these sessions counts toward each trainee’s live
        hours.
      </p>
      {d.sessions.length ? (
        <TableWrap label="Sessions">
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">When</th>
                <th scope="col">Length</th>
                <th scope="col">Where</th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`${s.id}?course=${d.course.slug}`}>{s.title}</Link>
                    {s.makeup ? ' (make-up)' : ''}
                  </th>
                  <td>{s.when}</td>
                  <td>{s.length}</td>
                  <td>{s.mode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>No sessions scheduled yet.</p>
      )}
      <section aria-labelledby="new-heading" className="card">
        <h2 id="new-heading">Schedule a session</h2>
        <SessionForm
          intent="create"
          submitLabel="Schedule session"
          values={values}
          errors={a?.errors ?? {}}
          competencies={d.competencies}
        />
      </section>
    </div>
  );
}
