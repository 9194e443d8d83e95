/**
 * Scenario (e) alone: `node dist/bench/run-check.js [--small]` (after `npm run build`). Prints
 * the same rows `npm run bench` adds to its table, with the machine and its load.
 */
import { parseArgs } from 'node:util';
import { describeMachine, loadAverage } from './machine.js';
import { checkRows, runCheckScenario } from './scenario-check.js';
import { textTable } from './table.js';

const { values } = parseArgs({ options: { small: { type: 'boolean', default: false } } });
const machine = describeMachine();
const say = (line: string) => process.stderr.write(`${line}\n`);
say(
  `tpsync check benchmark${values.small ? ' (--small)' : ''}: Node ${machine.node}, ${machine.cores} × ${machine.cpu}, load ${loadAverage().toFixed(2)}`,
);
const result = await runCheckScenario(values.small, say);
process.stdout.write(`\n${textTable(checkRows(result))}\n`);
