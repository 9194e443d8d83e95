import { describe, expect, it } from 'vitest';
import { durationWords } from '../../src/render/duration-words.js';
import { countText, plural } from '../../src/render/plural.js';

describe('durationWords', () => {
  it.each([
    [-5, '0 ms'],
    [0, '0 ms'],
    [40.4, '40 ms'],
    [999.4, '999 ms'],
    [1_000, '1 s'],
    [2_540, '2.5 s'],
    [9_949, '9.9 s'],
    [9_950, '10 s'],
    [12_400, '12 s'],
    [59_499, '59 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [402_000, '6 min 42 s'],
    [3_599_000, '59 min 59 s'],
    [3_600_000, '1 h'],
    [3_659_000, '1 h'],
    [4_860_000, '1 h 21 min'],
    [20_000 * 1000, '5 h 33 min'],
    [47 * 3_600_000, '47 h'],
    [50 * 3_600_000, '2 days'],
    [999_999_999_000, 'more than a year'],
  ])('%d ms is "%s"', (ms, words) => {
    expect(durationWords(ms)).toBe(words);
  });
});

describe('plural', () => {
  it.each([
    [0, 'warning', undefined, '0 warnings'],
    [1, 'warning', undefined, '1 warning'],
    [2, 'property', 'properties', '2 properties'],
    [1_204, 'property', 'properties', '1,204 properties'],
    [1_000_000, 'unchanged line', undefined, '1,000,000 unchanged lines'],
  ])('%d %s', (count, singular, pluralForm, text) => {
    expect(plural(count, singular, pluralForm)).toBe(text);
  });

  it('groups digits by commas whatever the locale', () => {
    expect([7, 999, 1000, 12345, 1234567].map(countText)).toEqual(['7', '999', '1,000', '12,345', '1,234,567']);
  });
});
