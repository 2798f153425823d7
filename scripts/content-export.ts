// `npm run content:export [-- --dir path]`: writes the published course back to the content
// folder (changed files replaced, files the course no longer holds removed, dot files left
// alone), then prints who changed what in the studio since the last sync, ready to paste into a
// git commit message (docs/decisions/030-content-store.md). Unpublished draft edits are not
// exported; a warning names them. Exits 0 when exported, 1 when it could not, 2 on bad usage.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { changesSincePublish, exportContent } from '../app/content/store.server';
import { assertDatabaseReady, db } from '../app/infra/db.server';

const USAGE = `Usage: npm run content:export -- [--dir path] [--force]

  --dir     the content folder to write (default: CONTENT_DIR, or content)
  --force   replace files changed in the folder since the last import or export`;

let dir: string | undefined;
let force = false;
try {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  dir = values.dir;
  force = values.force;
} catch (e) {
  console.error(`${e instanceof Error ? e.message : e}\n\n${USAGE}`);
  process.exit(2);
}

const root = resolve(dir ?? (process.env.CONTENT_DIR || 'content'));
const database = db();
try {
  await assertDatabaseReady();
  const pending = await changesSincePublish(database);
  if (!pending.publishedTreeId) throw new Error('Nothing is published yet, so there is nothing to export.');
  const result = await exportContent(database, root, { force });
  if (result.status === 'refused') {
    console.error(`Refused: ${result.message}`);
    for (const path of result.paths) console.error(`  ${path}`);
    process.exitCode = 1;
  } else {
    console.log(
      `Exported the published course (${result.treeId.slice(0, 12)}) to ${root}: ${result.written.length} written, ${result.removed.length} removed.`,
    );
    for (const path of result.written) console.log(`  written  ${path}`);
    for (const path of result.removed) console.log(`  removed  ${path}`);
    if (result.authors.length) {
      console.log('\nCommit message (studio changes since the last import or export):\n');
      console.log('Content edited in the studio\n');
      for (const a of result.authors) {
        console.log(`${a.name}:`);
        for (const m of a.messages) console.log(`- ${m}`);
      }
    } else {
      console.log('\nNo studio changes since the last import or export.');
    }
    if (pending.changes.length) {
      console.warn(
        `\nWarning: the draft holds ${pending.changes.length} unpublished edit${pending.changes.length === 1 ? '' : 's'}; they are not exported:`,
      );
      for (const c of pending.changes) console.warn(`  ${c.status.padEnd(8)} ${c.path}`);
    }
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await database.destroy();
}
