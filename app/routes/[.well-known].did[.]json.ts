import { json } from '@remix-run/node';
import { didDocument } from '~/models/credential.server';

// The issuer's did:web document (did:web:<host> resolves to https://<host>/.well-known/did.json), ADR 024.
export async function loader() {
  return json(await didDocument(), {
    headers: { 'Content-Type': 'application/did+json', 'Cache-Control': 'public, max-age=3600' },
  });
}
