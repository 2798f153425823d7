import { Fragment, type ReactNode } from 'react';
import type { Segment } from '~/content/segments';
import { useT } from '~/i18n/react';

/**
 * The body of a unit as every reader sees it: the content note, the objectives, then the
 * compiled MDX segments. Reflections are rendered by the caller (a trainee's form, or a
 * read-only prompt in the author studio).
 */
export function UnitContent({
  contentNote,
  objectives,
  segments,
  headingLevel = 2,
  renderReflection,
}: {
  contentNote: string | null;
  objectives: string[];
  segments: Segment[];
  headingLevel?: 2 | 3;
  renderReflection: (s: Extract<Segment, { kind: 'reflection' }>) => ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const t = useT();
  return (
    <>
      {contentNote ? (
        <div className="content-note" role="note">
          <p>
            <strong>{t('trainee.unitContent.note')}</strong>
            {contentNote}
            {t('trainee.unitContent.noteCare')}
          </p>
        </div>
      ) : null}
      <section aria-labelledby="objectives-heading" className="card">
        <Heading id="objectives-heading">{t('trainee.unitContent.objectives')}</Heading>
        <ul>
          {objectives.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      </section>
      {/* Trusted HTML compiled from the course's own MDX (docs/decisions/003-mdx-rendering.md). */}
      <div className="unit-body">
        {segments.map((s, i) =>
          s.kind === 'html' ? (
            <div key={i} dangerouslySetInnerHTML={{ __html: s.html }} />
          ) : (
            <Fragment key={s.id}>{renderReflection(s)}</Fragment>
          ),
        )}
      </div>
    </>
  );
}
