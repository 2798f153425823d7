import { useT } from '~/i18n/react';

/**
 * Says so when a reader's language has no edition of this course, or parts of it are not yet
 * translated and are shown in English (docs/decisions/032-language-editions.md): never silent.
 */
export function EditionNote({ edition }: { edition: { requested: string; untranslated: boolean; whole: boolean } }) {
  const t = useT();
  if (!edition.untranslated) return null;
  return (
    <p className="notice" role="note">
      {t(edition.whole ? 'edition.untranslated' : 'edition.partial', { language: edition.requested })}
    </p>
  );
}

/** "Written in Spanish": beside a trainee's answer, in the language of the edition it was written in. */
export function WrittenIn({ locale }: { locale: string }) {
  const t = useT();
  return <span className="muted">{t('edition.writtenIn', { language: locale })}</span>;
}
