// PLACEHOLDER: replaced by the cert branch at merge
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface CertificateFacts {
  legalName: string;
  courseSlug: string;
  courseTitle: string;
  liveMinutes: number;
  selfPacedMinutes: number;
  startedOn: string;
  completedOn: string;
  competencies: string[];
  signerName: string;
  signerTitle: string;
}
// startedOn/completedOn: 'YYYY-MM-DD' in Pacific time

export async function issueCertificate(
  _trx: Kysely<Database>,
  _input: { userId: string; issuedBy: string; completionId: string; facts: CertificateFacts },
  _now?: number,
): Promise<{ id: string; number: string }> {
  return { id: randomUUID(), number: 'PENDING' };
}
