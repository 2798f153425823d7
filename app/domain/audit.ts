import type { MessageId } from '../i18n/catalogues';
import type { Said } from './said';

// What the audit log records (issue #16 item 8) and how an entry's detail reads to a person:
// as a catalogue id with values (AuditDetail), which the audit page and its CSV translate.

export const AUDIT_ACTIONS = [
  'role-changed',
  'deactivated',
  'reactivated',
  'reset-sent',
  'account-deleted',
  // The author studio's publish page (issue 15 item 2): what trainees see changed, or a draft file was put back.
  'content-published',
  'content-rolled-back',
  'content-reverted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An entry's detail in words; `fields` is any other detail as its own "key: value" pairs. */
export type AuditDetail =
  | Required<Said<'admin.audit.detail.role', { from: string; to: string }>>
  | Said<'admin.audit.detail.confirmationSent' | 'admin.audit.detail.resetLink' | 'admin.audit.detail.bySelf', undefined>
  | Required<Said<'admin.audit.detail.publish', { message: string }>>
  | Required<Said<'admin.audit.detail.path', { path: string }>>
  | Required<Said<'admin.audit.detail.fields', { fields: string }>>;

/**
 * A one-line plain reading of an entry's detail (stored as JSON), e.g. role "trainee → trainer";
 * null when there is nothing to say (no detail, or detail that does not parse).
 */
export function describeDetail(action: string, detail: string): AuditDetail | null {
  let d: unknown;
  try {
    d = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!d || typeof d !== 'object') return null;
  const o = d as Record<string, unknown>;
  const keys = Object.keys(o);
  if (!keys.length) return null;
  if (action === 'role-changed' && typeof o.from === 'string' && typeof o.to === 'string')
    return { code: 'admin.audit.detail.role', values: { from: o.from, to: o.to } };
  if (action === 'reset-sent' && o.link === 'confirmation') return { code: 'admin.audit.detail.confirmationSent' };
  if (action === 'reset-sent' && keys.length === 1 && o.link === 'reset') return { code: 'admin.audit.detail.resetLink' };
  if (action === 'account-deleted' && keys.length === 1 && o.by === 'self') return { code: 'admin.audit.detail.bySelf' };
  if ((action === 'content-published' || action === 'content-rolled-back') && typeof o.message === 'string')
    return { code: 'admin.audit.detail.publish', values: { message: o.message } };
  if (action === 'content-reverted' && typeof o.path === 'string')
    return { code: 'admin.audit.detail.path', values: { path: o.path } };
  // Detail of a shape this reading does not know yet: shown as it was stored, never dropped.
  const fields = Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`)
    .join(', ');
  return { code: 'admin.audit.detail.fields', values: { fields } };
}

/** An entry's detail in the reader's language (role names too); '' when there is nothing to say. */
export function auditDetailText(
  t: (id: MessageId, values?: Record<string, string | number>) => string,
  action: string,
  detail: string,
) {
  const said = describeDetail(action, detail);
  if (!said) return '';
  if (said.code === 'admin.audit.detail.role')
    return t(said.code, {
      from: t('admin.role.name', { role: said.values.from }),
      to: t('admin.role.name', { role: said.values.to }),
    });
  return t(said.code, said.values);
}
