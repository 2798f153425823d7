import type { LoaderFunctionArgs } from '@remix-run/node';
import { auditDetailText } from '~/domain/audit';
import { csvDocument } from '~/domain/csv';
import { requireRole } from '~/guards/auth.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import { listAudit } from '~/models/audit.server';
import { auditFilter, auditSearch } from '~/web/audit-filter';
import { pacificIso } from '~/web/dates';

/** Rows per export, at most: years of a program's admin actions. */
const MAX_ROWS = 100_000;

/** An audit action as a message value: ICU select keys cannot hold hyphens. */
const actionValues = (action: string) => ({ action: action.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), raw: action });

// The audit log as CSV, with the page's filters. UTF-8 with a byte-order mark, so spreadsheet
// apps read names with accents correctly.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const { rows } = await listAudit(db(), auditFilter(auditSearch(new URL(request.url))), { limit: MAX_ROWS, offset: 0 });
  // Headers in the language of the person downloading.
  const t = translator(await requestLocale(request));
  const header = [
    t('admin.audit.csv.time'),
    t('admin.audit.csv.action'),
    t('admin.audit.csv.byName'),
    t('admin.audit.csv.byEmail'),
    t('admin.audit.csv.toName'),
    t('admin.audit.csv.toEmail'),
    t('admin.audit.csv.detail'),
  ];
  const body = rows.map((r) => [
    pacificIso(r.at),
    t('admin.audit.action', actionValues(r.action)),
    r.actor_name ?? (r.actor_id ? t('admin.audit.deletedAccount') : t('admin.audit.system')),
    r.actor_email,
    r.target_name ?? (r.target_user_id ? t('admin.audit.deletedAccount') : ''),
    r.target_email,
    auditDetailText(t, r.action, r.detail),
  ]);
  return new Response(csvDocument([header, ...body]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Cache-Control: private, no-store comes from server.js, as for every signed-in answer.
      'Content-Disposition': 'attachment; filename="audit-log.csv"',
    },
  });
}
