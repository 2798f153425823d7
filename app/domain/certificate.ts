// What a certificate of completion says, and how it says it (docs/decisions/023-certificates-and-verification.md).
// Pure: the PDF, the verify page and the Open Badges credential all word hours and dates here.

/**
 * The facts a certificate states, as they were when it was issued (a snapshot: later edits to
 * the course or the account do not change an issued certificate). The record's completion
 * flow builds them. startedOn/completedOn: 'YYYY-MM-DD' in Pacific time.
 */
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

/** "52 hours 30 minutes", "1 hour", "45 minutes", "0 minutes". */
export function formatHours(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const parts = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The signer's title as a certificate stores it: in English, as the signed credential says it.
 * The PDF says it in its reader's language (the role back from the title, by signerRole).
 */
export const SIGNER_TITLES = { admin: 'Program administrator', trainer: 'Trainer' } as const;
export type SignerRole = keyof typeof SIGNER_TITLES;

/** The role a stored signer title names; null for any other title (kept as it was written). */
export function signerRole(title: string): SignerRole | null {
  return (Object.keys(SIGNER_TITLES) as SignerRole[]).find((r) => SIGNER_TITLES[r] === title) ?? null;
}

/** '2026-11-23' -> 'November 23, 2026'. The date is already Pacific; no time zone is applied. */
export function formatCalendarDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

/** The hours lines every rendering shares. */
export function hoursSummary(facts: Pick<CertificateFacts, 'liveMinutes' | 'selfPacedMinutes'>) {
  return {
    total: formatHours(facts.liveMinutes + facts.selfPacedMinutes),
    live: formatHours(facts.liveMinutes),
    selfPaced: formatHours(facts.selfPacedMinutes),
  };
}

/** "September 1, 2026 to November 23, 2026" (one date when both are the same day). */
export function trainingDates(facts: Pick<CertificateFacts, 'startedOn' | 'completedOn'>): string {
  if (facts.startedOn === facts.completedOn) return formatCalendarDate(facts.completedOn);
  return `${formatCalendarDate(facts.startedOn)} to ${formatCalendarDate(facts.completedOn)}`;
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'longOffset' });

/** '2026-07-01' -> '2026-07-01T00:00:00-07:00': the start of that day in Pacific time. */
export function pacificMidnight(isoDate: string): string {
  const noonUtc = Date.parse(`${isoDate}T12:00:00Z`);
  const name = Number.isNaN(noonUtc)
    ? ''
    : (offsetFormat.formatToParts(noonUtc).find((p) => p.type === 'timeZoneName')?.value ?? '');
  const offset = /GMT([+-]\d{2}:\d{2})/.exec(name)?.[1] ?? '-08:00';
  return `${isoDate}T00:00:00${offset}`;
}

export interface Program {
  name: string;
  address: string;
  /** An approval statement the program configures (e.g. its provider number), or ''. */
  approval: string;
}

/** The criteria narrative of the achievement, in the credential and on nothing else. */
export function criteriaNarrative(facts: CertificateFacts, program: Program): string {
  const h = hoursSummary(facts);
  return `Completed the ${facts.courseTitle} training with ${program.name}: ${h.total} of training (${h.live} live, ${h.selfPaced} self-paced), from ${trainingDates(facts)}, confirmed by ${facts.signerName}, ${facts.signerTitle}.`;
}

/**
 * The Open Badges 3.0 credential (a W3C Verifiable Credential, data model 2.0) for one
 * certificate, unsigned. The legal name goes in credentialSubject.identifier, as OB 3.0 allows
 * for a name given in the clear (hashed: false).
 */
export function openBadgeCredential(input: {
  credentialId: string;
  issuer: { id: string; name: string; url: string };
  program: Program;
  achievementId: string;
  facts: CertificateFacts;
  number: string;
  verifyUrl: string;
  /** ISO date-time the certificate was issued. */
  validFrom: string;
  status: { listUrl: string; index: number };
}) {
  const { facts, program } = input;
  const h = hoursSummary(facts);
  const issuer = {
    id: input.issuer.id,
    type: ['Profile'],
    name: input.issuer.name,
    url: input.issuer.url,
    description: [program.address, program.approval].filter(Boolean).join('. '),
  };
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: input.credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Certificate of completion: ${facts.courseTitle}`,
    description: `Certificate number ${input.number}. Check it at ${input.verifyUrl}`,
    issuer,
    validFrom: input.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.legalName }],
      activityStartDate: pacificMidnight(facts.startedOn),
      activityEndDate: pacificMidnight(facts.completedOn),
      achievement: {
        id: input.achievementId,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: facts.courseTitle,
        description: `${h.total} of training: ${h.live} live and ${h.selfPaced} self-paced.`,
        criteria: { narrative: criteriaNarrative(facts, program) },
        tag: facts.competencies,
        creator: issuer,
      },
    },
    credentialStatus: {
      id: `${input.status.listUrl}#${input.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.status.index),
      statusListCredential: input.status.listUrl,
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;
