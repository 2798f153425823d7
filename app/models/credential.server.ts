import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback } from 'node:zlib';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { openBadgeCredential, type Program } from '../domain/certificate';
import { emptyStatusList, STATUS_LIST_LENGTH, setStatusBit } from '../domain/status-list';
import { env } from '../infra/env.server';
import { issuerDid, signingKey } from '../infra/signing.server';
import { type Certificate, findByStatusIndex, revokedStatusIndexes } from './certificate.server';

// Open Badges 3.0 credentials and their revocation status list, signed as VC-JWTs
// (docs/decisions/024-signing-keys-and-open-badges.md). Nothing is stored: a credential is
// built from the certificate's snapshot and signed when downloaded. Ed25519 signatures are
// deterministic and every claim comes from the certificate, so each download is the same bytes.

const gzip = promisify(gzipCallback);

/** The one status list, and its URL. A second list would be /credentials/status/2. */
export const STATUS_LIST_ID = '1';
export const statusListUrl = () => `${env().APP_URL}/credentials/status/${STATUS_LIST_ID}`;
export const verifyUrl = (number: string) => `${env().APP_URL}/verify/${number}`;

export function program(): Program {
  const e = env();
  return { name: e.PROGRAM_NAME, address: e.PROGRAM_ADDRESS, approval: e.PROGRAM_APPROVAL };
}

function issuer() {
  return { id: issuerDid(), name: env().PROGRAM_NAME, url: env().APP_URL };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The certificate as a signed Open Badges 3.0 credential (compact VC-JWT). */
export async function signedCredential(certificate: Certificate): Promise<string> {
  const credential = openBadgeCredential({
    credentialId: `urn:uuid:${certificate.id}`,
    issuer: issuer(),
    program: program(),
    achievementId: `${env().APP_URL}/courses/${certificate.courseSlug}`,
    facts: certificate.facts,
    number: certificate.number,
    verifyUrl: verifyUrl(certificate.number),
    validFrom: new Date(certificate.issuedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    status: { listUrl: statusListUrl(), index: certificate.statusIndex },
  });
  const key = await signingKey();
  return new SignJWT({ ...credential })
    .setProtectedHeader({ alg: key.alg, typ: 'vc+jwt', cty: 'vc', kid: key.kid })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setIssuedAt(seconds(certificate.issuedAt))
    .setNotBefore(seconds(certificate.issuedAt))
    .sign(key.privateKey);
}

/** The revocation status list as a signed BitstringStatusListCredential (compact VC-JWT). */
export async function signedStatusList(db: Kysely<Database>, now: number = Date.now()): Promise<string> {
  const list = emptyStatusList();
  for (const index of await revokedStatusIndexes(db)) setStatusBit(list, index);
  const encodedList = `u${Buffer.from(await gzip(list)).toString('base64url')}`;
  const url = statusListUrl();
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid(),
    validFrom: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
  const key = await signingKey();
  return new SignJWT({ ...credential })
    .setProtectedHeader({ alg: key.alg, typ: 'vc+jwt', cty: 'vc', kid: key.kid })
    .setIssuer(issuerDid())
    .setIssuedAt(seconds(now))
    .sign(key.privateKey);
}

/** Reads a status list credential's bits (for tests and any verifier written in TypeScript). */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u')) throw new Error('A status list is multibase base64url, starting with "u".');
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url')));
}

/** The public keys credentials are signed with, as a JSON Web Key Set. */
export async function publicKeySet() {
  const key = await signingKey();
  return { keys: [key.publicJwk] };
}

/** The issuer's did:web document: the same public key as a verification method. */
export async function didDocument() {
  const key = await signingKey();
  const did = issuerDid();
  const method = { id: key.kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: key.publicJwk };
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [method],
    assertionMethod: [key.kid],
  };
}

/** What the verify page says about a pasted or uploaded credential, check by check. */
export type CredentialCheck =
  | { ok: false; problem: 'unreadable' | 'not-ours' | 'signature' }
  | {
      ok: true;
      expired: boolean;
      validUntil: string | null;
      revoked: boolean | null;
      number: string | null;
      name: string;
      achievement: string;
      description: string;
      issuerName: string;
      validFrom: string;
    };

interface CredentialClaims {
  issuer?: string | { id?: string; name?: string };
  name?: string;
  description?: string;
  validFrom?: string;
  validUntil?: string;
  credentialSubject?: {
    identifier?: { identityType?: string; identityHash?: string }[];
    achievement?: { name?: string; description?: string };
  };
  credentialStatus?: { statusListIndex?: string; statusListCredential?: string };
}

/**
 * Checks a credential someone pasted: that we issued it (issuer and key id are this site's),
 * that the signature holds, whether it has expired, and whether it is revoked in our status list.
 */
export async function checkCredential(db: Kysely<Database>, text: string, now: number = Date.now()): Promise<CredentialCheck> {
  const jwt = text.trim();
  let claims: CredentialClaims;
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jwt).kid;
    claims = decodeJwt(jwt) as CredentialClaims;
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const key = await signingKey();
  const issuerId = typeof claims.issuer === 'string' ? claims.issuer : claims.issuer?.id;
  if (issuerId !== issuerDid() || kid !== key.kid) return { ok: false, problem: 'not-ours' };
  try {
    // Expiry is judged below in words, not as a failed signature.
    await jwtVerify(jwt, key.publicKey, {
      issuer: issuerDid(),
      currentDate: new Date(now),
      clockTolerance: Number.MAX_SAFE_INTEGER,
    });
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) return { ok: false, problem: 'signature' };
    throw e;
  }
  const validUntil = claims.validUntil ?? null;
  const expired = validUntil !== null && Date.parse(validUntil) <= now;
  let revoked: boolean | null = null;
  const status = claims.credentialStatus;
  const index = Number(status?.statusListIndex);
  if (status?.statusListCredential === statusListUrl() && Number.isInteger(index) && index >= 0 && index < STATUS_LIST_LENGTH) {
    // The same answer the signed status list gives: the entry's bit is set once revoked.
    revoked = Boolean((await findByStatusIndex(db, index))?.revokedAt);
  }
  const name = claims.credentialSubject?.identifier?.find((i) => i.identityType === 'name')?.identityHash ?? '';
  const number = /Certificate number ([0-9A-Z-]{19})/.exec(claims.description ?? '')?.[1] ?? null;
  return {
    ok: true,
    expired,
    validUntil,
    revoked,
    number,
    name,
    achievement: claims.credentialSubject?.achievement?.name ?? claims.name ?? '',
    description: claims.credentialSubject?.achievement?.description ?? '',
    issuerName: typeof claims.issuer === 'object' ? (claims.issuer.name ?? '') : '',
    validFrom: claims.validFrom ?? '',
  };
}
