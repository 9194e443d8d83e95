// Hostile inputs from a pull request or from production (issue 21): a pattern that a backtracking
// engine takes exponential time on, YAML whose aliases stand for far more than it holds, and text
// that is not Unicode or that a terminal would act on. Each runs the built CLI, as CI does, and
// asserts the outcome; a timer kills a child that hangs, so a hang fails the test instead of
// stopping the suite. No assertion depends on how long anything takes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type SpawnResult } from '../support/spawn-cli.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
/** Long enough for any machine, however loaded; the old code ran for many minutes. */
const HANG_GUARD_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-hostile-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The CLI's result; a child still running after the guard is killed (and the test then fails on its signal). */
async function guarded(args: string[]): Promise<SpawnResult & { output: string }> {
  const child = spawnCli(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
  try {
    const result = await child;
    expect(result.signal, 'the command hung and was killed').toBeNull();
    return { ...result, output: result.stdout + result.stderr };
  } finally {
    clearTimeout(timer);
  }
}

describe('a title-pattern a backtracking engine takes exponential time on', () => {
  it(
    'validate checks a 10,000-character title against ^(a+)+$ and reports it',
    async () => {
      const title = `${'a'.repeat(10_000)}!`;
      const plan = await write(
        'redos.yaml',
        `${HEADER}rules:\n  title-pattern: { event: '^(a+)+$' }\ncategories:\n  - title: Shop\n    events:\n      - title: ${title}\n      - title: aaaa\n`,
      );
      const result = await guarded(['validate', plan]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('redos.yaml:8:16');
      expect(result.output).toContain('does not match the event title pattern /^(a+)+$/ [title-pattern]');
      // The title that matches is not reported.
      expect(result.output).not.toContain('redos.yaml:9:16');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a lookahead is refused at the pattern, with a hint',
    async () => {
      const plan = await write('lookahead.yaml', `${HEADER}rules:\n  title-pattern: { property: '^(?!tmp)[a-z_]+$' }\n`);
      const result = await guarded(['validate', plan]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('lookahead.yaml:4:30  error  the property title pattern uses a lookahead (`(?!…)`)');
      expect(result.output).toContain('hint: rewrite it without looking ahead or behind');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('YAML whose aliases and merge keys stand for far more than the file holds', () => {
  /** The attack's size: 2,000 aliases (about 185 KB) of a list of 60 properties, each with an error. */
  function fanOut(): string {
    let text = `${HEADER}categories:\n  - title: Shop\n    events:\n      - title: E0\n        properties: &p\n`;
    for (let i = 0; i < 60; i++) text += `          - { title: p${i}, type: strin }\n`;
    for (let i = 1; i <= 2000; i++)
      text += `      - title: Event ${String(i).padStart(5, '0')} of the shop\n        description: d\n        properties: *p\n`;
    return text;
  }

  it(
    '2,000 aliases of a 60-property list are refused where the copies pass the bound',
    async () => {
      const text = fanOut();
      expect(text.length).toBeGreaterThan(170_000);
      const plan = await write('fan-out.yaml', text);
      const result = await guarded(['validate', plan]);
      expect(result.code).toBe(1);
      // Each `*p` stands for 301 nodes (the list, and 60 mappings of two pairs): the 167th passes 50,000, on line 70 + 3 × 166.
      expect(result.output).toContain('fan-out.yaml:568:21  error  YAML aliases and merge keys expand the file by more than 50,000 nodes');
      expect(result.output).toContain('1 problem in 1 file');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'nested "billion laughs" lists, and merge keys that merge twice at each level, are refused',
    async () => {
      let laughs = `${HEADER}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
      for (let i = 1; i < 10; i++)
        laughs += `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]\n`;
      let merges = `${HEADER}m0: &m0 {a: 1, b: 2}\n`;
      for (let i = 1; i <= 30; i++) merges += `m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: 1}\n`;
      for (const [name, text] of [
        ['laughs.yaml', laughs],
        ['merges.yaml', merges],
      ] as const) {
        const result = await guarded(['validate', await write(name, text)]);
        expect(result.code, name).toBe(1);
        expect(result.output, name).toMatch(
          new RegExp(`${name}:\\d+:\\d+  error  YAML aliases and merge keys expand the file by more than 50,000 nodes`),
        );
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '20,000 anchors and 20,000 aliases are refused at the 5,001st',
    async () => {
      let text = `${HEADER}x:\n`;
      for (let i = 0; i < 20_000; i++) text += `  - &a${i} v\n`;
      text += `y: [${Array(20_000).fill('*a19999').join(', ')}]\n`;
      const result = await guarded(['validate', await write('anchors.yaml', text)]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('anchors.yaml:5004:12  error  the file has more than 5,000 YAML anchors and aliases');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '2,000 merge keys of one small mapping load',
    async () => {
      let text = `${HEADER}categories:\n  - title: Shop\n    events:\n      - &base\n        title: Base\n        description: d\n        pii: false\n`;
      for (let i = 1; i <= 2000; i++) text += `      - <<: *base\n        title: Event ${i}\n`;
      const result = await guarded(['validate', await write('many-merges.yaml', text)]);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('2,001 events');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a merge key into its own mapping gets a located message, not a stack overflow',
    async () => {
      const result = await guarded([
        'validate',
        await write('self-merge.yaml', `${HEADER}categories:\n  - &c\n    title: Shop\n    <<: *c\n`),
      ]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('self-merge.yaml:6:9  error  this merge key (`<<`) merges the mapping that holds it');
      expect(result.output).not.toContain('call stack');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('text that is not Unicode, or that a terminal would act on', () => {
  it(
    'a title with U+2028 is named, and no output carries the raw character',
    async () => {
      const plan = await write('separator.yaml', `${HEADER}categories:\n  - title: "Shop\\u2028Hidden line"\n`);
      const result = await guarded(['validate', plan]);
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        'separator.yaml:4:12  error  title "Shop\\u2028Hidden line" contains a line separator: U+2028 LINE SEPARATOR at position 5',
      );
      expect(result.output).not.toMatch(/[\u2028\u2029\u200b]/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'check reports payloads with a lone surrogate or bytes that are not UTF-8 as violations',
    async () => {
      const plan = await write(
        'check-plan.yaml',
        `${HEADER}categories:\n  - title: Shop\n    events:\n      - title: Cart Viewed\n        properties:\n          - { title: cart_id, type: string }\n`,
      );
      const lines = [
        '{"event":"Cart Viewed","properties":{"cart_id":"c1"}}\n',
        '{"event":"Cart Viewed","properties":{"cart_id":"c\\ud800"}}\n',
        '{"event":"Cart Viewed","properties":{"cart_id":"c',
      ];
      const bytes = Buffer.concat([Buffer.from(lines.join('')), Buffer.from([0xc3, 0x28]), Buffer.from('"}}\n')]);
      const payloads = await write('payloads.ndjson', bytes);
      const result = await guarded(['check', plan, payloads, '--format', 'json']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { by_kind: Record<string, unknown>; invalid_json: unknown[] };
      expect(report.by_kind['invalid-json']).toEqual({ count: 2, lines: [2, 3] });
      expect(report.invalid_json).toEqual([
        {
          reason: 'a string holds a lone surrogate (a \\uD800–\\uDFFF escape without its pair), which is not Unicode text',
          count: 1,
          lines: [2],
        },
        { reason: 'not valid UTF-8', count: 1, lines: [3] },
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});
