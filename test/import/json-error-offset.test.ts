import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/import/json-error-offset.js';

describe('jsonErrorOffset: where JSON text stops being JSON', () => {
  it.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[{}]}}'])('%s is JSON', (text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['{"rules": [,]}', 11],
    ['{"a": 1,}', 8],
    ["{'a': 1}", 1],
    ['{"a": 01}', 7],
    ['{"a": "x\ny"}', 8],
    ['{"a": tru}', 6],
    ['[1, 2', 5],
    ['{"a": 1} x', 9],
    ['', 0],
  ])('%j fails at %i, as JSON.parse fails on it', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
