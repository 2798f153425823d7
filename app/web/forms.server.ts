import { z } from 'zod';
import { passwordProblem } from '../infra/password-rule.server';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Plain values of a form, for echoing back what the user typed (never passwords). */
export function formValues(form: FormData, omit: string[] = ['password']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !omit.includes(k)) values[k] = v;
  return values;
}

/**
 * A schema, or a function that builds it. Route modules pass a function so that no zod code
 * runs in the browser bundle (docs/decisions/008-page-weight-and-unit-html-once.md); it is
 * built on first use and kept, since building a zod schema costs more than using it.
 */
export type SchemaSource<S extends z.ZodType> = S | (() => S);
const built = new WeakMap<() => z.ZodType, z.ZodType>();
function schemaOf<S extends z.ZodType>(source: SchemaSource<S>): S {
  if (typeof source !== 'function') return source;
  let schema = built.get(source);
  if (!schema) {
    schema = source();
    built.set(source, schema);
  }
  return schema as S;
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The body of a form post. Every action reads its form here, never with `request.formData()`,
 * which throws (and so answered 500) on JSON, text, an empty or broken multipart body, or a
 * body cut off mid-way. Anything that is not a readable form is a 415 or 400 the error
 * boundary shows in plain words; a 4xx is never logged as our fault (app/entry.server.tsx).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type)) {
    throw new Response('account.form.notAcceptedHere', {
      status: 415,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response('account.form.unreadable', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}

/** Parses a form with a zod schema; on failure returns the first message per field. */
export function parseForm<S extends z.ZodType>(form: FormData, source: SchemaSource<S>): FormResult<z.output<S>> {
  const schema = schemaOf(source);
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!errors[key]) errors[key] = issue.message;
  }
  return { ok: false, errors, values: formValues(form) };
}

/** Parses route params or search params; a failure is a 400/404 the error boundary shows. */
export function parseParams<S extends z.ZodType>(
  params: Record<string, string | undefined>,
  source: SchemaSource<S>,
  status = 404,
): z.output<S> {
  const result = schemaOf(source).safeParse(params);
  if (!result.success) throw new Response('account.form.noSuchPage', { status });
  return result.data;
}

// Shared atoms
export const email = z
  .string({ message: 'account.form.email.required' })
  .trim()
  .toLowerCase()
  .min(1, 'account.form.email.required')
  .max(254, 'account.form.email.tooLong')
  .pipe(z.email('account.form.email.invalid'));
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
export const id = z.uuid();
export const joinCode = z
  .string({ message: 'account.form.joinCode.required' })
  .trim()
  .toUpperCase()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, 'account.form.joinCode.invalid'));
/** A password being set: the rule lives in password-rule.server.ts (NIST SP 800-63B). */
export const newPassword = z.string({ message: 'account.form.password.required' }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
