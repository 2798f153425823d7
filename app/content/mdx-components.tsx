import type { ReactNode } from 'react';
import type { MessageId } from '~/i18n/catalogues';

// The one component map for all MDX. Units are rendered to static HTML on the server once
// per content version (docs/decisions/003-mdx-rendering.md), so these components must not
// use state or effects. A Reflection renders a marker that the unit page replaces with a
// form holding the trainee's own note.

export const ALLOWED_COMPONENTS = ['Callout', 'Scenario', 'Discussion', 'Reflection', 'KeyTerm', 'ContentNote'] as const;

export const REFLECTION_MARKER = /<div data-reflection="([a-z0-9-]+)"><\/div>/g;

const CALLOUT_LABEL: Record<string, MessageId> = {
  note: 'trainee.mdx.note',
  tip: 'trainee.mdx.tip',
  warning: 'trainee.mdx.warning',
};

/**
 * Fresh components per render, so generated ids are unique within one unit page. Their labels
 * are in the language of the edition being compiled (the HTML is cached, not rendered per request):
 * the compiler passes that language's messages. NOTE: this module is also imported by the unit
 * page in the browser (ALLOWED_COMPONENTS, REFLECTION_MARKER), so it must not import the catalogues.
 */
export function createMdxComponents(t: (id: MessageId) => string) {
  let n = 0;
  const next = (prefix: string) => `${prefix}-${++n}`;
  return {
    Callout({ type = 'note', title, children }: { type?: string; title?: string; children?: ReactNode }) {
      return (
        <div className={`callout callout-${type}`} role="note">
          <p className="callout-title">
            <span className="callout-kind">{t(CALLOUT_LABEL[type] ?? 'trainee.mdx.note')}</span>
            {title ? `: ${title}` : null}
          </p>
          {children}
        </div>
      );
    },
    Scenario({ title, children }: { title: string; children?: ReactNode }) {
      const id = next('scenario');
      return (
        <section className="scenario" aria-labelledby={id}>
          <h3 id={id}>
            <span className="scenario-kind">{t('trainee.mdx.scenario')}</span>
            {title}
          </h3>
          {children}
        </section>
      );
    },
    Discussion({ children }: { children?: ReactNode }) {
      return (
        <details className="discussion">
          <summary>{t('trainee.mdx.discussion')}</summary>
          {children}
        </details>
      );
    },
    Reflection({ id }: { id: string }) {
      return <div data-reflection={id} />;
    },
    KeyTerm({ term, definition }: { term: string; definition: string }) {
      return (
        <dl className="key-term">
          <dt>
            <span className="key-term-kind">{t('trainee.mdx.keyTerm')}</span>
            <dfn>{term}</dfn>
          </dt>
          <dd>{definition}</dd>
        </dl>
      );
    },
    ContentNote({ note, children }: { note: string; children?: ReactNode }) {
      const id = next('after-note');
      return (
        <>
          <div className="content-note" role="note">
            <p>
              <strong>{t('trainee.mdx.contentNote')}</strong>
              {note}
            </p>
            <p>
              <a href={`#${id}`}>{t('trainee.mdx.skip')}</a>
            </p>
          </div>
          {children}
          <div id={id} className="after-note" tabIndex={-1} />
        </>
      );
    },
  };
}
