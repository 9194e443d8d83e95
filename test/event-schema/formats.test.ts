import { describe, expect, it } from 'vitest';
import { isDate, isDateTime } from '../../src/event-schema/formats.js';

describe('date (RFC 3339 full-date)', () => {
  it.each(['2024-02-29', '2023-12-31', '0001-01-01', '2000-02-29'])('accepts %s', (text) => expect(isDate(text)).toBe(true));
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-1-01',
    '24-01-01',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '2024-01-01\n',
    '２０２４-01-01',
    '',
  ])('rejects %j', (text) => expect(isDate(text)).toBe(false));
});

describe('date-time (RFC 3339 date-time)', () => {
  it.each([
    '2024-05-01T12:00:00Z',
    '2024-05-01t12:00:00z',
    '2024-05-01T12:00:00.123456+02:00',
    '2024-05-01T00:00:00-23:59',
    '2016-12-31T23:59:60Z',
    '2017-01-01T00:59:60+01:00',
  ])('accepts %s', (text) => expect(isDateTime(text)).toBe(true));
  it.each([
    '2024-05-01 12:00:00Z',
    '2024-05-01T12:00:00',
    '2024-05-01T12:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z',
    '2024-05-01T12:00:61Z',
    '2024-05-01T12:00:60Z',
    '2024-02-30T12:00:00Z',
    '2024-05-01T12:00:00+0200',
    '2024-05-01T12:00:00+24:00',
    '2024-05-01T12:00:00.Z',
    '2024-05-01',
  ])('rejects %j', (text) => expect(isDateTime(text)).toBe(false));
});
