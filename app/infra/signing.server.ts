import { calculateJwkThumbprint, exportJWK, importJWK, importPKCS8, type JWK } from 'jose';
import { env } from './env.server';

// The key that signs Open Badges credentials and the status list, from CREDENTIAL_SIGNING_KEY
// (docs/decisions/024-signing-keys-and-open-badges.md). The issuer is named by did:web on the
// site's own address, and the public key is published at /.well-known/jwks.json and
// /.well-known/did.json.

export interface SigningKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half, as published (kid: the issuer's DID, then # and the JWK thumbprint). */
  publicJwk: JWK;
  alg: 'EdDSA' | 'ES256';
  /** The key id in the JOSE header: the issuer's DID with the thumbprint as fragment. */
  kid: string;
}

let cached: { source: string; key: Promise<SigningKey> } | undefined;

async function load(source: string): Promise<SigningKey> {
  let privateKey: CryptoKey;
  let alg: SigningKey['alg'];
  if (source.startsWith('-----BEGIN')) {
    // A PKCS#8 PEM: Ed25519 or P-256, told apart by trying.
    try {
      alg = 'EdDSA';
      privateKey = await importPKCS8(source, alg, { extractable: true });
    } catch {
      alg = 'ES256';
      privateKey = await importPKCS8(source, alg, { extractable: true });
    }
  } else {
    const jwk = JSON.parse(source) as JWK;
    alg = jwk.kty === 'EC' ? 'ES256' : 'EdDSA';
    privateKey = (await importJWK(jwk, alg, { extractable: true })) as CryptoKey;
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = await exportJWK(privateKey);
  const thumbprint = await calculateJwkThumbprint(pub);
  // One key id everywhere: the JOSE header, the JWKS and the DID document's verification method.
  const kid = `${issuerDid()}#${thumbprint}`;
  const publicJwk: JWK = { ...pub, kid, alg, use: 'sig' };
  const publicKey = (await importJWK(pub, alg)) as CryptoKey;
  return { privateKey, publicKey, publicJwk, alg, kid };
}

/** The signing key in force (loaded once per process). */
export function signingKey(): Promise<SigningKey> {
  const source = env().CREDENTIAL_SIGNING_KEY;
  if (!cached || cached.source !== source) cached = { source, key: load(source) };
  return cached.key;
}

/** did:web for the site's address: https://academy.example.org -> did:web:academy.example.org. */
export function issuerDid(): string {
  const url = new URL(env().APP_URL);
  return `did:web:${encodeURIComponent(url.host)}`;
}
