import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/intl.server';
import {
  type CertificateFacts,
  criteriaNarrative,
  formatCalendarDate,
  formatHours,
  openBadgeCredential,
  pacificMidnight,
  SIGNER_TITLES,
  signerRole,
  trainingDates,
} from './certificate';

const facts: CertificateFacts = {
  legalName: 'María José Núñez',
  courseSlug: 'peer-support-core',
  courseTitle: 'Peer Support Core',
  liveMinutes: 3150,
  selfPacedMinutes: 1650,
  startedOn: '2026-07-01',
  completedOn: '2026-11-23',
  competencies: ['Ethics', 'Recovery'],
  signerName: 'Jordan Trainer',
  signerTitle: 'Lead Trainer',
};
const program = { name: 'Bay Peers', address: '1 Main St', approval: '' };

describe('certificate wording', () => {
  it('says hours and minutes in words', () => {
    expect(formatHours(4800)).toBe('80 hours');
    expect(formatHours(3150)).toBe('52 hours 30 minutes');
    expect(formatHours(61)).toBe('1 hour 1 minute');
    expect(formatHours(45)).toBe('45 minutes');
    expect(formatHours(0)).toBe('0 minutes');
  });
  it('says dates without moving them across time zones', () => {
    expect(formatCalendarDate('2026-11-23')).toBe('November 23, 2026');
    expect(formatCalendarDate('2027-01-01')).toBe('January 1, 2027');
    expect(trainingDates(facts)).toBe('July 1, 2026 to November 23, 2026');
    expect(trainingDates({ startedOn: '2026-07-01', completedOn: '2026-07-01' })).toBe('July 1, 2026');
  });
  it('starts a Pacific day at the right offset in summer and winter', () => {
    expect(pacificMidnight('2026-07-01')).toBe('2026-07-01T00:00:00-07:00');
    expect(pacificMidnight('2026-12-01')).toBe('2026-12-01T00:00:00-08:00');
  });
  it('builds an Open Badges 3.0 credential with the legal name as an identifier and a status entry', () => {
    const vc = openBadgeCredential({
      credentialId: 'urn:uuid:1',
      issuer: { id: 'did:web:academy.example.org', name: 'Bay Peers', url: 'https://academy.example.org' },
      program,
      achievementId: 'https://academy.example.org/courses/peer-support-core',
      facts,
      number: 'AAAA-BBBB-CCCC-DDDD',
      verifyUrl: 'https://academy.example.org/verify/AAAA-BBBB-CCCC-DDDD',
      validFrom: '2026-11-23T20:00:00Z',
      status: { listUrl: 'https://academy.example.org/credentials/status/1', index: 42 },
    });
    expect(vc['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'María José Núñez' },
    ]);
    expect(vc.credentialSubject.achievement.criteria.narrative).toBe(criteriaNarrative(facts, program));
    expect(vc.credentialSubject.achievement.criteria.narrative).toContain('80 hours of training (52 hours 30 minutes live');
    expect(vc.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusListIndex: '42',
      statusPurpose: 'revocation',
    });
  });
});

describe('signer titles', () => {
  it('stores the English title and finds the role back from it', () => {
    expect(signerRole(SIGNER_TITLES.admin)).toBe('admin');
    expect(signerRole(SIGNER_TITLES.trainer)).toBe('trainer');
    expect(signerRole('Lead Trainer')).toBeNull();
  });
  it('says the title in Spanish on a Spanish certificate, and a title of its own as written', () => {
    const es = translator('es');
    const en = translator('en');
    for (const role of ['admin', 'trainer'] as const) {
      expect(en('certificate.pdf.signerTitle', { role, title: SIGNER_TITLES[role] })).toBe(SIGNER_TITLES[role]);
      expect(es('certificate.pdf.signerTitle', { role, title: SIGNER_TITLES[role] })).not.toBe(SIGNER_TITLES[role]);
    }
    expect(es('certificate.pdf.signerTitle', { role: 'other', title: 'Lead Trainer' })).toBe('Lead Trainer');
  });
});
