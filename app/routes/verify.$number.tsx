import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CertificateSummary } from '~/components/certificate-summary';
import { hoursSummary, trainingDates } from '~/domain/certificate';
import { parseCertificateNumber } from '~/domain/certificate-number';
import { db } from '~/infra/db.server';
import { publicCertificate, reserveVerifyCheck } from '~/models/certificate.server';
import { pacificDateTime } from '~/web/dates';
import { pageMeta } from '~/web/meta';

// Public: anyone with a certificate number (an employer, CalMHSA) checks it here without signing
// in (ADR 023). A malformed number is told at once, with no lookup; every lookup counts against
// the visitor's address, so numbers cannot be tried in bulk.

export const meta: MetaFunction = () => [
  ...pageMeta('Check a certificate · Peer Academy', 'Check whether a Peer Academy certificate of completion is valid.'),
  { name: 'robots', content: 'noindex' },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const h = new Headers({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
  const retryAfter = loaderHeaders.get('Retry-After');
  if (retryAfter) h.set('Retry-After', retryAfter);
  return h;
};

const waitWords = (seconds: number) => (seconds >= 3600 ? 'an hour' : 'a minute');

export async function loader({ params, context }: LoaderFunctionArgs) {
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
        message: `There have been many checks from your network. Please wait ${waitWords(allowed.retryAfter)} and try again.`,
      } as const,
      { status: 429, headers: { 'Retry-After': String(allowed.retryAfter) } },
    );
  }
  const c = await publicCertificate(db(), parsed.number);
  if (!c) return json({ state: 'unknown', typed: parsed.number, certificate: null, message: null } as const, { status: 404 });
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
      issuedOn: pacificDateTime(c.issuedAt),
      revokedOn: pacificDateTime(c.revokedAt),
    },
  } as const);
}

export default function VerifyNumber() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Check a certificate</h1>
      {d.state === 'malformed' ? (
        <div className="form-error" role="alert">
          <p>
            “{d.typed}” is not a valid certificate number. A number has 16 letters and digits in four groups, like
            K7QM-3XPA-9F2D-H8TC. Please check each character against the certificate.
          </p>
        </div>
      ) : null}
      {d.state === 'throttled' ? (
        <div className="form-error" role="alert">
          <p>{d.message}</p>
        </div>
      ) : null}
      {d.state === 'unknown' ? (
        <div className="form-error" role="alert">
          <p>
            We have no certificate with the number {d.typed}. If you copied it from a certificate, please check each character, or
            ask the person to send the certificate again.
          </p>
        </div>
      ) : null}
      {d.certificate ? (
        <>
          {d.state === 'valid' ? (
            <p className="success">
              <strong>Valid.</strong> This certificate was issued by this training program and has not been revoked.
            </p>
          ) : (
            <div className="form-error">
              <p>
                <strong>{d.state === 'replaced' ? 'Replaced.' : 'Revoked.'}</strong>{' '}
                {d.state === 'replaced'
                  ? `This certificate was replaced by a newer one on ${d.certificate.revokedOn}. It is no longer valid; ask the person for their current certificate.`
                  : `This certificate was revoked on ${d.certificate.revokedOn}. It is no longer valid.`}
              </p>
            </div>
          )}
          <CertificateSummary c={d.certificate} />
        </>
      ) : null}
      <p>
        <Link to="/verify">Check another certificate or an Open Badges credential</Link>
      </p>
    </>
  );
}
