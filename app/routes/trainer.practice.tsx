import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { courseFromSearch } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { practiceStatistics } from '~/models/practice.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Practice question statistics · Peer Academy', 'How trainees answer each question in practice sets.');

// Practice answers per item, kept apart from the exam's item analysis (ADR 027). Trainers see
// their own groups' trainees (admins every group); authors see counts over everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer', 'author']);
  const course = await courseFromSearch(request);
  const stats = await practiceStatistics(db(), user, course.course.slug);
  const items = new Map((course.exam?.items ?? []).map((i) => [i.id, i]));
  const areaTitle = new Map((course.exam?.definition.areas ?? []).map((a) => [a.id, a.title]));
  return json({
    course: { title: course.course.title },
    scope:
      user.role === 'author' ? 'every trainee' : user.role === 'admin' ? 'trainees in every group' : 'trainees in your groups',
    rows: stats.map((s) => {
      const prompt = items.get(s.itemId)?.prompt;
      return {
        ...s,
        area: areaTitle.get(s.area) ?? s.area,
        prompt: prompt ? (prompt.length > 140 ? `${prompt.slice(0, 140)}…` : prompt) : '(no longer in the bank)',
      };
    }),
  });
}

export default function PracticeStatistics() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/trainer">Trainer home</Link>
      </p>
      <h1>Practice question statistics</h1>
      <p>
        {d.course.title}: answers in practice sets by {d.scope}, hardest first. Practice answers are kept apart from the practice
        exam: <Link to="/trainer/analysis">question analysis</Link> counts exam attempts only.
      </p>
      {d.rows.length ? (
        <TableWrap label="Practice answers per question">
          <table>
            <caption>Practice answers per question</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Content area</th>
                <th scope="col">Answered</th>
                <th scope="col">Right</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.itemId}>
                  <th scope="row">
                    <span className="muted">{r.itemId}</span> {r.prompt}
                  </th>
                  <td>{r.area}</td>
                  <td>{r.answered}</td>
                  <td>{r.percent === null ? '-' : `${r.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>No practice answers yet.</p>
      )}
    </>
  );
}
