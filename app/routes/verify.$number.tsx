import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { CertificateSummary } from '~/components/certificate-summary';
import { hoursSummary, trainingDates } from '~/domain/certificate';
import { parseCertificateNumber } from '~/domain/certificate-number';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { publicCertificate, reserveVerifyCheck } from '~/models/certificate.server';
import { pacificDateTime } from '~/web/dates';

// Public: anyone with a certificate number (an employer, CalMHSA) checks it here without signing
// in (ADR 023). A malformed number is told at once, with no lookup; every lookup counts against
// the visitor's address, so numbers cannot be tried in bulk.

export const meta: MetaFunction = ({ matches }) => [
  ...i18nMeta(matches, 'verify.home.title', 'verify.number.description'),
  { name: 'robots', content: 'noindex' },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const h = new Headers({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
  const retryAfter = loaderHeaders.get('Retry-After');
  if (retryAfter) h.set('Retry-After', retryAfter);
  return h;
};

const waitMessage = (seconds: number) => (seconds >= 3600 ? 'verify.throttledHour' : 'verify.throttledMinute');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const typed = (params.number ?? '').slice(0, 64);
  const parsed = parseCertificateNumber(typed);
  if (!parsed.ok) return json({ state: 'malformed', typed, certificate: null, message: null } as const, { status: 400 });
  const address = context.clientAddress;
  const allowed = await reserveVerifyCheck(db(), address);
  if (!allowed.ok) {
    return json(
      {
        state: 'throttled',
        typed,
        certificate: null,
        message: waitMessage(allowed.retryAfter),
      } as const,
      { status: 429, headers: { 'Retry-After': String(allowed.retryAfter) } },
    );
  }
  const c = await publicCertificate(db(), parsed.number);
  if (!c) return json({ state: 'unknown', typed: parsed.number, certificate: null, message: null } as const, { status: 404 });
  const locale = await requestLocale(request);
  return json({
    state: c.status,
    typed: c.number,
    message: null,
    certificate: {
      number: c.number,
      legalName: c.legalName,
      courseTitle: c.courseTitle,
      hours: hoursSummary(c),
      dates: trainingDates(c),
      issuedOn: pacificDateTime(c.issuedAt, locale),
      revokedOn: pacificDateTime(c.revokedAt, locale),
    },
  } as const);
}

export default function VerifyNumber() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  return (
    <>
      <h1>{t('verify.home.heading')}</h1>
      {d.state === 'malformed' ? (
        <div className="form-error" role="alert">
          <p>{t('verify.number.malformed', { typed: d.typed })}</p>
        </div>
      ) : null}
      {d.state === 'throttled' ? (
        <div className="form-error" role="alert">
          <p>{d.message ? t(d.message) : null}</p>
        </div>
      ) : null}
      {d.state === 'unknown' ? (
        <div className="form-error" role="alert">
          <p>{t('verify.number.unknown', { number: d.typed })}</p>
        </div>
      ) : null}
      {d.certificate ? (
        <>
          {d.state === 'valid' ? (
            <p className="success">{t('verify.number.valid', { strong })}</p>
          ) : (
            <div className="form-error">
              <p>
                {t(d.state === 'replaced' ? 'verify.number.replaced' : 'verify.number.revoked', {
                  date: d.certificate.revokedOn,
                  strong,
                })}
              </p>
            </div>
          )}
          <CertificateSummary c={d.certificate} />
        </>
      ) : null}
      <p>
        <Link to="/verify">{t('verify.number.another')}</Link>
      </p>
    </>
  );
}
