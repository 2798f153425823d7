import { db } from '../infra/db.server';
import { publishDueAnnouncements } from '../models/announcement.server';
import { sendDailyDigests } from '../models/notification.server';
import { nudgeOutbox } from './outbox-worker.server';

const g = globalThis as unknown as { __peerAcademyNotifications?: ReturnType<typeof setInterval> };

/**
 * Every minute: makes scheduled announcements live (notifying their groups) and, from 7 am
 * Pacific, sends the day's digests (sendDailyDigests acts once a day per person). Every
 * instance may run it: both steps claim their rows with conditional updates.
 */
export function startNotificationJobs(everyMs = 60_000) {
  if (g.__peerAcademyNotifications) return;
  g.__peerAcademyNotifications = setInterval(() => {
    (async () => {
      const now = Date.now();
      const published = await publishDueAnnouncements(db(), now);
      const digests = await sendDailyDigests(db(), now);
      if (published || digests.people) nudgeOutbox();
    })().catch((e) => console.error('[notifications job]', e));
  }, everyMs);
  g.__peerAcademyNotifications.unref();
}
