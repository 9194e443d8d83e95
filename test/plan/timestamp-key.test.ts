// The planner sorts every remote list oldest first. Its fast reading of the timestamps Secoda's
// API writes ("2024-01-15T10:00:00.123456Z") must give the instant that Date.parse gives for
// every string of that shape, valid or not (a year below 100, 31 February, 24:00, second 60).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText, compareTimestamps, sortOldestFirst, timestampKey } from '../../src/plan/compare.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** What Date.parse says, in microseconds (the planner's unit). */
function parsedMicros(text: string): number | undefined {
  const match = /^(.*?)(?:\.(\d+))?Z$/.exec(text);
  const seconds = Date.parse(`${match?.[1] ?? ''}Z`);
  return Number.isNaN(seconds) ? undefined : seconds * 1000 + Number((match?.[2] ?? '').padEnd(6, '0').slice(0, 6));
}

describe('timestampKey', () => {
  it('agrees with Date.parse on every UTC timestamp shape, in range or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.stringMatching(/^\d{1,9}$/)),
        (year, month, day, hour, minute, second, fraction) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction === null ? '' : `.${fraction}`}Z`;
          expect(timestampKey(text)).toBe(parsedMicros(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('orders by the instant, microseconds included, and puts what is no timestamp last', () => {
    const items = [
      { id: 'd', created_at: 'not a time' },
      { id: 'c', created_at: '2024-01-15T10:00:00.000002Z' },
      { id: 'b', created_at: '2024-01-15T11:00:00+01:00' },
      { id: 'a', created_at: '2024-01-15T10:00:00.000001Z' },
      { id: 'e', created_at: '0099-01-01T00:00:00Z' },
    ];
    expect(sortOldestFirst(items).map((item) => item.id)).toEqual(['e', 'b', 'a', 'c', 'd']);
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
        expect(sortOldestFirst(ordered)).toEqual(ordered);
        expect(sortOldestFirst([...ordered].reverse())).toEqual(reference([...ordered].reverse()));
      }),
      { numRuns: 2000 },
    );
  });
});
