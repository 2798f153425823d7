// The login flood, in a process of its own so that sending it does not slow the probes that
// measure the site: `clients` connections each send wrong passwords one after another until
// SIGTERM, half of them at one real account and half at emails that have no account (each
// request a new one, so only the per-address ceiling can stop them). Prints what came back.

import { randomUUID } from 'node:crypto';
import http from 'node:http';

const [base, account, clientsArg] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const counts = {
  requests: 0,
  account: { invalid: 0, throttled: 0, busy: 0 },
  others: { invalid: 0, throttled: 0, busy: 0 },
  bad: 0,
};
let stopping = false;

function post(email: string): Promise<{ status: number; retryAfter?: string }> {
  const body = new URLSearchParams({ email, password: `wrong ${randomUUID()}` }).toString();
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/login`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(Buffer.byteLength(body)),
          Origin: base,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
      },
    );
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

async function client(i: number) {
  const atAccount = i % 2 === 0;
  while (!stopping) {
    const r = await post(atAccount ? account : `flood-${randomUUID()}@example.org`);
    counts.requests++;
    const bucket = atAccount ? counts.account : counts.others;
    // 400: the password was hashed and was wrong. 429 with Retry-After 2: the hashing queue was
    // full; any other 429: a limit was reached.
    if (r.status === 400) bucket.invalid++;
    else if (r.status === 429 && r.retryAfter === '2') bucket.busy++;
    else if (r.status === 429) bucket.throttled++;
    else counts.bad++;
  }
}

const running = Array.from({ length: Number(clientsArg) }, (_, i) => client(i));
process.stdout.write('started\n');
process.on('SIGTERM', async () => {
  stopping = true;
  await Promise.all(running);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  agent.destroy();
  process.exit(0);
});
