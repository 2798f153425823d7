import { z } from 'zod';
import { db } from '../infra/db.server';
import { type Certificate, findCertificate } from '../models/certificate.server';
import { canViewTrainee } from '../models/cohort.server';
import { parseParams } from '../web/forms.server';
import { requireRole, requireUser, type SessionUser } from './auth.server';

// Who may reach a certificate (docs/decisions/023-certificates-and-verification.md): its owner
// downloads it; a trainer of the owner's group (or an admin) reissues it; only an admin revokes
// it. Anything out of reach answers 404, exactly like a certificate that does not exist.

const params = z.object({ id: z.uuid() });
const notFound = () => new Response('account.guard.certificateNotFound', { status: 404 });

/** The signed-in person's own certificate named by the URL. */
export async function requireOwnCertificate(
  request: Request,
  routeParams: Record<string, string | undefined>,
): Promise<{ user: SessionUser; certificate: Certificate }> {
  const user = await requireUser(request);
  const { id } = parseParams(routeParams, params);
  const certificate = await findCertificate(db(), id);
  if (!certificate || certificate.userId !== user.id) throw notFound();
  return { user, certificate };
}

/** A certificate of a trainee the signed-in trainer may see (admins: any). */
export async function requireManagedCertificate(
  request: Request,
  routeParams: Record<string, string | undefined>,
): Promise<{ user: SessionUser; certificate: Certificate }> {
  const user = await requireRole(request, ['trainer']);
  const { id } = parseParams(routeParams, params);
  const certificate = await findCertificate(db(), id);
  if (!certificate || !(await canViewTrainee(db(), user, certificate.userId))) throw notFound();
  return { user, certificate };
}
