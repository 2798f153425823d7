import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { gradingQueue, releaseAllGraded } from '~/models/grading.server';
import { readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Grading queue · Peer Academy', 'Written practice exam answers waiting to be graded anonymously.');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const queue = await gradingQueue(db(), user);
  // Anonymous until release (ADR 015): a random label stands in for the name, and neither
  // ids nor times travel, so nothing here can be matched with the trainee pages or the CSV.
  return json({
    queue: queue.map((q) => ({
      token: q.token,
      label: q.label,
      form: q.form_id,
      written: q.written,
      final: q.final,
      ready: q.status === 'graded',
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const form = await readForm(request);
  if (form.get('intent') !== 'release-all') throw new Response('That action is not available here.', { status: 400 });
  const n = await releaseAllGraded(db(), user);
  return json({ released: n });
}

export default function GradingQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const ready = queue.filter((q) => q.ready).length;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">Trainer</Link>
      </p>
      <h1>Grading queue</h1>
      <p>
        Written answers from practice exams, in an order that says nothing about who wrote them or when. Names stay hidden until
        you release the grades.
      </p>
      {data ? (
        <p className="success" role="status">
          Released {data.released} {data.released === 1 ? 'result' : 'results'} to trainees.
        </p>
      ) : null}
      {queue.length ? (
        <TableWrap label="Attempts to grade">
          <table>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Form</th>
                <th scope="col">Graded</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.token}>
                  <td>
                    <Link to={q.token}>{q.label}</Link>
                  </td>
                  <td>{q.form}</td>
                  <td>
                    {q.final} of {q.written}
                  </td>
                  <td>{q.ready ? 'Ready to release' : 'To grade'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>Nothing is waiting. Well done.</p>
      )}
      {ready ? (
        <Form method="post">
          <input type="hidden" name="intent" value="release-all" />
          <button type="submit">Release all {ready} graded results</button>
        </Form>
      ) : null}
    </div>
  );
}
