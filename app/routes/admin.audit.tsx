import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { AUDIT_ACTIONS, auditDetailText } from '~/domain/audit';
import { requireRole } from '~/guards/auth.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { listAudit } from '~/models/audit.server';
import { auditFilter, auditSearch } from '~/web/audit-filter';
import { pacificDateTime } from '~/web/dates';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'admin.audit.title', 'admin.audit.description');

const PAGE = 50;

/** An audit action as a message value: ICU select keys cannot hold hyphens. */
const actionValues = (action: string) => ({ action: action.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), raw: action });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const locale = await requestLocale(request);
  const t = translator(locale);
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
      when: pacificDateTime(r.at, locale),
      action: t('admin.audit.action', actionValues(r.action)),
      actor: r.actor_email
        ? `${r.actor_name} (${r.actor_email})`
        : r.actor_id
          ? t('admin.audit.deletedAccount')
          : t('admin.audit.system'),
      target: r.target_email ? `${r.target_name} (${r.target_email})` : r.target_user_id ? t('admin.audit.deletedAccount') : '',
      targetId: r.target_email ? r.target_user_id : null,
      detail: auditDetailText(t, r.action, r.detail),
    })),
  });
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>();
  const s = d.search;
  const t = useT();
  const pageLink = (page: number) => `?${d.query ? `${d.query}&` : ''}page=${page}`;
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/admin">{t('admin.home.heading')}</Link>
      </p>
      <h1>{t('admin.audit.heading')}</h1>
      <p>{t('admin.audit.intro')}</p>
      <Form method="get" className="inline-form filters">
        <div>
          <label htmlFor="action">{t('admin.audit.what')}</label>
          <select id="action" name="action" defaultValue={s.action ?? ''}>
            <option value="">{t('admin.audit.anything')}</option>
            {AUDIT_ACTIONS.map((k) => (
              <option key={k} value={k}>
                {t('admin.audit.action', actionValues(k))}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="actor">{t('admin.audit.actor')}</label>
          <input id="actor" name="actor" type="text" defaultValue={s.actor ?? ''} />
        </div>
        <div>
          <label htmlFor="target">{t('admin.audit.target')}</label>
          <input id="target" name="target" type="text" defaultValue={s.target ?? ''} />
        </div>
        <div>
          <label htmlFor="from">{t('admin.audit.from')}</label>
          <input id="from" name="from" type="date" defaultValue={s.from ?? ''} />
        </div>
        <div>
          <label htmlFor="to">{t('admin.audit.to')}</label>
          <input id="to" name="to" type="date" defaultValue={s.to ?? ''} />
        </div>
        <button type="submit" className="secondary">
          {t('admin.audit.show')}
        </button>
      </Form>
      <p role="status">
        {d.total === 0
          ? t('admin.audit.noMatch')
          : t('admin.audit.count', { total: d.total, page: Math.min(s.page, d.pages), pages: d.pages })}{' '}
        <a href={`/admin/audit.csv${d.query ? `?${d.query}` : ''}`}>{t('admin.audit.download')}</a>
      </p>
      {d.rows.length ? (
        <TableWrap label={t('admin.audit.heading')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.colWhen')}</th>
                <th scope="col">{t('admin.audit.colWhat')}</th>
                <th scope="col">{t('admin.audit.colBy')}</th>
                <th scope="col">{t('admin.audit.colTo')}</th>
                <th scope="col">{t('admin.audit.colDetail')}</th>
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
        <nav aria-label={t('admin.audit.pages')}>
          {s.page > 1 ? <Link to={pageLink(s.page - 1)}>{t('admin.home.previous')}</Link> : null}
          {s.page > 1 && s.page < d.pages ? ' · ' : null}
          {s.page < d.pages ? <Link to={pageLink(s.page + 1)}>{t('admin.home.next')}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
