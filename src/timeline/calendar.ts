/**
 * Calendar arithmetic on `YYYY-MM-DD` strings (UTC, no time of day). Pure helpers for date
 * resolution and timeline filtering.
 */

/** `YYYY-MM-DD` of a UTC date. */
export function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Builds `YYYY-MM-DD` from calendar parts (month 1-12), or null when the day does not exist. */
export function isoFromParts(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return isoOf(d);
}

/** Noon UTC of a `YYYY-MM-DD` date: noon keeps the calendar day stable in any time zone offset. */
export function noonUtc(iso: string): Date {
  return new Date(`${iso}T12:00:00Z`);
}

/** True when `s` is a real `YYYY-MM-DD` date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/** `iso` shifted by `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  const d = noonUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}

/** Day of the week of `iso`, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return noonUtc(iso).getUTCDay();
}

/** The most recent day with the given weekday on or before `iso`. */
export function weekdayOnOrBefore(iso: string, weekday: number): string {
  const back = (weekdayOf(iso) - weekday + 7) % 7;
  return addDays(iso, -back);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((noonUtc(b).getTime() - noonUtc(a).getTime()) / 86_400_000);
}
