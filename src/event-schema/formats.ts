/**
 * The two string formats a plan property can have, checked exactly as JSON Schema defines them
 * (draft 2020-12 §7.3.1 points at RFC 3339 §5.6): `date` is `full-date` (2024-02-29), `date-time`
 * is `date-time` (2024-02-29T13:45:00Z, 2024-02-29T13:45:00.123+01:00). `T` and `Z` may be lower
 * case (RFC 3339 §5.6, note); a space instead of `T`, a missing offset, or a day the month does
 * not have are rejected. A leap second (`:60`) passes only at 23:59 UTC.
 *
 * Small, exact and dependency-free: tpsync does not add ajv-formats for two formats.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 `full-date`: `YYYY-MM-DD`, a day that exists. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** RFC 3339 `date-time`: a full date, `T`, `HH:MM:SS` with optional fraction, and `Z` or `±HH:MM`. */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (m === null || !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const offsetHour = m[8] === undefined ? 0 : Number(m[8]);
  const offsetMinute = m[9] === undefined ? 0 : Number(m[9]);
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return true;
  // A leap second is inserted at the end of a UTC day: 23:59:60 once the offset is taken off.
  const sign = m[7] === '-' ? -1 : 1;
  const utcMinutes = (((hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** The format checks by JSON Schema format name, for a validator to register. */
export const FORMAT_CHECKS = { date: isDate, 'date-time': isDateTime } as const;

/** How each format is described to people in messages. */
export const FORMAT_TEXT = { date: 'a date (YYYY-MM-DD)', 'date-time': 'a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)' } as const;
