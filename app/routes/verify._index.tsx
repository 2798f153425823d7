import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormError } from '~/components/field';
import { parseCertificateNumber } from '~/domain/certificate-number';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { reserveVerifyCheck } from '~/models/certificate.server';
import { type CredentialCheck, checkCredential, program } from '~/models/credential.server';
import { parseForm, readForm } from '~/web/forms.server';

// Public: check a certificate by its number (a GET form that leads to /verify/<number>), or an
// Open Badges credential pasted or uploaded (ADR 024): signature, issuer, expiry and status.

export const meta: MetaFunction = ({ matches }) => [
  ...i18nMeta(matches, 'verify.home.title', 'verify.home.description'),
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
  const error = typed.trim() ? 'verify.home.invalidNumber' : 'verify.home.numberRequired';
  return json({ typed: typed.slice(0, 64), error, programName: program().name }, { status: 400 });
}

const isBlob = (v: unknown): v is Blob => typeof v === 'object' && v !== null && typeof (v as Blob).text === 'function';
const credentialSchema = () =>
  z.object({
    credential: z.string().max(MAX_CREDENTIAL, 'verify.home.credentialTooLong').optional(),
    file: z
      .custom<Blob | string>((v) => typeof v === 'string' || isBlob(v))
      .optional()
      .refine((v) => !isBlob(v) || v.size <= MAX_CREDENTIAL, 'verify.home.fileTooLarge'),
  });

type Result = { errors: Record<string, string>; check: CredentialCheck | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(form, credentialSchema);
  if (!parsed.ok) return json<Result>({ errors: parsed.errors, check: null }, { status: 400 });
  const { credential, file } = parsed.data;
  const text = credential?.trim() || (isBlob(file) ? (await file.text()).trim() : '');
  if (!text) return json<Result>({ errors: { credential: 'verify.home.credentialRequired' }, check: null }, { status: 400 });
  const address = context.clientAddress;
  const allowed = await reserveVerifyCheck(db(), address);
  if (!allowed.ok) {
    return json<Result>(
      {
        errors: {
          form: allowed.retryAfter >= 3600 ? 'verify.throttledHour' : 'verify.throttledMinute',
        },
        check: null,
      },
      { status: 429, headers: { 'Retry-After': String(allowed.retryAfter) } },
    );
  }
  return json<Result>({ errors: {}, check: await checkCredential(db(), text) });
}

const PROBLEM = {
  unreadable: 'verify.problem.unreadable',
  'not-ours': 'verify.problem.notOurs',
  signature: 'verify.problem.signature',
} as const;

function CheckResult({ check }: { check: CredentialCheck }) {
  const t = useT();
  if (!check.ok) {
    return (
      <div className="form-error" role="alert">
        <p>{t(PROBLEM[check.problem])}</p>
      </div>
    );
  }
  const good = !check.expired && check.revoked === false;
  return (
    <section aria-labelledby="result-heading" className={good ? 'success' : 'form-error'} role="status">
      <h2 id="result-heading">{good ? t('verify.check.valid') : t('verify.check.notValid')}</h2>
      <ul>
        <li>{t('verify.check.signature', { issuer: check.issuerName || t('verify.check.thisSite') })}</li>
        <li>
          {check.revoked === null
            ? t('verify.check.statusUnknown')
            : check.revoked
              ? t('verify.check.statusRevoked')
              : t('verify.check.statusNotRevoked')}
        </li>
        <li>
          {check.validUntil
            ? t(check.expired ? 'verify.check.expired' : 'verify.check.validUntil', { date: check.validUntil })
            : t('verify.check.noExpiry')}
        </li>
      </ul>
      <dl>
        <dt>{t('verify.check.name')}</dt>
        <dd>{check.name}</dd>
        <dt>{t('verify.check.achievement')}</dt>
        <dd>{check.achievement}</dd>
        <dt>{t('verify.check.details')}</dt>
        <dd>{check.description}</dd>
        <dt>{t('verify.check.issued')}</dt>
        <dd>{check.validFrom}</dd>
      </dl>
      {check.number ? (
        <p>
          <Link to={`/verify/${check.number}`}>{t('verify.check.seeCertificate', { number: check.number })}</Link>
        </p>
      ) : null}
    </section>
  );
}

export default function Verify() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <>
      <h1>{t('verify.home.heading')}</h1>
      <p>{t('verify.home.intro', { program: d.programName })}</p>
      <section aria-labelledby="number-heading" className="card">
        <h2 id="number-heading">{t('verify.home.byNumber')}</h2>
        <Form method="get" action="/verify" noValidate>
          <Field
            label={t('verify.home.numberLabel')}
            name="number"
            hint={t('verify.home.numberHint')}
            defaultValue={d.typed}
            error={d.error ?? undefined}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
          />
          <button type="submit">{t('verify.home.checkNumber')}</button>
        </Form>
      </section>
      <section aria-labelledby="credential-heading" className="card">
        <h2 id="credential-heading">{t('verify.home.byCredential')}</h2>
        <p>{t('verify.home.credentialIntro')}</p>
        {a?.check ? <CheckResult check={a.check} /> : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError error={a?.errors.form} />
          <div className="field">
            <label htmlFor="credential">{t('verify.home.pasteLabel')}</label>
            <textarea
              id="credential"
              name="credential"
              spellCheck={false}
              aria-invalid={a?.errors.credential ? true : undefined}
              aria-describedby={a?.errors.credential ? 'credential-error' : undefined}
            />
            {a?.errors.credential ? (
              <p className="field-error" id="credential-error">
                {maybeT(a.errors.credential)}
              </p>
            ) : null}
          </div>
          <Field
            label={t('verify.home.fileLabel')}
            name="file"
            type="file"
            accept=".jwt,.txt,application/vc+jwt"
            error={a?.errors.file}
          />
          <button type="submit">{t('verify.home.checkCredential')}</button>
        </Form>
      </section>
    </>
  );
}
