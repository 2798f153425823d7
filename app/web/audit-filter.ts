import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit';
import { pacificDayEnd, pacificDayStart } from './dates';

// The audit log's filters, read from the address the same way by the page and its CSV export.
// Anything unreadable is dropped (the filter widens) rather than answered with an error.

// Built on first use, so no zod code runs in the browser bundle (docs/decisions/008).
const build = () => {
  const day = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(Date.parse(v)));
  const optionalEmail = z.string().trim().toLowerCase().max(254);
  return z.object({
    action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
    actor: optionalEmail.optional().catch(undefined),
    target: optionalEmail.optional().catch(undefined),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  });
};
let schema: ReturnType<typeof build> | undefined;

export type AuditSearch = z.output<ReturnType<typeof build>>;

export function auditSearch(url: URL): AuditSearch {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  schema ??= build();
  return schema.parse({ page: 1, ...raw });
}

/** The filter for listAudit: dates are whole Pacific days, both ends included. */
export function auditFilter(s: AuditSearch) {
  return {
    action: s.action,
    actorEmail: s.actor || undefined,
    targetEmail: s.target || undefined,
    from: s.from ? pacificDayStart(s.from) : undefined,
    to: s.to ? pacificDayEnd(s.to) : undefined,
  };
}
