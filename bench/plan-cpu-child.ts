/**
 * Scenario (d), one size, in a fresh process (so that sizes do not share a heap or a JIT):
 * read the generated YAML files and the matching remote state written by the parent, then
 * measure load + validate + plan. No network. Prints one JSON line for the parent.
 *
 *   node dist/bench/plan-cpu-child.js <dir>          load + validate + plan
 *   node dist/bench/plan-cpu-child.js <dir> yaml     the yaml library alone, on the same files
 *   node dist/bench/plan-cpu-child.js <dir> fast     the loader's js-yaml route alone (js-yaml-route.ts)
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { buildPlan } from '../src/plan/build-plan.js';
import type { RemoteCategory, RemoteEvent, RemoteProperty, RemoteState } from '../src/secoda/types.js';
import { loadPlanWithRules } from '../src/rules/load-plan-with-rules.js';
import { readWithJsYaml } from '../src/tracking-plan/js-yaml-route.js';
import type { PlanFileInput } from '../src/tracking-plan/plan-file-input.js';
import { LineCounter, parseDocument } from 'yaml';

export interface CpuChildResult {
  readonly cpuMs: number;
  readonly loadCpuMs: number;
  readonly planCpuMs: number;
  readonly wallMs: number;
  /** Peak resident set of the whole process (Node itself and the inputs included), MB (10⁶ bytes). */
  readonly peakRssMB: number;
  /** Resident set once the files were read, before loading: Node itself and the YAML bytes. */
  readonly baselineRssMB: number;
  readonly operations: number;
  readonly properties: number;
}

export interface YamlChildResult {
  /** parseDocument + toJS with the loader's options, every file: the part of the load that is the yaml library. */
  readonly yamlCpuMs: number;
  readonly peakRssMB: number;
}

const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const usage = process.cpuUsage(since);
  return (usage.user + usage.system) / 1000;
};

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: plan-cpu-child <dir>');
  const yamlDir = join(dir, 'tracking-plan');
  const names = (await readdir(yamlDir)).filter((name) => name.endsWith('.yaml')).sort();
  const files: PlanFileInput[] = [];
  for (const name of names) files.push({ path: `tracking-plan/${name}`, bytes: await readFile(join(yamlDir, name)) });
  if (process.argv[3] === 'yaml' || process.argv[3] === 'fast') {
    process.stdout.write(`${JSON.stringify(parserOnly(files, process.argv[3]))}\n`);
    return;
  }
  // Settle the heap so the baseline is Node and the files, not the garbage of reading them.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRssMB = process.memoryUsage().rss / 1e6;

  // In the order `tpsync plan` works: load the YAML, read Secoda, plan. Reading Secoda (here:
  // parsing the remote state from a file, standing in for the HTTP read) is not counted.
  const wall = performance.now();
  const start = process.cpuUsage();
  const loaded = loadPlanWithRules(files);
  const loadCpuMs = cpuMs(start);
  const loadWallMs = performance.now() - wall;
  if (!loaded.ok) throw new Error(`the generated plan is invalid: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  const remote = await readRemote(join(dir, 'remote.ndjson'));
  const planWall = performance.now();
  const afterLoad = process.cpuUsage();
  const plan = buildPlan(loaded.plan, remote, { writesPerMinute: 0 });
  const planCpuMs = cpuMs(afterLoad);
  const result: CpuChildResult = {
    cpuMs: loadCpuMs + planCpuMs,
    loadCpuMs,
    planCpuMs,
    wallMs: loadWallMs + (performance.now() - planWall),
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    baselineRssMB,
    operations: plan.operations.length,
    properties: loaded.plan.categories.reduce((n, c) => n + c.events.reduce((m, e) => m + e.properties.length, 0), 0),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The remote state, a page-sized line at a time (see scenario-plan-cpu.ts). */
async function readRemote(file: string): Promise<RemoteState> {
  const remote: { categories: RemoteCategory[]; events: RemoteEvent[]; properties: RemoteProperty[] } = {
    categories: [],
    events: [],
    properties: [],
  };
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const page = JSON.parse(line) as
      | { kind: 'categories'; items: RemoteCategory[] }
      | { kind: 'events'; items: RemoteEvent[] }
      | { kind: 'properties'; items: RemoteProperty[] };
    if (page.kind === 'categories') remote.categories.push(...page.items);
    else if (page.kind === 'events') remote.events.push(...page.items);
    else remote.properties.push(...page.items);
  }
  return remote;
}

/** The same parse the loader does (parse-yaml.ts) on either route, and nothing else. */
function parserOnly(files: readonly PlanFileInput[], parser: 'yaml' | 'fast'): YamlChildResult {
  const start = process.cpuUsage();
  const decoder = new TextDecoder();
  for (const file of files) {
    if (parser === 'fast') {
      if ('doubt' in readWithJsYaml(decoder.decode(file.bytes))) throw new Error(`the js-yaml route doubts ${file.path}`);
      continue;
    }
    parseDocument(decoder.decode(file.bytes), {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      merge: true,
      uniqueKeys: true,
      strict: true,
      keepSourceTokens: false,
    }).toJS({ maxAliasCount: 10_000 });
  }
  return { yamlCpuMs: cpuMs(start), peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6 };
}

await main();
