import { Link } from '@remix-run/react';

/** The group page's way into managing the group (its own pages, issue #16 item 7). */
export function GroupManageLinks({ cohortId, archived }: { cohortId: string; archived: boolean }) {
  return (
    <>
      {archived ? (
        <p className="notice">This group is archived: it is not on your dashboard and its join code does not work.</p>
      ) : null}
      <p>
        <Link to={`/trainer/cohorts/${cohortId}/manage`}>Manage the group</Link> (name and dates, join code, approvals, trainees,
        co-trainers, archive) · <Link to={`/trainer/cohorts/${cohortId}/import`}>Import a roster</Link>
      </p>
    </>
  );
}
