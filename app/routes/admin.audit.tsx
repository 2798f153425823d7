import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { AUDIT_ACTION_LABEL, auditActionLabel, describeDetail } from '~/domain/audit';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { listAudit } from '~/models/audit.server';
import { auditFilter, auditSearch } from '~/web/audit-filter';
import { pacificDateTime } from '~/web/dates';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Audit log · Admin · Peer Academy', 'The audit log: role changes, deactivations, password resets and deletions.');

const PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const url = new URL(request.url);
  const search = auditSearch(url);
  const { rows, total } = await listAudit(db(), auditFilter(search), { limit: PAGE, offset: (search.page - 1) * PAGE });
  const query = new URLSearchParams([...url.searchParams].filter(([k, v]) => k !== 'page' && v !== '')).toString();
  return json({
    search,
    query,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    rows: rows.map((r) => ({
      id: r.id,
      when: pacificDateTime(r.at),
      action: auditActionLabel(r.action),
      actor: r.actor_email ? `${r.actor_name} (${r.actor_email})` : r.actor_id ? 'A deleted account' : 'The system',
      target: r.target_email ? `${r.target_name} (${r.target_email})` : r.target_user_id ? 'A deleted account' : '',
      targetId: r.target_email ? r.target_user_id : null,
      detail: describeDetail(r.action, r.detail),
    })),
  });
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>();
  const s = d.search;
  const pageLink = (page: number) => `?${d.query ? `${d.query}&` : ''}page=${page}`;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/admin">Users and roles</Link>
      </p>
      <h1>Audit log</h1>
      <p>
        Role changes, deactivations and reactivations, password reset links sent by trainers, and account deletions. Times are
        Pacific.
      </p>
      <Form method="get" className="inline-form filters">
        <div>
          <label htmlFor="action">What happened</label>
          <select id="action" name="action" defaultValue={s.action ?? ''}>
            <option value="">Anything</option>
            {Object.entries(AUDIT_ACTION_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="actor">Done by (email)</label>
          <input id="actor" name="actor" type="text" defaultValue={s.actor ?? ''} />
        </div>
        <div>
          <label htmlFor="target">Done to (email)</label>
          <input id="target" name="target" type="text" defaultValue={s.target ?? ''} />
        </div>
        <div>
          <label htmlFor="from">From (day)</label>
          <input id="from" name="from" type="date" defaultValue={s.from ?? ''} />
        </div>
        <div>
          <label htmlFor="to">To (day)</label>
          <input id="to" name="to" type="date" defaultValue={s.to ?? ''} />
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      <p role="status">
        {d.total === 0
          ? 'No entries match.'
          : `${d.total} ${d.total === 1 ? 'entry' : 'entries'}; page ${Math.min(s.page, d.pages)} of ${d.pages}.`}{' '}
        <a href={`/admin/audit.csv${d.query ? `?${d.query}` : ''}`}>Download these entries (CSV)</a>
      </p>
      {d.rows.length ? (
        <TableWrap label="Audit log">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">By</th>
                <th scope="col">To</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.when}</td>
                  <td>{r.action}</td>
                  <td>{r.actor}</td>
                  <td>{r.targetId ? <Link to={`/admin/users/${r.targetId}`}>{r.target}</Link> : r.target}</td>
                  <td>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {d.pages > 1 ? (
        <nav aria-label="Pages of the audit log">
          {s.page > 1 ? <Link to={pageLink(s.page - 1)}>Previous page</Link> : null}
          {s.page > 1 && s.page < d.pages ? ' · ' : null}
          {s.page < d.pages ? <Link to={pageLink(s.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
