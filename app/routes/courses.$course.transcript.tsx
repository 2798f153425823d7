import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { TableWrap } from '~/components/table-wrap';
import { HoursSummary } from '~/components/training-hours';
import { requireCourse } from '~/content/content.server';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import { transcript } from '~/models/training-record.server';
import { findUserById } from '~/models/user.server';
import { hoursView } from '~/views/training-hours';
import { transcriptView } from '~/views/transcript';
import { parseParams, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// A trainee's own training record, to read or print. Only ever the signed-in person's own:
// the URL names the course, never a person.

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Transcript · ${data?.course.title ?? 'Course'} · Peer Academy`,
    'Your training record: units, quizzes, sessions attended, hours, exam attempts and certificates.',
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  const [record, person] = await Promise.all([transcript(db(), user.id, c), findUserById(db(), user.id)]);
  return json({
    course: { slug: c.course.slug, title: c.course.title },
    person: { name: person?.name ?? user.name, legalName: record.legalName },
    hours: hoursView(record),
    ...transcriptView(record, c),
  });
}

export default function Transcript() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/courses/${d.course.slug}`}>{d.course.title}</Link>
      </p>
      <h1>Your transcript</h1>
      <p>
        {d.person.legalName ?? d.person.name} · {d.course.title} · as of {d.asOf} (Pacific time).
      </p>
      <p>
        <a href={`/courses/${d.course.slug}/transcript.csv`} download>
          Download as CSV (spreadsheet)
        </a>
      </p>
      <section aria-labelledby="t-hours">
        <h2 id="t-hours">Hours</h2>
        <HoursSummary hours={d.hours} />
      </section>
      <section aria-labelledby="t-completion">
        <h2 id="t-completion">Completion</h2>
        <p>{d.completion}</p>
      </section>
      <section aria-labelledby="t-units">
        <h2 id="t-units">Units</h2>
        <TableWrap label="Units">
          <table>
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Completed</th>
                <th scope="col">Best quiz score</th>
                <th scope="col">Hours counted</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">{u.title}</th>
                  <td>{u.completed}</td>
                  <td>{u.best}</td>
                  <td>{u.counted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section aria-labelledby="t-quizzes">
        <h2 id="t-quizzes">Quiz results</h2>
        {d.quizzes.length ? (
          <TableWrap label="Quiz results">
            <table>
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  <th scope="col">When</th>
                  <th scope="col">Score</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {d.quizzes.map((q) => (
                  <tr key={q.key}>
                    <th scope="row">{q.unit}</th>
                    <td>{q.when}</td>
                    <td>{q.percent}%</td>
                    <td>{q.result}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>No quiz attempts yet.</p>
        )}
      </section>
      <section aria-labelledby="t-sessions">
        <h2 id="t-sessions">Live sessions</h2>
        {d.sessions.length ? (
          <TableWrap label="Live sessions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">When</th>
                  <th scope="col">Your attendance</th>
                  <th scope="col">Hours counted</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.title}</th>
                    <td>{s.when}</td>
                    <td>{s.mark}</td>
                    <td>{s.counted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>No live sessions yet.</p>
        )}
      </section>
      <section aria-labelledby="t-adjustments">
        <h2 id="t-adjustments">Adjustments</h2>
        {d.adjustments.length ? (
          <ul>
            {d.adjustments.map((a) => (
              <li key={a.id}>
                {a.when}: {a.kind} {a.amount}, {a.reason}
              </li>
            ))}
          </ul>
        ) : (
          <p>None.</p>
        )}
      </section>
      <section aria-labelledby="t-exams">
        <h2 id="t-exams">Practice exam attempts</h2>
        {d.exams.length ? (
          <TableWrap label="Practice exam attempts">
            <table>
              <thead>
                <tr>
                  <th scope="col">Form</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {d.exams.map((e) => (
                  <tr key={e.key}>
                    <th scope="row">{e.form}</th>
                    <td>{e.started}</td>
                    <td>{e.status}</td>
                    <td>{e.result}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>No attempts yet.</p>
        )}
      </section>
    </div>
  );
}
