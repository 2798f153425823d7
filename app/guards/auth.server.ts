import { redirect } from '@remix-run/node';
import type { Role } from '../../db/schema';
import { getSessionUser, type SessionUser } from '../infra/session.server';

export type { SessionUser };

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return redirect(`/login?${new URLSearchParams({ redirectTo: here })}`);
}

/** A 403 in plain words; the shared error boundary renders it. */
export function forbidden(message: string = 'error.forbidden'): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden' });
}

/** The user if signed in, else null. For pages that anyone may see. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return getSessionUser(request);
}

/**
 * The signed-in user. Throws a redirect to /login (with a safe redirectTo back here) when
 * nobody is signed in.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/**
 * The signed-in user if their role is one of `roles`. Anonymous: redirect to /login.
 * Signed in without the role: throws a 403. Admins pass every role check.
 */
export async function requireRole(request: Request, roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden();
  return user;
}
