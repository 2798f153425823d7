import type { ReactNode } from 'react';
import { useT } from '~/i18n/react';

/**
 * A table that may scroll sideways on a phone. The scroll area is a labelled region that can
 * take keyboard focus, so keyboard users can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={t('trainee.table.scrolls', { label })}>
      {children}
    </section>
  );
}
