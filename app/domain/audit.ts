// What the audit log records (issue #16 item 8) and how an entry reads to a person.

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

export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  'role-changed': 'Role changed',
  deactivated: 'Account deactivated',
  reactivated: 'Account reactivated',
  'reset-sent': 'Password reset link sent',
  'account-deleted': 'Account deleted',
  'content-published': 'Content published',
  'content-rolled-back': 'Publish rolled back',
  'content-reverted': 'Draft file reverted to published',
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABEL[action as AuditAction] ?? action;

/** A one-line plain reading of an entry's detail (stored as JSON), e.g. "trainee → trainer". */
export function describeDetail(action: string, detail: string): string {
  let d: unknown;
  try {
    d = JSON.parse(detail);
  } catch {
    return '';
  }
  if (!d || typeof d !== 'object') return '';
  const o = d as Record<string, unknown>;
  if (action === 'role-changed' && typeof o.from === 'string' && typeof o.to === 'string') return `${o.from} → ${o.to}`;
  if ((action === 'content-published' || action === 'content-rolled-back') && typeof o.message === 'string')
    return `“${o.message}”`;
  if (action === 'content-reverted' && typeof o.path === 'string') return o.path;
  if (action === 'reset-sent' && o.link === 'confirmation') return 'address not confirmed: confirmation link sent instead';
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`)
    .join(', ');
}
