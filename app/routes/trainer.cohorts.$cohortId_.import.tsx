import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import type { RosterProblem } from '~/domain/roster';
import { requireCohort } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { importRoster, previewRoster } from '~/models/roster.server';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Roster import (issue #16 item 7): upload or paste a CSV of name,email; see what would
// happen (preview); import; read a report of every row that could not be used and why.

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(
    `Import a roster: ${data?.cohort.name ?? 'group'} · Peer Academy`,
    'Import a roster of trainees into a group from a CSV file.',
  );

const MAX_BYTES = 512 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  return json({ cohort: { id: cohort.id, name: cohort.name } });
}

const schema = () =>
  z.object({
    intent: z.enum(['preview', 'import'], { message: 'Choose Preview or Import.' }),
    csv: z.string().max(MAX_BYTES, 'The file is too large: import at most 500 rows at a time.').optional(),
    file: z.unknown().optional(),
  });

type Row = { line: number; name: string; email: string };
type Result =
  | { stage: 'error'; error: string }
  | { stage: 'preview' | 'done'; csv: string; join: Row[]; invite: Row[]; problems: RosterProblem[] };

const plain = ({ line, name, email }: Row): Row => ({ line, name, email });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  const fail = (error: string) => json<Result>({ stage: 'error', error }, { status: 400 });
  if (!parsed.ok) return fail(Object.values(parsed.errors)[0]);
  const { intent, file } = parsed.data;
  let csv = parsed.data.csv ?? '';
  // A chosen file wins over pasted text.
  if (file instanceof Blob && file.size > 0) {
    if (file.size > MAX_BYTES) return fail('The file is too large: import at most 500 rows at a time.');
    csv = await file.text();
  }
  if (!csv.trim()) return fail('Choose a CSV file, or paste the rows.');
  const result =
    intent === 'preview'
      ? await previewRoster(db(), cohort.id, csv)
      : await importRoster(db(), { cohortId: cohort.id, cohortName: cohort.name, trainerName: user.name, csv, base: appUrl('') });
  if (result.error !== undefined) return fail(result.error);
  if (intent === 'import') nudgeOutbox();
  return json<Result>({
    stage: intent === 'preview' ? 'preview' : 'done',
    csv,
    join: result.join.map(plain),
    invite: result.invite.map(plain),
    problems: result.problems,
  });
}

function RowTable({ label, rows, reason }: { label: string; rows: (Row & { problem?: string })[]; reason?: boolean }) {
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            {reason ? <th scope="col">Why</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.line}-${r.email}`}>
              <td>{r.line}</td>
              <td>{r.name}</td>
              <td>{r.email}</td>
              {reason ? <td>{r.problem}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function ImportRoster() {
  const { cohort } = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === 'submitting';
  const done = r?.stage === 'done';
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${cohort.id}`}>{cohort.name}: progress</Link> ·{' '}
        <Link to={`/trainer/cohorts/${cohort.id}/manage`}>Manage the group</Link>
      </p>
      <h1>Import a roster into {cohort.name}</h1>
      {r && r.stage !== 'error' ? (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading">{done ? 'Import report' : 'Preview: nothing has changed yet'}</h2>
          <p role="status">
            {done
              ? `${r.join.length} existing ${r.join.length === 1 ? 'account was' : 'accounts were'} added to the group and told by email. ${r.invite.length} ${r.invite.length === 1 ? 'person was' : 'people were'} invited by email to choose a password. ${r.problems.length} ${r.problems.length === 1 ? 'row was' : 'rows were'} not imported.`
              : `${r.join.length} existing ${r.join.length === 1 ? 'account' : 'accounts'} will be added, ${r.invite.length} new ${r.invite.length === 1 ? 'person' : 'people'} will be invited, ${r.problems.length} ${r.problems.length === 1 ? 'row' : 'rows'} cannot be imported.`}
          </p>
          {r.problems.length ? (
            <>
              <h3>{done ? 'Rows not imported' : 'Rows that cannot be imported'}</h3>
              <RowTable label="Rows not imported" rows={r.problems} reason />
            </>
          ) : null}
          {r.join.length ? (
            <>
              <h3>{done ? 'Added to the group (existing accounts)' : 'Will be added (existing accounts)'}</h3>
              <RowTable label="Existing accounts" rows={r.join} />
            </>
          ) : null}
          {r.invite.length ? (
            <>
              <h3>{done ? 'Invited (new accounts)' : 'Will be invited (new accounts)'}</h3>
              <RowTable label="New people" rows={r.invite} />
            </>
          ) : null}
          {!done && r.join.length + r.invite.length > 0 ? (
            <Form method="post">
              <input type="hidden" name="csv" value={r.csv} />
              <button type="submit" name="intent" value="import" disabled={busy}>
                {busy ? 'Importing…' : 'Import and send the emails'}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{r && r.stage !== 'error' ? 'Start again with another file' : 'Choose a file'}</h2>
        <p>
          A CSV file with a name and an email on each row, as saved from a spreadsheet. A first row with the column names{' '}
          <code>name</code> and <code>email</code> is used to find them; other columns are ignored. At most 500 rows.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          {r?.stage === 'error' ? <FormError error={r.error} /> : null}
          <div className="field">
            <label htmlFor="field-file">CSV file</label>
            <input id="field-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <div className="field">
            <label htmlFor="field-csv">Or paste the rows</label>
            <textarea id="field-csv" name="csv" rows={6} defaultValue="" />
          </div>
          <button type="submit" name="intent" value="preview" disabled={busy}>
            Preview
          </button>
        </Form>
      </section>
    </div>
  );
}
