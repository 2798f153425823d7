import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDocument } from '~/domain/csv';
import { EXAM_STATUS_LABEL } from '~/domain/dashboard';
import { decimalHours } from '~/domain/hours';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import { cohortDashboard } from '~/models/dashboard.server';
import { cohortHours } from '~/models/training-record.server';
import { pacificIso } from '~/web/dates';

// The dashboard matrix as CSV: the same rows, in name order, as the dashboard shows. Measured
// time is in minutes with one decimal, so a unit finished in 19 seconds shows as 0.3, not 0.
const minutes = (seconds: number) => Math.round(seconds / 6) / 10;

function hourCells(
  h:
    | {
        ledger: { liveMinutes: number; selfPacedMinutes: number; adjustmentMinutes: number; totalMinutes: number };
        completedAt: number | null;
      }
    | undefined,
) {
  if (!h) return [0, 0, 0, 0, ''];
  const l = h.ledger;
  return [
    decimalHours(l.liveMinutes),
    decimalHours(l.selfPacedMinutes),
    decimalHours(l.adjustmentMinutes),
    decimalHours(l.totalMinutes),
    h.completedAt ? pacificIso(h.completedAt) : '',
  ];
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const units = course.units.map((u) => ({ slug: u.meta.slug, title: u.meta.title, minutes: u.meta.minutes }));
  const [rows, hours] = await Promise.all([
    cohortDashboard(db(), cohort.id, { slug: course.course.slug, units }),
    cohortHours(db(), cohort.id, course),
  ]);
  // Headers and words in the language of the person downloading; unit status codes stay as they are.
  const t = translator(await requestLocale(request));
  const header = [
    t('trainer.csv.name'),
    t('trainer.csv.email'),
    ...units.flatMap((u) => [
      t('trainer.csv.progress.unitStatus', { unit: u.title }),
      t('trainer.csv.progress.unitBest', { unit: u.title }),
      t('trainer.csv.progress.unitMinutes', { unit: u.title }),
    ]),
    t('trainer.csv.progress.complete'),
    t('trainer.csv.progress.spent'),
    t('trainer.csv.progress.planned'),
    t('trainer.csv.progress.live'),
    t('trainer.csv.progress.selfPaced'),
    t('trainer.csv.progress.adjustments'),
    t('trainer.csv.progress.hours'),
    t('trainer.csv.progress.completion'),
    t('trainer.csv.progress.examStatus'),
    t('trainer.csv.progress.examPercent'),
    t('trainer.csv.progress.lastActivity'),
  ];
  const body = rows.map((r) => [
    r.name,
    r.email,
    ...r.cells.flatMap((c) => [c.status, c.best, minutes(c.seconds)]),
    r.complete,
    minutes(r.secondsSpent),
    r.plannedMinutesCompleted,
    ...hourCells(hours.get(r.userId)),
    t(EXAM_STATUS_LABEL[r.exam]),
    r.examPercent,
    pacificIso(r.lastActivity),
  ]);
  const name = `${cohort.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-progress.csv`;
  return new Response(csvDocument([header, ...body]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Cache-Control: private, no-store comes from server.ts, as for every signed-in answer.
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  });
}
