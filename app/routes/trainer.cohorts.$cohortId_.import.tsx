import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { TableWrap } from '~/components/table-wrap';
import { requireCohort } from '~/guards/trainer.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { importRoster, previewRoster } from '~/models/roster.server';
import { parseForm, readForm } from '~/web/forms.server';

// Roster import (issue #16 item 7): upload or paste a CSV of name,email; see what would
// happen (preview); import; read a report of every row that could not be used and why.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'trainer.import.title', 'trainer.import.description', {
    name: data?.cohort.name ?? metaT(matches)('trainer.manage.fallbackName'),
  });

const MAX_BYTES = 512 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  return json({ cohort: { id: cohort.id, name: cohort.name } });
}

const schema = () =>
  z.object({
    intent: z.enum(['preview', 'import'], { message: 'trainer.import.error.intent' }),
    csv: z.string().max(MAX_BYTES, 'trainer.import.error.tooLarge').optional(),
    file: z.unknown().optional(),
  });

type Row = { line: number; name: string; email: string };
type Result =
  | { stage: 'error'; error: string }
  | { stage: 'preview' | 'done'; csv: string; join: Row[]; invite: Row[]; problems: (Row & { problem: string })[] };

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
    if (file.size > MAX_BYTES) return fail('trainer.import.error.tooLarge');
    csv = await file.text();
  }
  if (!csv.trim()) return fail('trainer.import.error.empty');
  const result =
    intent === 'preview'
      ? await previewRoster(db(), cohort.id, csv)
      : await importRoster(db(), { cohortId: cohort.id, cohortName: cohort.name, trainerName: user.name, csv, base: appUrl('') });
  // The file's and rows' problems come as message ids with values: said here in the reader's language.
  const t = translator(await requestLocale(request));
  if (result.error !== undefined) return fail(t(result.error.code, result.error.values));
  if (intent === 'import') nudgeOutbox();
  return json<Result>({
    stage: intent === 'preview' ? 'preview' : 'done',
    csv,
    join: result.join.map(plain),
    invite: result.invite.map(plain),
    problems: result.problems.map((p) => ({ ...plain(p), problem: t(p.problem.code, p.problem.values) })),
  });
}

function RowTable({ label, rows, reason }: { label: string; rows: (Row & { problem?: string })[]; reason?: boolean }) {
  const t = useT();
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('trainer.session.col.line')}</th>
            <th scope="col">{t('trainer.csv.name')}</th>
            <th scope="col">{t('trainer.csv.email')}</th>
            {reason ? <th scope="col">{t('trainer.session.col.why')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.line}-${r.email}`}>
              <td>{r.line}</td>
              <td>{r.name}</td>
              <td>{r.email}</td>
              {reason ? <td>{r.problem ?? null}</td> : null}
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
  const t = useT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={`/trainer/cohorts/${cohort.id}`}>{t('trainer.manage.progressLink', { name: cohort.name })}</Link> ·{' '}
        <Link to={`/trainer/cohorts/${cohort.id}/manage`}>{t('trainer.import.manage')}</Link>
      </p>
      <h1>{t('trainer.import.heading', { name: cohort.name })}</h1>
      {r && r.stage !== 'error' ? (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading">{done ? t('trainer.import.report') : t('trainer.import.preview')}</h2>
          <p role="status">
            {t(done ? 'trainer.import.doneSummary' : 'trainer.import.previewSummary', {
              join: r.join.length,
              invite: r.invite.length,
              problems: r.problems.length,
            })}
          </p>
          {r.problems.length ? (
            <>
              <h3>{done ? t('trainer.import.notImported') : t('trainer.import.cannot')}</h3>
              <RowTable label={t('trainer.import.notImported')} rows={r.problems} reason />
            </>
          ) : null}
          {r.join.length ? (
            <>
              <h3>{done ? t('trainer.import.added') : t('trainer.import.willAdd')}</h3>
              <RowTable label={t('trainer.import.existing')} rows={r.join} />
            </>
          ) : null}
          {r.invite.length ? (
            <>
              <h3>{done ? t('trainer.import.invited') : t('trainer.import.willInvite')}</h3>
              <RowTable label={t('trainer.import.newPeople')} rows={r.invite} />
            </>
          ) : null}
          {!done && r.join.length + r.invite.length > 0 ? (
            <Form method="post">
              <input type="hidden" name="csv" value={r.csv} />
              <button type="submit" name="intent" value="import" disabled={busy}>
                {busy ? t('trainer.import.importing') : t('trainer.import.import')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{r && r.stage !== 'error' ? t('trainer.import.again') : t('trainer.import.choose')}</h2>
        <p>{t('trainer.import.intro', { c: (chunks) => <code>{chunks}</code> })}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          {r?.stage === 'error' ? <FormError error={r.error} /> : null}
          <div className="field">
            <label htmlFor="field-file">{t('trainer.import.file')}</label>
            <input id="field-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <div className="field">
            <label htmlFor="field-csv">{t('trainer.import.paste')}</label>
            <textarea id="field-csv" name="csv" rows={6} defaultValue="" />
          </div>
          <button type="submit" name="intent" value="preview" disabled={busy}>
            {t('trainer.import.previewButton')}
          </button>
        </Form>
      </section>
    </div>
  );
}
