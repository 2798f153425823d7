// A second server process in miniature, for the login throttling test: at a given moment it
// sends a burst of wrong passwords for one account to the database it is given, and prints
// how each attempt was answered.

import { configureHashCost, configureHashQueue } from '../../app/infra/password.server';
import { attemptLogin } from '../../app/models/login.server';
import { openDatabase } from '../../db/connect';

const [url, email, count, startAt] = process.argv.slice(2);
configureHashQueue({ running: 4, waiting: 1000 });
configureHashCost(2 ** 10);
const handle = openDatabase(url);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    attemptLogin(handle.db, { email, password: `wrong ${process.pid} ${i}`, address: `10.1.0.${i}` }),
  ),
);
await handle.db.destroy();
process.stdout.write(JSON.stringify(results.map((r) => (r.ok ? 'ok' : r.reason))));
