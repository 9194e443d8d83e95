/**
 * Patterns a plan's author writes run in linear time (RE2): what RE2 cannot run is refused with
 * a reason and a hint, never compiled by JavaScript's backtracking engine.
 */
import { describe, expect, it } from 'vitest';
import { compileUserPattern, MAX_PATTERN_LENGTH } from '../../src/tracking-plan/user-pattern.js';

const matcher = (source: string) => {
  const compiled = compileUserPattern(source);
  if (!compiled.ok) throw new Error(`expected ${source} to compile: ${compiled.problem}`);
  return compiled.pattern;
};

describe('compileUserPattern', () => {
  it('answers a pattern that backtracking takes exponential time on, for a 10,000-character text', () => {
    // JavaScript's RegExp would not answer this within the age of the universe.
    const pattern = matcher('^(a+)+$');
    expect(pattern.test(`${'a'.repeat(10_000)}!`)).toBe(false);
    expect(pattern.test('a'.repeat(10_000))).toBe(true);
  });

  it.each([
    ['^[a-z][a-z0-9_]*$', 'order_id', true],
    ['^[a-z][a-z0-9_]*$', 'Order', false],
    ['Order', 'Big Order Placed', true], // unanchored, as RegExp.test
    ['^\\p{Lu}', 'Événement', true],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['(?i)^order', 'ORDER placed', true],
    ['^\\x{E9}t\\x{E9}$', 'été', true],
    ['^.$', '😀', true], // by code point, as the `u` flag
    ['^\\d+$', '١٢٣', false], // \d is ASCII only
    ['^(?P<word>[a-z]+)$', 'abc', true],
  ])('%s on %s: %s', (source, text, expected) => {
    expect(matcher(source).test(text)).toBe(expected);
  });

  it.each([
    ['(a)\\1', 'uses a backreference (`\\1`)', 'without referring back to a group'],
    ['(?<x>a)\\k<x>', 'uses a backreference (`\\k`)', 'without referring back to a group'],
    ['^(?=.*[A-Z])', 'uses a lookahead (`(?=…)`)', 'without looking ahead or behind'],
    ['^(?!tmp)', 'uses a lookahead (`(?!…)`)', 'without looking ahead or behind'],
    ['(?<=a)b', 'uses a lookbehind (`(?<=…)`)', 'without looking ahead or behind'],
    ['(?<!a)b', 'uses a lookbehind (`(?<!…)`)', 'without looking ahead or behind'],
    ['^\\u00e9$', 'writes a character as `\\u…`', '`\\x{00E9}`'],
    ['^\\p{Letter}+$', 'names a Unicode class RE2 does not know (`\\p{Letter}`)', '`\\p{Lu}`'],
    ['a{2,1001}', 'has a repeat count RE2 does not take', 'at most 1000'],
    ['\\p{L}{1000}', 'is too large: its repetitions make 1,002 steps', 'smaller repeat counts'],
    ['^[A-Z', 'is not a valid regular expression (missing closing ]: `[A-Z`)', 'RE2 regular expression'],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), 'is 1,001 characters long; a pattern may have at most 1,000', 'shorten it'],
  ])('refuses %s, saying why', (source, problem, hint) => {
    const compiled = compileUserPattern(source);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problem).toContain(problem);
    expect(compiled.hint).toContain(hint);
  });

  it('says a construct is refused because the engine runs in linear time', () => {
    const compiled = compileUserPattern('(a)\\1');
    expect(!compiled.ok && compiled.problem).toContain('RE2, which runs in linear time');
  });
});
