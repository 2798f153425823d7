// Prints a new Ed25519 private key as a JSON Web Key, for CREDENTIAL_SIGNING_KEY
// (docs/decisions/024-signing-keys-and-open-badges.md). Keep it secret, like SESSION_SECRET.
import { generateKeyPairSync } from 'node:crypto';

/** A fresh Ed25519 private key as one line of JWK JSON. */
export function newCredentialKey(): string {
  return JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(newCredentialKey());
