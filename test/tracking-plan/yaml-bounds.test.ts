// Files written to make the loader slow or crash: a mapping of tens of thousands of keys (`yaml`'s
// repeated-key check is quadratic), thousands of problems in one file, nesting deeper than the
// stack, and lists of 130,000 items (a spread into push() ran out of stack). Each is refused,
// located, or loaded — in every parse route (the 130,000 items in the usual one). The timeouts only guard against a hang.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { YamlParser } from '../../src/tracking-plan/parse-yaml.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
const PARSERS: YamlParser[] = ['auto', 'yaml'];
const HANG_GUARD = 120_000;

function load(text: string, parser: YamlParser) {
  return loadTrackingPlan([{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }], { parser });
}
function issuesOf(text: string, parser: YamlParser): Issue[] {
  const result = load(text, parser);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
}
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';

describe.each(PARSERS)('parser %s', (parser) => {
  it(
    'a mapping of 80,000 keys is refused at the first key past 10,000, with one issue',
    () => {
      const text = `${HEADER}categories:\n  - title: C\n${lines(80_000, (i) => `    k${i}: 1`)}`;
      expect(issuesOf(text, parser)).toEqual([
        expect.objectContaining({
          code: 'too-many-keys',
          line: 4 + 10_000,
          column: 5,
          message: expect.stringContaining('more than 10,000 keys'),
        }),
      ]);
    },
    HANG_GUARD,
  );

  it(
    'a flow mapping and the top level are bounded alike, and 10,000 keys are still read',
    () => {
      const flow = `${HEADER}categories:\n  - {title: C, ${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ')}}\n`;
      expect(issuesOf(flow, parser)).toEqual([expect.objectContaining({ code: 'too-many-keys', line: 4 })]);
      expect(issuesOf(`${HEADER}${lines(20_000, (i) => `k${i}: 1`)}`, parser)).toEqual([
        expect.objectContaining({ code: 'too-many-keys', line: 10_001, column: 1 }),
      ]);
      const within = issuesOf(`${HEADER}categories:\n  - title: C\n${lines(9_998, (i) => `    k${i}: 1`)}`, parser);
      expect(within.every((issue) => issue.code !== 'too-many-keys')).toBe(true);
    },
    HANG_GUARD,
  );

  it(
    'a key written twice among 20,000 is found where it is written again',
    () => {
      const text = `${HEADER}categories:\n  - title: C\n${lines(9_000, (i) => `    k${i}: 1`)}    k4500: 2\n`;
      expect(issuesOf(text, parser)).toEqual([
        expect.objectContaining({
          code: 'yaml-syntax',
          line: 5 + 9_000,
          column: 5,
          message: expect.stringContaining('Map keys must be unique'),
        }),
      ]);
    },
    HANG_GUARD,
  );

  it(
    'nesting 20,000 deep is refused as nested too deeply, located, not with a stack overflow',
    () => {
      for (const text of [
        `${HEADER}categories: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
        `${HEADER}categories: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
      ]) {
        const issues = issuesOf(text, parser);
        expect(issues).toEqual([
          expect.objectContaining({ code: 'nested-too-deeply', line: 3, message: expect.stringContaining('nested too deeply') }),
        ]);
        expect(JSON.stringify(issues)).not.toMatch(/call stack/i);
      }
    },
    HANG_GUARD,
  );

  it(
    '20,000 problems in one file: the first 500 are reported, then one issue counts the rest',
    () => {
      const text = `${HEADER}categories:\n${lines(20_000, (i) => `  - title: "x${i}"\n    bogus${i}: 1`).trimEnd()}\n`;
      const issues = issuesOf(text, parser);
      expect(issues).toHaveLength(501);
      expect(issues.slice(0, 500).every((issue) => issue.code === 'unknown-key')).toBe(true);
      expect(issues[500]).toMatchObject({
        code: 'too-many-problems',
        line: 5 + 2 * 500,
        message: expect.stringContaining('19,500 more problems in this file not shown'),
      });
    },
    HANG_GUARD,
  );
});

it(
  '130,000 categories, shared definitions and repeated enum values load or are reported, never "Maximum call stack size exceeded"',
  () => {
    const categories = load(`${HEADER}categories:\n${lines(130_000, (i) => `  - title: C${i}`)}`, 'auto');
    expect(categories.ok && categories.plan.categories.length).toBe(130_000);

    const definitions = load(
      `${HEADER}properties:\n${lines(130_000, (i) => `  - title: p${i}\n    type: string`)}categories:\n  - title: C\n`,
      'auto',
    );
    expect(definitions.ok).toBe(true);

    const repeated = `${HEADER}categories:\n  - title: C\n    events:\n      - title: E\n        properties:\n          - title: p\n            type: enum\n            enum: [${Array(130_000).fill('v').join(', ')}]\n`;
    const enumIssues = issuesOf(repeated, 'auto');
    expect(enumIssues.length).toBeGreaterThan(0);
    expect(JSON.stringify(enumIssues)).not.toMatch(/call stack/i);

    const twins = issuesOf(`${HEADER}categories:\n${lines(130_000, () => '  - title: C')}`, 'auto');
    expect(twins.length).toBe(501);
  },
  HANG_GUARD,
);
