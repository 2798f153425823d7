import type { Locale } from '../i18n/locales';
import { pacificDateTime } from './dates';

/** A certificate as the trainer's pages show it. */
export interface CertificateRow {
  id: string;
  number: string;
  courseTitle: string;
  status: 'valid' | 'revoked' | 'replaced';
  issuedOn: string;
  revokedOn: string;
  revokeReason: string | null;
}

/** A certificate as the trainer's pages show it (dates in Pacific time). */
export function certificateRow(
  c: {
    id: string;
    number: string;
    facts: { courseTitle: string };
    status: CertificateRow['status'];
    issuedAt: number;
    revokedAt: number | null;
    revokeReason: string | null;
  },
  locale: Locale = 'en',
): CertificateRow {
  return {
    id: c.id,
    number: c.number,
    courseTitle: c.facts.courseTitle,
    status: c.status,
    issuedOn: pacificDateTime(c.issuedAt, locale),
    revokedOn: pacificDateTime(c.revokedAt, locale),
    revokeReason: c.revokeReason,
  };
}
