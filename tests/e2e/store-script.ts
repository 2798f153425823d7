// The content store from the command line, for tests/e2e/instances.spec.ts while the studio's
// publish page is not there yet (and for the edit, while the studio still saves to files):
//
//   DATABASE_URL=… CONTENT_DIR=… tsx tests/e2e/store-script.ts publish "<message>"
//   DATABASE_URL=… CONTENT_DIR=… tsx tests/e2e/store-script.ts edit <path> <file with the new text>
//
// It acts as the demo author and prints one JSON line: the store's answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { draftTreeId, publishDraft, saveDraft } from '../../app/content/store.server';
import { openDatabase } from '../../db/connect';

const [command, ...args] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const root = resolve(process.env.CONTENT_DIR || 'content');
const { db } = openDatabase(url, { poolSize: 2 });
try {
  const author = await db.selectFrom('users').select('id').where('email', '=', 'author@example.org').executeTakeFirstOrThrow();
  let result: unknown;
  if (command === 'publish') {
    result = await publishDraft(db, root, { draftTreeId: await draftTreeId(db), authorId: author.id, message: args[0] ?? '' });
  } else if (command === 'edit') {
    const [path, file] = args;
    result = await saveDraft(db, root, {
      changes: [{ path, bytes: new Uint8Array(readFileSync(file)) }],
      baseTreeId: await draftTreeId(db),
      authorId: author.id,
      message: `Edited ${path}`,
    });
  } else throw new Error(`unknown command ${command}: publish or edit`);
  console.log(JSON.stringify(result));
} finally {
  await db.destroy();
}
