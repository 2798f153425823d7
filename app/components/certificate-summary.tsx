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
  return (
    <dl className="certificate-summary">
      <dt>Name</dt>
      <dd>{c.legalName}</dd>
      <dt>Course</dt>
      <dd>{c.courseTitle}</dd>
      <dt>Hours of training</dt>
      <dd>
        {c.hours.total} ({c.hours.live} live, {c.hours.selfPaced} self-paced)
      </dd>
      <dt>Training dates</dt>
      <dd>{c.dates}</dd>
      <dt>Issued</dt>
      <dd>{c.issuedOn}</dd>
      <dt>Certificate number</dt>
      <dd>{c.number}</dd>
    </dl>
  );
}
