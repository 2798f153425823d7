import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { parseCertificateNumber } from '~/domain/certificate-number';
import { db } from '~/infra/db.server';
import { reserveVerifyCheck } from '~/models/certificate.server';
import { type CredentialCheck, checkCredential, program } from '~/models/credential.server';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Public: check a certificate by its number (a GET form that leads to /verify/<number>), or an
// Open Badges credential pasted or uploaded (ADR 024): signature, issuer, expiry and status.

export const meta: MetaFunction = () => [
  ...pageMeta(
    'Check a certificate · Peer Academy',
    'Check a certificate of completion or a digital credential, without an account.',
  ),
  { name: 'robots', content: 'noindex' },
];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers({ 'X-Robots-Tag': 'noindex' });
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) h.set('Retry-After', retryAfter);
  return h;
};

/** Longer than any credential we issue (about 3 KB) by far; anything bigger is not one of ours. */
const MAX_CREDENTIAL = 20_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get('number');
  if (typed === null) return json({ typed: '', error: null, programName: program().name });
  const parsed = parseCertificateNumber(typed.slice(0, 64));
  if (parsed.ok) throw redirect(`/verify/${parsed.number}`);
  const error = typed.trim()
    ? 'This is not a valid certificate number. A number has 16 letters and digits, like K7QM-3XPA-9F2D-H8TC. Please check each character.'
    : 'Type the certificate number.';
  return json({ typed: typed.slice(0, 64), error, programName: program().name }, { status: 400 });
}

const isBlob = (v: unknown): v is Blob => typeof v === 'object' && v !== null && typeof (v as Blob).text === 'function';
const credentialSchema = () =>
  z.object({
    credential: z.string().max(MAX_CREDENTIAL, 'That is much longer than a credential from this site.').optional(),
    file: z
      .custom<Blob | string>((v) => typeof v === 'string' || isBlob(v))
      .optional()
      .refine((v) => !isBlob(v) || v.size <= MAX_CREDENTIAL, 'That file is much larger than a credential from this site.'),
  });

type Result = { errors: Record<string, string>; check: CredentialCheck | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, credentialSchema);
  if (!parsed.ok) return json<Result>({ errors: parsed.errors, check: null }, { status: 400 });
  const { credential, file } = parsed.data;
  const text = credential?.trim() || (isBlob(file) ? (await file.text()).trim() : '');
  if (!text)
    return json<Result>({ errors: { credential: 'Paste the credential, or choose its file.' }, check: null }, { status: 400 });
  const address = context.clientAddress;
  const allowed = await reserveVerifyCheck(db(), address);
  if (!allowed.ok) {
    return json<Result>(
      {
        errors: {
          form: `There have been many checks from your network. Please wait ${allowed.retryAfter >= 3600 ? 'an hour' : 'a minute'} and try again.`,
        },
        check: null,
      },
      { status: 429, headers: { 'Retry-After': String(allowed.retryAfter) } },
    );
  }
  return json<Result>({ errors: {}, check: await checkCredential(db(), text) });
}

const PROBLEM = {
  unreadable:
    'We could not read this as a credential. Paste the whole text of the .jwt file: three long parts separated by dots.',
  'not-ours': 'This credential was not issued by this site, so we cannot check it here. Check it with the site that issued it.',
  signature:
    'Not valid: the signature does not match. The credential was changed after it was issued, or it was not signed by this site. Do not rely on it.',
} as const;

function CheckResult({ check }: { check: CredentialCheck }) {
  if (!check.ok) {
    return (
      <div className="form-error" role="alert">
        <p>{PROBLEM[check.problem]}</p>
      </div>
    );
  }
  const good = !check.expired && check.revoked === false;
  return (
    <section aria-labelledby="result-heading" className={good ? 'success' : 'form-error'} role="status">
      <h2 id="result-heading">{good ? 'This credential is valid' : 'This credential is not valid'}</h2>
      <ul>
        <li>Signature: valid. It was signed by {check.issuerName || 'this site'} with this site’s key.</li>
        <li>
          Status:{' '}
          {check.revoked === null
            ? 'unknown: it does not name this site’s status list.'
            : check.revoked
              ? 'revoked. It is no longer valid.'
              : 'not revoked.'}
        </li>
        <li>
          Expiry:{' '}
          {check.validUntil ? `${check.expired ? 'expired on' : 'valid until'} ${check.validUntil}.` : 'it does not expire.'}
        </li>
      </ul>
      <dl>
        <dt>Name</dt>
        <dd>{check.name}</dd>
        <dt>Achievement</dt>
        <dd>{check.achievement}</dd>
        <dt>Details</dt>
        <dd>{check.description}</dd>
        <dt>Issued</dt>
        <dd>{check.validFrom}</dd>
      </dl>
      {check.number ? (
        <p>
          <Link to={`/verify/${check.number}`}>See certificate {check.number}</Link>
        </p>
      ) : null}
    </section>
  );
}

export default function Verify() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <>
      <h1>Check a certificate</h1>
      <p>
        Check a certificate of completion from {d.programName}. You do not need an account. We show whether it is valid, with the
        name, course, hours and dates it states.
      </p>
      <section aria-labelledby="number-heading" className="card">
        <h2 id="number-heading">By certificate number</h2>
        <Form method="get" action="/verify" noValidate>
          <Field
            label="Certificate number"
            name="number"
            hint="Printed on the certificate under the QR code, like K7QM-3XPA-9F2D-H8TC."
            defaultValue={d.typed}
            error={d.error ?? undefined}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
          />
          <button type="submit">Check the number</button>
        </Form>
      </section>
      <section aria-labelledby="credential-heading" className="card">
        <h2 id="credential-heading">By Open Badges credential</h2>
        <p>
          A digital credential (a .jwt file) from this site holds the same certificate, signed. We check its signature, who issued
          it, whether it has expired and whether it was revoked.
        </p>
        {a?.check ? <CheckResult check={a.check} /> : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={a?.errors.form} />
          <div className="field">
            <label htmlFor="credential">Paste the credential</label>
            <textarea
              id="credential"
              name="credential"
              spellCheck={false}
              aria-invalid={a?.errors.credential ? true : undefined}
              aria-describedby={a?.errors.credential ? 'credential-error' : undefined}
            />
            {a?.errors.credential ? (
              <p className="field-error" id="credential-error">
                {a.errors.credential}
              </p>
            ) : null}
          </div>
          <Field
            label="Or choose the credential file"
            name="file"
            type="file"
            accept=".jwt,.txt,application/vc+jwt"
            error={a?.errors.file}
          />
          <button type="submit">Check the credential</button>
        </Form>
      </section>
    </>
  );
}
