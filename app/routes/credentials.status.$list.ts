import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { db } from '~/infra/db.server';
import { STATUS_LIST_ID, signedStatusList } from '~/models/credential.server';
import { parseParams } from '~/web/forms.server';

const paramsSchema = () => z.object({ list: z.literal(STATUS_LIST_ID) });

// The revocation status list of every credential, a signed BitstringStatusListCredential (ADR 024).
// Wallets and verifiers fetch it; a revocation shows in the next fetch.
export async function loader({ params }: LoaderFunctionArgs) {
  parseParams(params, paramsSchema);
  return new Response(await signedStatusList(db()), {
    headers: { 'Content-Type': 'application/vc+jwt', 'Cache-Control': 'no-cache' },
  });
}
