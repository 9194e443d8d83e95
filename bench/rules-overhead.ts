/**
 * What governance rules cost: load + validate + plan of a generated plan (scenario d's, 100,000
 * properties by default) without rules, with every rule that the plan satisfies, and with rules
 * that report thousands of violations (as warnings, so the plan still loads). Each run is a fresh
 * process (bench/plan-cpu-child.ts, as scenario d); the three variants take turns, so that a
 * busy machine slows them alike, and the medians are compared. Prints a Markdown table.
 *
 *   npm run build && node dist/bench/rules-overhead.js [--properties 100000] [--runs 5]
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { generatePlan, planToYamlFiles } from './generate-plan.js';
import type { CpuChildResult } from './plan-cpu-child.js';
import { matchingResources, toRemoteState } from './remote-fixtures.js';
import type { RemoteState } from '../src/secoda/types.js';

const run = promisify(execFile);

/** Every rule, set as a data team would for the generated plan, which follows them all. */
const CLEAN_RULES = `rules:
  event-title-style: { level: error, style: title-case }
  property-title-style: { level: error, style: snake_case }
  enum-value-style: { level: error, style: snake_case }
  description-required: { level: error }
  title-pattern: { level: error, event: '^[A-Z]', property: '^[a-z][a-z0-9_]*$' }
  banned-titles: { level: error, titles: [test, tmp, untitled] }
  title-max-length: { level: error, max: 63 }
`;
/** The same, plus two rules the generated plan breaks on every file: pii properties have no owners, no event carries `platform`. */
const VIOLATED_RULES = `${CLEAN_RULES}  pii-requires-owner: { level: warning }
  required-properties: { level: warning, properties: [platform] }
`;

const VARIANTS = [
  { name: 'no rules', rules: '' },
  { name: 'rules on (7 rules, no violation)', rules: CLEAN_RULES },
  { name: 'rules on (9 rules, violations as warnings)', rules: VIOLATED_RULES },
] as const;

function remoteAsLines(remote: RemoteState): string {
  const lines: string[] = [];
  for (const kind of ['categories', 'events', 'properties'] as const) {
    const items: readonly unknown[] = remote[kind];
    for (let i = 0; i < items.length; i += 50) lines.push(JSON.stringify({ kind, items: items.slice(i, i + 50) }));
  }
  return `${lines.join('\n')}\n`;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { properties: { type: 'string' }, runs: { type: 'string' } } });
  const properties = Number(values.properties ?? 100_000);
  const runs = Number(values.runs ?? 5);
  const shape = { categories: properties / 250, events: properties / 10, properties };
  const plan = generatePlan(shape);
  const files = planToYamlFiles(plan);
  const remote = remoteAsLines(toRemoteState(matchingResources(plan)));
  const root = await mkdtemp(join(tmpdir(), 'tpsync-rules-bench-'));
  const child = join(dirname(fileURLToPath(import.meta.url)), 'plan-cpu-child.js');
  try {
    const dirs: string[] = [];
    for (const [index, variant] of VARIANTS.entries()) {
      const dir = join(root, String(index));
      await mkdir(join(dir, 'tracking-plan'), { recursive: true });
      for (const file of files) {
        const text = new TextDecoder().decode(file.bytes);
        const isHeader = file.path.endsWith('/tracking-plan.yaml');
        await writeFile(join(dir, file.path), isHeader ? `${text}${variant.rules}` : text);
      }
      await writeFile(join(dir, 'remote.ndjson'), remote);
      dirs.push(dir);
    }
    const results: CpuChildResult[][] = VARIANTS.map(() => []);
    for (let r = 0; r < runs; r++) {
      for (const [index, dir] of dirs.entries()) {
        const { stdout } = await run(process.execPath, ['--expose-gc', child, dir], { maxBuffer: 1 << 24 });
        const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as CpuChildResult;
        if (result.operations !== 0) throw new Error(`${VARIANTS[index]?.name ?? ''}: the plan is not a no-op`);
        results[index]?.push(result);
      }
    }
    const base = median((results[0] ?? []).map((r) => r.cpuMs));
    const lines = [
      `load + validate + plan, ${properties.toLocaleString('en-US')} properties, median of ${runs} fresh processes per variant`,
      '',
      '| variant | CPU (median) | of which loading | vs no rules | runs (CPU, ms) |',
      '| --- | ---: | ---: | ---: | --- |',
      ...VARIANTS.map((variant, index) => {
        const cpu = (results[index] ?? []).map((r) => r.cpuMs);
        const load = median((results[index] ?? []).map((r) => r.loadCpuMs));
        const ratio = median(cpu) / base;
        return `| ${variant.name} | ${Math.round(median(cpu))} ms | ${Math.round(load)} ms | ${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}% | ${cpu.map((c) => Math.round(c)).join(', ')} |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
