import { Form } from '@remix-run/react';
import type { SafeBlock } from '~/domain/safe-markdown';
import { useT } from '~/i18n/react';
import { SafeMarkdown } from './safe-markdown';

export interface AnnouncementView {
  id: string;
  title: string;
  author: string;
  /** Already formatted in Pacific time. */
  published: string;
  body: SafeBlock[];
}

/** Announcements from the trainee's trainers, each with a way to hide it. */
export function Announcements({ items, redirectTo }: { items: AnnouncementView[]; redirectTo: string }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <section aria-labelledby="announcements-heading" className="card announcements">
      <h2 id="announcements-heading">{t('trainee.announcements.heading')}</h2>
      {items.map((a) => (
        <article key={a.id} aria-labelledby={`announcement-${a.id}`} className="announcement">
          <h3 id={`announcement-${a.id}`}>{a.title}</h3>
          <p className="muted">{t('trainee.announcements.from', { author: a.author, published: a.published })}</p>
          <SafeMarkdown tree={a.body} />
          <Form method="post" action={`/announcements/${a.id}/dismiss`}>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <button type="submit" className="link-button">
              {t('trainee.announcements.dismiss', { title: a.title })}
            </button>
          </Form>
        </article>
      ))}
    </section>
  );
}
