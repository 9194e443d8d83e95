/** The README's "Performance" section: the figures that have a target, and how to reproduce them. Written by a full run. */
import type { ResultsInput } from './results-md.js';
import { TARGET_PROPERTIES } from './bounds.js';
import { markdownTable } from './table.js';

export function readmeSection(input: ResultsInput): string {
  const { machine } = input;
  const atTarget = (row: (typeof input.rows)[number]) => row.scenario.endsWith(`${TARGET_PROPERTIES.toLocaleString('en-US')} properties`);
  const rows = input.rows.filter(
    (row) =>
      row.ok !== null ||
      row.figure.startsWith('of which reading') ||
      row.figure.startsWith("Node's own start-up") ||
      (atTarget(row) && (row.figure.startsWith('of which the fast parser') || row.figure.startsWith('CPU per property added'))),
  );
  return [
    '## Performance',
    '',
    'tpsync is measured against physical bounds, not against itself: how many requests a plan or an apply must make at the',
    'least, and how long they must take at a given latency and concurrency. `npm run bench` starts the emulator with 20 ms of',
    'latency per request and drives the real client, planner and executor over HTTP at `--concurrency 8`:',
    '(a) a no-op plan of 40 categories / 1,000 events / 10,000 properties, (b) an apply of 10 / 200 / 2,000 from empty,',
    '(c) an apply paced at 600 writes a minute against an emulator that allows exactly that, and (d) loading, validating and',
    'planning 10,000 to 100,000 properties in process. (a), (b) and (e) `validate` are also measured as users meet them: the',
    'built command line (the bundle the Action and the npm package run) spawned as a process against the emulator in another',
    "process, from spawn to exit, less Node's own start-up. Each figure is measured / bound (1.00× is the limit):",
    '',
    markdownTable(rows),
    '',
    `Measured on ${machine.cores} × ${machine.cpu}, Node ${machine.node}, ${machine.date.slice(0, 10)}. The full table, the bound formulas,`,
    'what each figure misses by and why, and the changes that got here are in [bench/results.md](bench/results.md).',
    '',
    'Reproduce:',
    '',
    '```sh',
    'npm ci',
    'npm run bench              # a few minutes (the paced apply alone takes 72 s); writes bench/results.md',
    'npm run bench -- --small   # the same scenarios at a small size, in seconds; CI runs it and asserts no timings',
    '```',
    '',
  ].join('\n');
}
