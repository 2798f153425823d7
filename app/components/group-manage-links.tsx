import { Link } from '@remix-run/react';
import { useT } from '~/i18n/react';

/** The group page's way into managing the group (its own pages, issue #16 item 7). */
export function GroupManageLinks({ cohortId, archived }: { cohortId: string; archived: boolean }) {
  const t = useT();
  return (
    <>
      {archived ? <p className="notice">{t('trainer.groupLinks.archived')}</p> : null}
      <p>
        {t('trainer.groupLinks.manage', {
          manage: (chunks) => <Link to={`/trainer/cohorts/${cohortId}/manage`}>{chunks}</Link>,
          import: (chunks) => <Link to={`/trainer/cohorts/${cohortId}/import`}>{chunks}</Link>,
        })}
      </p>
    </>
  );
}
