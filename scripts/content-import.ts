// `npm run content:import [-- --publish] [--merge | --overwrite] [--message "..."] [--dir path]`:
// loads the content folder into the content store as a new draft (and with --publish, publishes
// it), after the whole-course check with every unit compiled. Refused while the studio holds
// edits that were not exported, unless --merge or --overwrite says what to do
// (docs/decisions/030-content-store.md). Migrates nothing. Exits 0 when imported or unchanged,
// 1 when refused or the content has problems, 2 on bad usage.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../app/content/problems';
import { importContent } from '../app/content/store.server';
import { assertDatabaseReady, db } from '../app/infra/db.server';
import { getHeads } from '../app/models/content-store.server';

const USAGE = `Usage: npm run content:import -- [--publish] [--merge | --overwrite] [--message "why"] [--dir path]

  --publish     also publish the imported content (default: it becomes the draft only)
  --merge       keep the studio's unexported edits: files changed on one side only are merged,
                a file both sides changed refuses the import
  --overwrite   take the folder as it is, dropping the studio's unexported edits
  --message     the message recorded with the import (default: "Imported from content/")
  --dir         the content folder (default: CONTENT_DIR, or content)`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      publish: { type: 'boolean', default: false },
      merge: { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      message: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (e) {
  console.error(`${e instanceof Error ? e.message : e}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.merge && args.overwrite) {
  console.error(`Choose --merge or --overwrite, not both.\n\n${USAGE}`);
  process.exit(2);
}

const root = resolve(args.dir ?? (process.env.CONTENT_DIR || 'content'));
const database = db();
const short = (id: string | undefined) => (id ? id.slice(0, 12) : 'none');
try {
  await assertDatabaseReady();
  const before = await getHeads(database);
  const result = await importContent(database, root, {
    publish: args.publish,
    mode: args.merge ? 'merge' : args.overwrite ? 'overwrite' : 'refuse',
    check: true,
    message: args.message,
  });
  const after = await getHeads(database);
  if (result.status === 'refused') {
    console.error(`Refused: ${result.message}`);
    for (const p of result.problems ?? []) console.error(formatProblem(p));
    if (!result.problems?.length) for (const path of result.paths) console.error(`  ${path}`);
    process.exitCode = 1;
  } else if (result.status === 'unchanged') {
    const studio = after.draft !== after.synced;
    console.log(`Unchanged: the draft (${short(after.draft)}) already holds ${root}.`);
    if (args.publish && after.published === after.draft) console.log('It is published.');
    if (studio)
      console.log('The studio holds edits that are not exported yet: `npm run content:export` writes the published ones.');
  } else {
    console.log(`Imported ${root}: ${result.changed.length} file${result.changed.length === 1 ? '' : 's'} changed.`);
    for (const path of result.changed) console.log(`  ${path}`);
    for (const head of ['draft', 'published', 'synced'] as const)
      if (before[head] !== after[head]) console.log(`Head ${head} moved: ${short(before[head])} -> ${short(after[head])}`);
    if (args.publish && !result.published)
      console.log('Not published: someone else published at the same moment. Run the import again.');
    if (result.problems.length) {
      console.error(
        `\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (the draft holds them; fix them before publishing):`,
      );
      for (const p of result.problems) console.error(formatProblem(p));
      process.exitCode = 1;
    } else if (result.published) {
      console.log('No problems found. Published.');
    } else {
      console.log('No problems found. Publish it from the studio, or run `npm run content:import -- --publish`.');
    }
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await database.destroy();
}
