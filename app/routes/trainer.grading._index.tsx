import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { candidateCode, gradingQueue, releaseAllGraded } from '~/models/grading.server';
import { readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.queue.title', 'trainer.queue.description');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['trainer']);
  const queue = await gradingQueue(db(), user);
  // Anonymous until release (ADR 015): a random label stands in for the name, and neither
  // ids nor times travel, so nothing here can be matched with the trainee pages or the CSV.
  return json({
    queue: queue.map((q) => ({
      token: q.token,
      code: candidateCode(q.token),
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
  if (form.get('intent') !== 'release-all') throw new Response('trainer.queue.badAction', { status: 400 });
  const n = await releaseAllGraded(db(), user);
  return json({ released: n });
}

export default function GradingQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const ready = queue.filter((q) => q.ready).length;
  const t = useT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">{t('trainer.queue.back')}</Link>
      </p>
      <h1>{t('trainer.grade.queue')}</h1>
      <p>{t('trainer.queue.intro')}</p>
      {data ? (
        <p className="success" role="status">
          {t('trainer.queue.releasedAll', { count: data.released })}
        </p>
      ) : null}
      {queue.length ? (
        <TableWrap label={t('trainer.queue.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trainer.queue.col.attempt')}</th>
                <th scope="col">{t('trainer.queue.col.form')}</th>
                <th scope="col">{t('trainer.queue.col.graded')}</th>
                <th scope="col">{t('trainer.queue.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.token}>
                  <td>
                    <Link to={q.token}>{t('trainer.grade.candidate', { code: q.code })}</Link>
                  </td>
                  <td>{q.form}</td>
                  <td>{t('trainer.queue.gradedOf', { final: q.final, written: q.written })}</td>
                  <td>{q.ready ? t('trainer.queue.ready') : t('trainer.queue.toGrade')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('trainer.queue.empty')}</p>
      )}
      {ready ? (
        <Form method="post">
          <input type="hidden" name="intent" value="release-all" />
          <button type="submit">{t('trainer.queue.releaseAll', { count: ready })}</button>
        </Form>
      ) : null}
    </div>
  );
}
