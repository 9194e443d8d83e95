import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { planPattern, translateEcmaPattern } from '../../src/import/ecma-pattern.js';

/** Texts that tell the two languages apart where they differ: line ends, Unicode spaces, astral characters. */
const PROBES = [
  '',
  'a',
  'abc',
  'ab\ncd',
  'ab\rcd',
  'ab\u2028cd',
  'x y',
  'x\u00a0y',
  'x\u3000y',
  'x\ty',
  'x\u000by',
  '\ufeff',
  'é',
  '😀',
  '2024-05-01',
  'A_b-9',
  '\u0000',
  '\u0001',
  '\b',
  'trk_0a1b2c3d',
  'spam',
  'Ωmega',
];

describe('planPattern: the plan pattern matches what the source pattern matches in ajv (ECMA-262, u flag), read by RE2 or by ECMA-262', () => {
  const same = [
    '^[a-z0-9_]+$',
    '^trk_[0-9a-f]{8}$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    'a.c',
    '^.*$',
    '^x\\sy$',
    '^x\\Sy$',
    '[\\s]',
    '^[^\\s]+$',
    '\\u00e9',
    '\\u{1F600}',
    '\\uD83D\\uDE00',
    '[^]',
    '\\cA',
    '\\0',
    '(?<word>\\w+)',
    '\\p{Lu}',
    '\\p{General_Category=Lu}',
    '[\\u002E-\\u0039]',
    '\\x41',
    '[\\b]',
    '\\bab',
    '\\/',
    '[[]',
    'x\\vy',
  ];
  it.each(same)('%s', (pattern) => {
    const translated = planPattern(pattern);
    expect(translated.ok).toBe(true);
    if (!translated.ok) return;
    const source = new RegExp(pattern, 'u');
    const re2 = RE2JS.compile(translated.pattern);
    const ecma = new RegExp(translated.pattern, 'u');
    for (const probe of [...PROBES, '.', '5', '/']) {
      expect(re2.test(probe), `RE2: ${JSON.stringify(probe)} against ${translated.pattern}`).toBe(source.test(probe));
      expect(ecma.test(probe), `ECMA: ${JSON.stringify(probe)} against ${translated.pattern}`).toBe(source.test(probe));
    }
  });

  it('leaves a pattern the two read alike as it is', () => {
    expect(translateEcmaPattern('^[A-Z][A-Za-z ]*$')).toEqual({ ok: true, pattern: '^[A-Z][A-Za-z ]*$' });
  });
});

describe('what RE2 cannot run is refused with the reason, never dropped', () => {
  it.each([
    ['^(?!spam).*$', 'looks ahead'],
    ['(?<=a)b', 'looks behind'],
    ['^(\\w+) \\1$', 'refers back to a group'],
    ['(?<x>a)\\k<x>', 'refers back to a named group'],
    ['[]', 'matches no character'],
    ['\\uD800', 'lone surrogate'],
    ['\\01', 'octal'],
    ['\\p{Script=Greek}', 'spell differently'],
  ])('%s', (pattern, reason) => {
    const translated = planPattern(pattern);
    expect(translated.ok).toBe(false);
    if (!translated.ok) expect(translated.problem).toContain(reason);
  });

  it('refuses a pattern the plan would refuse as too large to run', () => {
    const translated = planPattern('^[a-z]{1,900}[0-9]{1,900}$');
    expect(translated).toMatchObject({ ok: false });
  });

  it('refuses a Unicode property RE2 does not know', () => {
    expect(planPattern('\\p{Letter}')).toMatchObject({ ok: false });
  });
});
