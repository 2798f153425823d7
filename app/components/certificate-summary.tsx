import { useT } from '~/i18n/react';

// What the public verify page shows about a certificate (ADR 023), as a description list.
// Gets only the fields the loader may send: the name, course, hours and dates.

export interface CertificateSummaryData {
  number: string;
  legalName: string;
  courseTitle: string;
  hours: { total: string; live: string; selfPaced: string };
  dates: string;
  issuedOn: string;
}

export function CertificateSummary({ c }: { c: CertificateSummaryData }) {
  const t = useT();
  return (
    <dl className="certificate-summary">
      <dt>{t('trainee.certSummary.name')}</dt>
      <dd>{c.legalName}</dd>
      <dt>{t('trainee.certSummary.course')}</dt>
      <dd>{c.courseTitle}</dd>
      <dt>{t('trainee.certSummary.hours')}</dt>
      <dd>{t('trainee.certSummary.hoursValue', { total: c.hours.total, live: c.hours.live, selfPaced: c.hours.selfPaced })}</dd>
      <dt>{t('trainee.certSummary.dates')}</dt>
      <dd>{c.dates}</dd>
      <dt>{t('trainee.certSummary.issued')}</dt>
      <dd>{c.issuedOn}</dd>
      <dt>{t('trainee.certSummary.number')}</dt>
      <dd>{c.number}</dd>
    </dl>
  );
}
