// The planner sorts every remote list oldest first, by the instant each `created_at` names:
// microseconds count, precision and offsets may differ, and what is no timestamp sorts last.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText, compareTimestamps, sortOldestFirst, timestampKey } from '../../src/plan/compare.js';

/** 2024-01-15T10:00:00Z in microseconds since the epoch. */
const TEN_UTC = Date.UTC(2024, 0, 15, 10, 0, 0) * 1000;

describe('timestampKey', () => {
  it.each([
    ['the form Secoda writes', '2024-01-15T10:00:00.123456Z', TEN_UTC + 123_456],
    ['no fraction', '2024-01-15T10:00:00Z', TEN_UTC],
    ['a one-digit fraction', '2024-01-15T10:00:00.1Z', TEN_UTC + 100_000],
    ['a fraction past microseconds, cut to them', '2024-01-15T10:00:00.123456789Z', TEN_UTC + 123_456],
    ['no seconds', '2024-01-15T10:00Z', TEN_UTC],
    ['no zone: UTC', '2024-01-15T10:00:00', TEN_UTC],
    ['an offset with a colon', '2024-01-15T11:00:00.000001+01:00', TEN_UTC + 1],
    ['an offset without one', '2024-01-15T09:30:00-0030', TEN_UTC],
    ['white space around it', ' 2024-01-15T10:00:00Z\n', TEN_UTC],
    ['a year below 100 (not 19xx)', '0099-01-01T00:00:00Z', -59_042_995_200_000_000],
  ])('reads %s', (_name, text, micros) => {
    expect(timestampKey(text)).toBe(micros);
  });

  it.each([
    ['null', null],
    ['text', 'not a time'],
    ['a date alone', '2024-01-15'],
    ['a space for the T', '2024-01-15 10:00:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['day 32', '2024-01-32T00:00:00Z'],
    ['a leap second', '2024-01-15T23:59:60Z'],
    ['an empty fraction', '2024-01-15T10:00:00.Z'],
  ])('is undefined for %s', (_name, text) => {
    expect(timestampKey(text)).toBeUndefined();
  });
});

describe('sortOldestFirst', () => {
  it('orders by the instant, microseconds included, and puts what is no timestamp last', () => {
    const items = [
      { id: 'd', created_at: 'not a time' },
      { id: 'c', created_at: '2024-01-15T10:00:00.000002Z' },
      { id: 'b', created_at: '2024-01-15T11:00:00+01:00' },
      { id: 'a', created_at: '2024-01-15T10:00:00.000001Z' },
      { id: 'e', created_at: '0099-01-01T00:00:00Z' },
      { id: 'f', created_at: null },
    ];
    expect(sortOldestFirst(items).map((item) => item.id)).toEqual(['e', 'b', 'a', 'c', 'f', 'd']);
  });

  it('breaks ties by id, mixed precision or not', () => {
    const items = [
      { id: 'y', created_at: '2024-01-15T10:00:00.000000Z' },
      { id: 'x', created_at: '2024-01-15T10:00:00Z' },
      { id: 'w', created_at: '2024-01-15T11:00:00+01:00' },
    ];
    expect(sortOldestFirst(items).map((item) => item.id)).toEqual(['w', 'x', 'y']);
  });

  it('sorts as the comparator does, whether the list comes in order, reversed or shuffled', () => {
    const stamp = fc.oneof(
      fc.constant(null),
      fc.constantFrom('not a time', '2024-02-30T00:00:00Z', '2024-01-15T11:00:00+01:00'),
      fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const item = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), created_at: stamp });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const reference = (list: typeof items) =>
          [...list].sort((a, b) => compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id));
        const ordered = reference(items);
        expect(sortOldestFirst(items)).toEqual(ordered);
        expect(sortOldestFirst([...ordered].reverse())).toEqual(reference([...ordered].reverse()));
      }),
      { numRuns: 500 },
    );
  });
});
