/**
 * `tpsync check` on an imported plan agrees with an independent JSON Schema validator (ajv, with
 * ajv-formats) on the source's own schemas, payload by payload; where the two differ, the payload
 * meets something the import listed as left out, and the case says which note.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedPlanFiles } from '../../src/cli/imported-plan-files.js';
import { readIgluRegistry, readSourceFile } from '../../src/files/import-sources.js';
import { importIgluSources, importSegmentSource, type ImportOutcome } from '../../src/import/import-source.js';
import type { ImportedPlan } from '../../src/import/imported-plan.js';
import { runCli } from '../support/run-cli.js';
import { FIXTURES } from './import-output.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;
type Payload = Record<string, unknown>;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-import-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function compiler(): (schema: unknown) => ValidateFunction {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: false, validateSchema: false }));
  return (schema) => ajv.compile(draft4Bounds(schema) as Schema);
}

/** Draft 4's `exclusiveMinimum: true` beside `minimum` as the later drafts (which ajv reads) say it; `$schema` off (Iglu's meta-schema). */
function draft4Bounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draft4Bounds);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, draft4Bounds(value)]));
  delete copy['$schema'];
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (copy[exclusive] === true) {
      copy[exclusive] = copy[bound];
      delete copy[bound];
    } else if (copy[exclusive] === false) delete copy[exclusive];
  }
  return copy;
}

function plan(outcome: ImportOutcome): ImportedPlan {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

/** Writes the plan as import writes it, and returns a function that checks one payload with `tpsync check` (true: no violation). */
async function checker(name: string, imported: ImportedPlan): Promise<(payload: Payload, line: number) => Promise<boolean>> {
  const planDir = join(dir, name);
  const files = importedPlanFiles(imported.categories, { integration: 'ca529385-fbc9-4934-afae-e372affe795b' }, 'x.json');
  await rm(planDir, { recursive: true, force: true });
  await mkdir(planDir);
  for (const file of files) await writeFile(join(planDir, file.path), file.text);
  return async (payload, line) => {
    const input = join(dir, `${name}-${line}.ndjson`);
    await writeFile(input, `${JSON.stringify(payload)}\n`);
    const result = await runCli(['check', planDir, input]);
    expect([0, 1], result.stderr).toContain(result.code);
    return result.code === 0;
  };
}

async function payloads(file: string): Promise<Payload[]> {
  return (await readFile(`${FIXTURES}/payloads/${file}`, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Payload);
}

/**
 * Compares the two verdicts on every payload. `disagreements` maps a payload's line to the end of
 * the pointer of the note that explains why the plan judges it otherwise.
 */
async function expectAgreement(
  imported: ImportedPlan,
  lines: readonly Payload[],
  source: (payload: Payload) => boolean,
  check: (payload: Payload, line: number) => Promise<boolean>,
  disagreements: Readonly<Record<number, string>>,
): Promise<void> {
  const found: Record<number, string> = {};
  for (const [index, payload] of lines.entries()) {
    const line = index + 1;
    const expected = source(payload);
    if ((await check(payload, line)) !== expected)
      found[line] = expected ? 'source accepts, check refuses' : 'source refuses, check accepts';
  }
  expect(Object.keys(found)).toEqual(Object.keys(disagreements));
  const pointers = imported.notes.filter((note) => note.effect === 'left-out').map((note) => note.pointer);
  for (const [line, pointer] of Object.entries(disagreements))
    expect(pointers, `line ${line}: ${found[Number(line)]}`).toContainEqual(
      expect.stringMatching(new RegExp(`${pointer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)),
    );
  // Both verdicts occur, or the comparison says little.
  expect(lines.some(source) && !lines.every(source)).toBe(true);
}

describe('check on an imported plan agrees with ajv on the source schemas', () => {
  it('segment: each call against its rule (the latest version) and the rule for every call', { timeout: 120_000 }, async () => {
    const file = `${FIXTURES}/segment/plan.json`;
    const imported = plan(importSegmentSource(readSourceFile(file)));
    const source = JSON.parse(await readFile(file, 'utf8')) as {
      rules: { global: Schema; identify: Schema; events: { name: string; version: number; rules: Schema }[] };
    };
    const compile = compiler();
    const global = compile(source.rules.global);
    const latest = new Map<string, { version: number; validate: ValidateFunction }>();
    for (const event of source.rules.events) {
      const seen = latest.get(event.name);
      if (seen === undefined || event.version > seen.version)
        latest.set(event.name, { version: event.version, validate: compile(event.rules) });
    }
    const identify = compile(source.rules.identify);
    const accepts = (call: Payload): boolean => {
      const rule = call['type'] === 'identify' ? identify : latest.get(String(call['event']))?.validate;
      return rule !== undefined && rule(call) && global(call);
    };
    await expectAgreement(imported, await payloads('segment.ndjson'), accepts, await checker('segment', imported), {
      13: '/price/multipleOf',
      16: '/edition/type',
      17: '/properties/properties/properties/format',
      20: '/rules/global/properties/context',
      22: '/note/pattern',
    });
  });

  it('snowplow: each payload against the latest version of the schemas of its name', { timeout: 120_000 }, async () => {
    const registry = `${FIXTURES}/snowplow`;
    const imported = plan(importIgluSources(readIgluRegistry(registry)));
    const compile = compiler();
    const latest = new Map<string, { version: string; schema: Schema }>();
    for (const file of readIgluRegistry(registry)) {
      const key = `${file.vendor}/${file.name}`;
      const version = file.version
        .split('-')
        .map((part) => part.padStart(6, '0'))
        .join('-');
      const seen = latest.get(key);
      if (seen === undefined || version > seen.version)
        latest.set(key, { version, schema: JSON.parse(new TextDecoder().decode(file.bytes)) as Schema });
    }
    const byName = new Map<string, ValidateFunction[]>();
    for (const [key, { schema }] of latest) {
      const name = key.split('/')[1] ?? '';
      byName.set(name, [...(byName.get(name) ?? []), compile(schema)]);
    }
    const accepts = (payload: Payload): boolean =>
      (byName.get(String(payload['event'])) ?? []).some((validate) => validate(payload['properties']));
    await expectAgreement(imported, await payloads('snowplow.ndjson'), accepts, await checker('snowplow', imported), {
      5: '/weight/exclusiveMinimum',
      14: '/fee/anyOf',
      15: '/dates/items',
      16: '/notes/pattern',
    });
  });
});
