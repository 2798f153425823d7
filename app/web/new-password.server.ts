import { z } from 'zod';
import { HashQueueFull, hashPassword } from '../infra/password.server';
import { newPassword, parseForm } from './forms.server';

const schema = () => z.object({ password: newPassword });

export type NewPasswordResult =
  | { ok: true; passwordHash: string }
  | { ok: false; status: 400 | 429; errors: Record<string, string>; headers?: Record<string, string> };

/**
 * The "choose a password" step shared by password reset and roster invitations: the password
 * rules (field error), then the hash on the low-priority pool; a full pool is a 429 with the
 * same short wait as login (docs/decisions/013-login-throttling-and-device-cookies.md).
 */
export async function hashNewPassword(form: FormData): Promise<NewPasswordResult> {
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  try {
    return { ok: true, passwordHash: await hashPassword(parsed.data.password) };
  } catch (e) {
    if (!(e instanceof HashQueueFull)) throw e;
    return {
      ok: false,
      status: 429,
      errors: { form: 'account.form.busySignIn' },
      headers: { 'Retry-After': '2' },
    };
  }
}
