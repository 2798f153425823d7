// Notification kinds, mail preferences and the Pacific-time arithmetic of the daily digest and
// of scheduled announcements (docs/decisions/025-notifications-and-profile.md). Pure.

/** What a notification is about. 'account' (reset, password or email change) is not configurable. */
export const NOTIFICATION_KINDS = ['result', 'announcement', 'certificate', 'account'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds a person chooses mail for. Account-security notices always go by email, at once. */
export const CONFIGURABLE_KINDS = ['result', 'announcement', 'certificate'] as const;
export type ConfigurableKind = (typeof CONFIGURABLE_KINDS)[number];

/** By email: one message per event, one daily digest, or none (in-app only). */
export const MAIL_CHOICES = ['each', 'daily', 'never'] as const;
export type MailChoice = (typeof MAIL_CHOICES)[number];

export type MailPreferences = Record<ConfigurableKind, MailChoice>;

export const DEFAULT_PREFERENCES: MailPreferences = { result: 'each', announcement: 'each', certificate: 'each' };

/** Stored preferences (JSON text) over the defaults; anything unreadable falls back to a default. */
export function readPreferences(text: string | null | undefined): MailPreferences {
  const out = { ...DEFAULT_PREFERENCES };
  if (!text) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (!raw || typeof raw !== 'object') return out;
  for (const kind of CONFIGURABLE_KINDS) {
    const v = (raw as Record<string, unknown>)[kind];
    if (typeof v === 'string' && (MAIL_CHOICES as readonly string[]).includes(v)) out[kind] = v as MailChoice;
  }
  return out;
}

/** What to do by email with a new notification of `kind` for a person with `prefs`. */
export function mailPlan(
  kind: NotificationKind,
  prefs: MailPreferences,
  mailable: boolean,
): 'each' | 'daily' | 'never' | 'separate' {
  // Account-security notices come with their own message (reset, "password changed", the
  // email-change link and notice), which is always sent at once, whatever the preferences.
  if (kind === 'account') return 'separate';
  if (!mailable) return 'never';
  return prefs[kind];
}

const TZ = 'America/Los_Angeles';
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Pacific wall clock at `ms`. */
export function pacificWall(ms: number) {
  const p: Record<string, number> = {};
  for (const part of parts.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** The instant at which Pacific clocks show the given wall time (DST included). */
export function pacificToEpoch(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const w = pacificWall(t);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
  };
  // Two rounds settle the offset on either side of a DST change.
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}

/** A `datetime-local` value ("2026-12-01T09:30") read as Pacific time; null when malformed. */
export function parsePacificLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const t = pacificToEpoch(year, month, day, hour, minute);
  const w = pacificWall(t);
  // "February 30" or a time skipped by the spring-forward change does not exist.
  if (w.day !== day || w.month !== month) return null;
  return t;
}

/** Digests go out from this Pacific hour on… */
export const DIGEST_HOUR = 7;

/**
 * …each day collecting what was waiting before that day's Pacific midnight. Null before the
 * digest hour (nothing to send yet today). Running the job again the same day finds nothing
 * older than the cutoff still waiting, so each person gets at most one digest a day.
 */
export function digestCutoff(now: number): number | null {
  const w = pacificWall(now);
  if (w.hour < DIGEST_HOUR) return null;
  return pacificToEpoch(w.year, w.month, w.day, 0, 0);
}
