import type { CertificateRow } from '../components/certificate-admin';
import { pacificDateTime } from './dates';

/** A certificate as the trainer's pages show it (dates in Pacific time). */
export function certificateRow(c: {
  id: string;
  number: string;
  facts: { courseTitle: string };
  status: CertificateRow['status'];
  issuedAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}): CertificateRow {
  return {
    id: c.id,
    number: c.number,
    courseTitle: c.facts.courseTitle,
    status: c.status,
    issuedOn: pacificDateTime(c.issuedAt),
    revokedOn: pacificDateTime(c.revokedAt),
    revokeReason: c.revokeReason,
  };
}
