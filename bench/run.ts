/**
 * `npm run bench`: measures tpsync against the physical bounds of bounds.ts, prints a table and
 * writes bench/results.md (and the raw figures to bench/results.raw.json).
 *
 *   npm run bench                       the sizes (a few minutes; the paced scenario is 72 s)
 *   npm run bench -- --small            the same scenarios at a small size (seconds; what CI runs)
 *   npm run bench -- --emulator in-process | child     where the emulator runs (default: child)
 *   npm run bench -- --out FILE         write the Markdown results there instead
 *
 * The network scenarios drive the real client, planner and executor over real HTTP on
 * loopback against the emulator with 20 ms of latency per request, at --concurrency 8.
 * Nothing here asserts a timing: the numbers are reported, next to their bounds.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChildEmulator } from './emulator-child-process.js';
import { startInProcessEmulator } from './emulator-in-process.js';
import type { BenchEmulator } from './emulator-protocol.js';
import { LATENCY_MS } from './bounds.js';
import { describeMachine, loadAverage } from './machine.js';
import { rows, shapeText, type BenchResults } from './report.js';
import { resultsMarkdown, type ResultsInput } from './results-md.js';
import { runApply } from './scenario-apply.js';
import { runNoopPlan } from './scenario-noop-plan.js';
import { runPaced } from './scenario-paced.js';
import { runPlanCpu, type PlanCpuResult } from './scenario-plan-cpu.js';
import { checkRows, runCheckScenario } from './scenario-check.js';
import { runProcessScenarios } from './scenario-process.js';
import { runGotCost } from './scenario-got.js';
import { FULL, SMALL } from './sizes.js';
import { textTable } from './table.js';

export const CONCURRENCY = 8;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'boolean', default: false },
      emulator: { type: 'string', default: 'child' },
      out: { type: 'string' },
    },
  });
  const sizes = values.small ? SMALL : FULL;
  const placement = values.emulator === 'in-process' ? 'in-process' : values.emulator === 'child' ? 'child' : undefined;
  if (placement === undefined) throw new Error(`--emulator takes "child" or "in-process", not "${values.emulator ?? ''}"`);

  const machine = describeMachine();
  const loadBefore = loadAverage();
  const started = performance.now();
  say(
    `tpsync benchmark${values.small ? ' (--small)' : ''}: Node ${machine.node}, ${machine.cores} × ${machine.cpu}, emulator ${placement === 'child' ? 'in a child process' : 'in this process'}, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
  );

  const settings = { latencyMs: LATENCY_MS };
  const emulator: BenchEmulator = placement === 'child' ? await startChildEmulator(settings) : await startInProcessEmulator(settings);
  let results: BenchResults;
  try {
    say(`(a) no-op plan of ${shapeText(sizes.noop)} (1 cold + ${sizes.noopRuns} warm runs)…`);
    const noop = await runNoopPlan(emulator, sizes.noop, { concurrency: CONCURRENCY, latencyMs: LATENCY_MS, runs: sizes.noopRuns });
    say(`(b) apply of ${shapeText(sizes.apply)} from empty, unpaced…`);
    const apply = await runApply(emulator, sizes.apply, { concurrency: CONCURRENCY, latencyMs: LATENCY_MS });
    say(
      `whole process: tpsync validate (${sizes.process.validate.properties.toLocaleString('en-US')} properties), plan (a) and apply (b), spawned, against the same emulator…`,
    );
    const wholeProcess = await runProcessScenarios(emulator, {
      concurrency: CONCURRENCY,
      runs: sizes.process.runs,
      applyRuns: sizes.process.applyRuns,
      validateShape: sizes.process.validate,
      noopShape: sizes.noop,
      applyShape: sizes.apply,
    });
    say('the CPU cost of a request through got, and through node:http…');
    const gotCost = await runGotCost(emulator, values.small ? 300 : 3000);
    const writes = sizes.paced.categories + sizes.paced.events + sizes.paced.properties;
    say(
      `(c) paced apply: ${writes} writes at ${sizes.writesPerMinute}/min (about ${Math.round((writes * 60) / sizes.writesPerMinute)} s)…`,
    );
    const paced = await runPaced(emulator, sizes.paced, { concurrency: CONCURRENCY, writesPerMinute: sizes.writesPerMinute });
    await emulator.close();
    const cpu: PlanCpuResult[] = [];
    for (const shape of sizes.cpu) {
      say(`(d) load + validate + plan of ${shape.properties.toLocaleString('en-US')} properties, in a fresh process…`);
      cpu.push(await runPlanCpu(shape));
    }
    results = { noop, apply, paced, cpu, process: wholeProcess, got: gotCost };
  } finally {
    await emulator.close();
  }

  say('(e) tpsync check on a generated corpus of track calls, whole process…');
  const check = await runCheckScenario(values.small, say);
  const table = [...rows(results), ...checkRows(check)];
  process.stdout.write(`\n${textTable(table)}\n\n`);
  const loadAfter = loadAverage();
  const resultsInput: ResultsInput = {
    machine,
    small: values.small,
    emulator: emulator.where,
    latencyMs: LATENCY_MS,
    concurrency: CONCURRENCY,
    loadBefore,
    loadAfter,
    totalSeconds: (performance.now() - started) / 1000,
    sizes,
    results,
    rows: table,
  };
  const markdown = resultsMarkdown(resultsInput);

  const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');
  // A --small run is a smoke test: it must not overwrite the published results.
  const out =
    values.out ?? (values.small ? join(await mkdtemp(join(tmpdir(), 'tpsync-bench-')), 'results.md') : join(benchDir, 'results.md'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, markdown);
  await writeFile(out.replace(/\.md$/, '') + '.raw.json', `${JSON.stringify({ machine, sizes, results }, null, 2)}\n`);
  say(`Results written to ${out}`);
  const missed = table.filter((row) => row.ok === false).length;
  say(missed === 0 ? 'Every target met.' : `${missed} target${missed === 1 ? '' : 's'} missed: see the notes in the results.`);
}

await main();
