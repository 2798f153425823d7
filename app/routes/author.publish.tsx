import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { DiffView, ProblemLinks } from '~/components/author-preview';
import { contentRoot, refreshContent } from '~/content/content.server';
import { formatProblem } from '~/content/problems';
import {
  changesSincePublish,
  ensureContentStore,
  publishDraft,
  publishedTreeId,
  revertFile,
  rollbackPublish,
} from '~/content/store.server';
import { editLinkFor } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import type { MessageId } from '~/i18n/catalogues';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { recordAudit } from '~/models/audit.server';
import { getPublish, getTree, listPublishes } from '~/models/content-store.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';

// The author studio's publish page (issue 15 item 2): what the draft changes compared with what
// trainees see, publishing it with a message, reverting one file, and rolling back the latest
// publish. Saving in the studio writes the draft; only this page changes what trainees see.

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'author.publish.title', 'author.publish.description');

const tree = () => z.string().regex(/^[0-9a-f]{24}$/, 'author.studio.staleForm');
const formSchema = () =>
  z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('publish'),
      message: z
        .string({ message: 'author.publish.messageRequired' })
        .trim()
        .min(3, 'author.publish.messageRequired')
        .max(500, 'author.publish.messageTooLong'),
      draftTreeId: tree(),
    }),
    z.object({ intent: z.literal('revert'), path: z.string().min(1).max(500), baseTreeId: tree() }),
    z.object({ intent: z.literal('rollback'), publishId: z.string().min(1).max(100) }),
  ]);
const INTENTS = new Set(['publish', 'revert', 'rollback']);

const DONE: Record<string, MessageId> = {
  published: 'author.publish.done.published',
  rolledBack: 'author.publish.done.rolledBack',
  reverted: 'author.publish.done.reverted',
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const locale = await requestLocale(request);
  const database = db();
  await ensureContentStore(database, contentRoot());
  const [changes, publishes, published] = await Promise.all([
    changesSincePublish(database),
    listPublishes(database, 20),
    publishedTreeId(database),
  ]);
  // Only the latest publish can be rolled back, and only when there was something before it.
  const latest = publishes[0];
  const rollbackId = latest && latest.treeId === published && latest.previousTreeId ? latest.id : null;
  const done = new URL(request.url).searchParams.get('done');
  return json({
    editing: env().CONTENT_EDITING,
    draftTreeId: changes.draftTreeId ?? '',
    changes: changes.changes,
    history: publishes.map((p) => ({
      id: p.id,
      when: pacificDateTime(p.at, locale),
      author: p.authorName,
      message: p.message,
      canRollBack: p.id === rollbackId,
    })),
    done: done && DONE[done] ? DONE[done] : null,
  });
}

type ProblemLine = { text: string; edit: string | null };
type ActionData = {
  intent: string;
  message: MessageId;
  errors: Record<string, string>;
  values: { message?: string };
  problems: ProblemLine[];
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const form = await readForm(request);
  const typed = typeof form.get('message') === 'string' ? String(form.get('message')) : undefined;
  const fail = (status: number, intent: string, message: MessageId, extra: Partial<ActionData> = {}) =>
    json<ActionData>({ intent, message, errors: {}, values: { message: typed }, problems: [], ...extra }, { status });
  const intent = String(form.get('intent') ?? '');
  if (!INTENTS.has(intent)) return fail(400, '', 'author.publish.unknownIntent');
  const parsed = parseForm(form, formSchema);
  if (!parsed.ok) {
    const errors = parsed.errors;
    // A stale or forged tree id, or a missing path or publish id, is not the author's typing: one plain sentence.
    const formLevel = errors.draftTreeId || errors.baseTreeId ? 'author.studio.staleForm' : null;
    if (errors.message && !formLevel)
      return fail(400, intent, 'author.publish.fixMessage', { errors: { message: errors.message } });
    return fail(400, intent, (formLevel ?? 'author.publish.badRequest') as MessageId);
  }
  if (!env().CONTENT_EDITING) return fail(403, intent, 'author.publish.editingOffNothingChanged');
  const database = db();
  const root = contentRoot();
  const d = parsed.data;
  const t = translator(await requestLocale(request));

  if (d.intent === 'publish') {
    const result = await publishDraft(database, root, { draftTreeId: d.draftTreeId, authorId: user.id, message: d.message });
    if (result.status === 'published') {
      await recordAudit(database, {
        actorId: user.id,
        action: 'content-published',
        targetUserId: null,
        detail: { message: d.message, tree: result.treeId },
      });
      await refreshContent();
      return redirect('/author/publish?done=published');
    }
    if (result.status === 'conflict') return fail(409, intent, 'author.publish.conflict');
    if (result.status === 'nothing') return fail(409, intent, 'author.publish.nothing');
    return fail(400, intent, 'author.publish.invalid', {
      problems: result.problems.map((p) => ({ text: formatProblem(p), edit: editLinkFor(root, p.file) })),
    });
  }

  if (d.intent === 'revert') {
    const { draftTreeId, changes } = await changesSincePublish(database);
    if (!changes.some((c) => c.path === d.path)) return fail(400, intent, 'author.publish.noSuchChange');
    // The draft the author looked at: saves of other files since are no conflict (saveDraft decides), a made-up id is a stale form.
    if (d.baseTreeId !== draftTreeId && !(await getTree(database, d.baseTreeId)))
      return fail(400, intent, 'author.studio.staleForm');
    const result = await revertFile(database, root, {
      path: d.path,
      baseTreeId: d.baseTreeId,
      authorId: user.id,
      message: t('author.publish.revertRecord', { path: d.path }),
    });
    if (result.status === 'saved') {
      await recordAudit(database, {
        actorId: user.id,
        action: 'content-reverted',
        targetUserId: null,
        detail: { path: d.path, tree: result.treeId },
      });
      return redirect('/author/publish?done=reverted');
    }
    if (result.status === 'conflict') return fail(409, intent, 'author.publish.revertConflict');
    return fail(400, intent, 'author.publish.revertInvalid', {
      problems:
        result.status === 'invalid'
          ? result.problems.map((p) => ({ text: formatProblem(p), edit: editLinkFor(root, p.file) }))
          : [],
    });
  }

  const target = await getPublish(database, d.publishId);
  if (!target) return fail(404, intent, 'author.publish.rollbackUnknown');
  const result = await rollbackPublish(database, {
    publishId: d.publishId,
    authorId: user.id,
    message: t('author.publish.rollbackRecord', { message: target.message }),
  });
  if (result.status === 'published') {
    await recordAudit(database, {
      actorId: user.id,
      action: 'content-rolled-back',
      targetUserId: null,
      detail: { message: target.message, tree: result.treeId },
    });
    await refreshContent();
    return redirect('/author/publish?done=rolledBack');
  }
  if (result.status === 'nothing') return fail(400, intent, 'author.publish.rollbackNone');
  return fail(409, intent, 'author.publish.rollbackNotLatest');
}

const STATUS: Record<'added' | 'changed' | 'removed', MessageId> = {
  added: 'author.publish.status.added',
  changed: 'author.publish.status.changed',
  removed: 'author.publish.status.removed',
};

export default function Publish() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const maybeT = useMaybeT();
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) errorRef.current?.focus();
  }, [result]);
  const messageError = result?.errors.message;
  return (
    <div className="wide">
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link>
      </nav>
      <h1>{t('author.publish.heading')}</h1>
      <p>{t('author.publish.intro')}</p>
      {data.done && !result ? (
        <p className="success" role="status">
          {t(data.done)}
        </p>
      ) : null}
      {result ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={errorRef} id="publish-error">
          <p>{maybeT(result.message)}</p>
          {result.problems.length ? <ProblemLinks problems={result.problems} className="problem-list" /> : null}
        </div>
      ) : null}

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t('author.publish.changesHeading')}</h2>
        {data.changes.length ? (
          <ul className="publish-changes">
            {data.changes.map((c) => (
              <li key={c.path}>
                <p>
                  <code>{c.path}</code> · {t(STATUS[c.status])}
                </p>
                {c.diff ? (
                  <details>
                    <summary>{t('author.publish.showChanges')}</summary>
                    <DiffView diff={c.diff} />
                  </details>
                ) : (
                  <p className="muted">{t('author.publish.binary')}</p>
                )}
                {data.editing ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revert" />
                    <input type="hidden" name="path" value={c.path} />
                    <input type="hidden" name="baseTreeId" value={data.draftTreeId} />
                    <button type="submit" className="secondary">
                      {t('author.publish.revert')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('author.publish.noChanges')}</p>
        )}
      </section>

      <div className="publish-form">
        {data.editing ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="draftTreeId" value={data.draftTreeId} />
            <div className="field">
              <label htmlFor="field-message">{t('author.publish.message')}</label>
              <p className="hint" id="field-message-hint">
                {t('author.publish.messageHint')}
              </p>
              <textarea
                id="field-message"
                name="message"
                rows={3}
                required
                minLength={3}
                maxLength={500}
                defaultValue={result?.intent === 'publish' ? result.values.message : undefined}
                aria-invalid={messageError ? true : undefined}
                aria-describedby={`field-message-hint${messageError ? ' field-message-error' : ''}`}
              />
              {messageError ? (
                <p className="field-error" id="field-message-error">
                  {maybeT(messageError)}
                </p>
              ) : null}
            </div>
            <button type="submit">{t('author.publish.submit')}</button>
          </Form>
        ) : (
          <p className="notice">{t('author.publish.editingOff')}</p>
        )}
      </div>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('author.publish.historyHeading')}</h2>
        {data.history.length ? (
          <ol className="publish-history">
            {data.history.map((p) => (
              <li key={p.id}>
                <p>
                  <strong>{p.when}</strong> · {p.author ?? t('author.publish.noAuthor')}
                </p>
                <p>{p.message}</p>
                {p.canRollBack && data.editing ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="rollback" />
                    <input type="hidden" name="publishId" value={p.id} />
                    <p className="hint" id={`rollback-${p.id}-hint`}>
                      {t('author.publish.rollbackHint')}
                    </p>
                    <button type="submit" className="secondary" aria-describedby={`rollback-${p.id}-hint`}>
                      {t('author.publish.rollback')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('author.publish.noHistory')}</p>
        )}
      </section>
    </div>
  );
}
