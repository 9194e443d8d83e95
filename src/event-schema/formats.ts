/**
 * The string formats a plan property can have (`type: date`, `type: datetime`, and `format:` on a
 * string), each a check of a string. `date` and `date-time` are checked exactly as JSON Schema
 * defines them (draft 2020-12 §7.3.1 points at RFC 3339 §5.6) by the few lines below: `date` is
 * `full-date` (2024-02-29), `date-time` is `date-time` (2024-02-29T13:45:00Z,
 * 2024-02-29T13:45:00.123+01:00). `T` and `Z` may be lower case (RFC 3339 §5.6, note); a space
 * instead of `T`, a missing offset, or a day the month does not have are rejected. A leap second
 * (`:60`) passes only at 23:59 UTC.
 *
 * The others (`time`, `duration`, `email`, `hostname`, `ipv4`, `ipv6`, `uri`, `uri-reference`,
 * `uuid`) are ajv-formats' "full" checks, the ones most JSON Schema validators in JavaScript run,
 * so that `check` agrees with them (docs/development.md says why a library).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { StringFormat } from '../tracking-plan/types.js';

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

/** ajv-formats' check of one format, as a plain test of a string. */
function libraryCheck(name: Exclude<StringFormat, 'date' | 'date-time'>): (text: string) => boolean {
  const format = fullFormats[name];
  const check = typeof format === 'object' && !(format instanceof RegExp) ? format.validate : format;
  if (check instanceof RegExp) return (text) => check.test(text);
  if (typeof check === 'function') return (text) => (check as (value: string) => unknown)(text) === true;
  // None of ours is given as regular-expression source or `true` (any string) in ajv-formats 3.
  throw new TypeError(`ajv-formats gives format "${name}" in a shape tpsync does not read`);
}

/** The format checks by JSON Schema format name, for a validator to register. */
export const FORMAT_CHECKS: Readonly<Record<StringFormat, (text: string) => boolean>> = {
  date: isDate,
  'date-time': isDateTime,
  time: libraryCheck('time'),
  duration: libraryCheck('duration'),
  email: libraryCheck('email'),
  hostname: libraryCheck('hostname'),
  ipv4: libraryCheck('ipv4'),
  ipv6: libraryCheck('ipv6'),
  uri: libraryCheck('uri'),
  'uri-reference': libraryCheck('uri-reference'),
  uuid: libraryCheck('uuid'),
};

/** How each format is described to people in messages. */
export const FORMAT_TEXT: Readonly<Record<StringFormat, string>> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)',
  time: 'a time (RFC 3339, with an offset, e.g. 13:45:00Z)',
  duration: 'a duration (ISO 8601, e.g. P3DT4H)',
  email: 'an e-mail address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uri: 'an absolute URI',
  'uri-reference': 'a URI reference',
  uuid: 'a UUID',
};
