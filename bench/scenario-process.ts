/**
 * Scenarios (a), (b) and validate as users meet them: the built command line (the bundle the
 * action and the npm package run, dist-action/tpsync.mjs) spawned as a process against the
 * emulator in another process, timed from spawn to exit. Node's own start-up (`node -e 0`,
 * measured the same way) is subtracted: tpsync's module loading is part of what is measured.
 * Each figure is the median of several runs; the CPU time and peak RSS of the runs come from
 * GNU time when the machine has it (/usr/bin/time), which stays meaningful on a busy machine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchEmulator } from './emulator-protocol.js';
import { median } from './fixtures.js';
import { generatePlan, planToYamlFiles, type PlanShape } from './generate-plan.js';
import { matchingResources } from './remote-fixtures.js';

export const BUNDLE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist-action', 'tpsync.mjs');
const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  readonly wallMs: number;
  readonly code: number | null;
  /** user + system CPU of the process, when GNU time is there. */
  readonly cpuMs: number | undefined;
  readonly peakRssMB: number | undefined;
}

export interface ProcessFigure {
  /** Median wall time from spawn to exit, Node's start-up not subtracted. */
  readonly wallMs: number;
  /** The same, less the median `node -e 0`. */
  readonly beyondNodeMs: number;
  readonly cpuMs: number | undefined;
  readonly peakRssMB: number | undefined;
  readonly runsMs: readonly number[];
}

export interface ProcessResults {
  readonly nodeStartMs: number;
  readonly nodeStartRunsMs: readonly number[];
  readonly validate: ProcessFigure & { readonly properties: number };
  readonly noopPlan: ProcessFigure & { readonly shape: PlanShape; readonly requests: number };
  readonly apply: ProcessFigure & { readonly shape: PlanShape; readonly requests: number };
}

export interface ProcessOptions {
  readonly concurrency: number;
  readonly runs: number;
  /** Runs of the apply (each seconds long at the full size). */
  readonly applyRuns: number;
  readonly validateShape: PlanShape;
  readonly noopShape: PlanShape;
  readonly applyShape: PlanShape;
}

function spawnTimed(args: readonly string[], env: Record<string, string>, cwd: string): Promise<ProcessRun> {
  const timed = existsSync(GNU_TIME);
  const command = timed ? GNU_TIME : process.execPath;
  const argv = timed ? ['-f', 'tpsync-bench-time %U %S %M', process.execPath, ...args] : [...args];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, argv, {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', CI: 'true', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const match = /tpsync-bench-time ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (code !== 0 && code !== 2) process.stderr.write(stderr);
      done({
        wallMs,
        code,
        cpuMs: match ? (Number(match[1]) + Number(match[2])) * 1000 : undefined,
        peakRssMB: match ? (Number(match[3]) * 1024) / 1e6 : undefined,
      });
    });
  });
}

function figure(runs: readonly ProcessRun[], nodeStartMs: number): ProcessFigure {
  const wallMs = median(runs.map((run) => run.wallMs));
  const cpus = runs.map((run) => run.cpuMs).filter((value): value is number => value !== undefined);
  const rss = runs.map((run) => run.peakRssMB).filter((value): value is number => value !== undefined);
  return {
    wallMs,
    beyondNodeMs: Math.max(0, wallMs - nodeStartMs),
    cpuMs: cpus.length > 0 ? median(cpus) : undefined,
    peakRssMB: rss.length > 0 ? Math.max(...rss) : undefined,
    runsMs: runs.map((run) => run.wallMs),
  };
}

async function writePlan(dir: string, shape: PlanShape): Promise<string> {
  const root = join(dir, `plan-${shape.properties}`);
  for (const file of planToYamlFiles(generatePlan(shape))) {
    const path = join(root, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
  return join(root, 'tracking-plan');
}

/** Whether this build's `apply` asks for --auto-approve against a remote URL without a terminal. */
async function applyFlags(cwd: string): Promise<string[]> {
  const help = await new Promise<string>((done) => {
    const child = spawn(process.execPath, [BUNDLE, 'apply', '--help'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('close', () => done(out));
  });
  return help.includes('--auto-approve') ? ['--auto-approve'] : [];
}

export async function runProcessScenarios(emulator: BenchEmulator, options: ProcessOptions): Promise<ProcessResults> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\``);
  const dir = await mkdtemp(join(tmpdir(), 'tpsync-bench-process-'));
  try {
    const env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: emulator.token };
    const common = ['--concurrency', String(options.concurrency), '--writes-per-minute', '0'];

    const nodeRuns: ProcessRun[] = [];
    for (let i = 0; i < Math.max(5, options.runs); i++) nodeRuns.push(await spawnTimed(['-e', '0'], {}, dir));
    const nodeStartMs = median(nodeRuns.map((run) => run.wallMs));

    const validatePlan = await writePlan(dir, options.validateShape);
    const validateRuns: ProcessRun[] = [];
    for (let i = 0; i < options.runs; i++) validateRuns.push(await spawnTimed([BUNDLE, 'validate', validatePlan], {}, dir));
    if (validateRuns.some((run) => run.code !== 0)) throw new Error('tpsync validate failed on the generated plan');

    const noopPlan = await writePlan(dir, options.noopShape);
    await emulator.reset(matchingResources(generatePlan(options.noopShape)));
    const noopRuns: ProcessRun[] = [];
    let noopRequests = 0;
    for (let i = 0; i < options.runs; i++) {
      await emulator.clearLog();
      noopRuns.push(await spawnTimed([BUNDLE, 'plan', noopPlan, '--detailed-exitcode', ...common], env, dir));
      noopRequests = Math.max(noopRequests, (await emulator.requests()).total);
    }
    if (noopRuns.some((run) => run.code !== 0)) throw new Error('tpsync plan found changes in the no-op plan, or failed');

    const applyPlan = await writePlan(dir, options.applyShape);
    const extra = await applyFlags(dir);
    const applyRuns: ProcessRun[] = [];
    let applyRequests = 0;
    for (let i = 0; i < options.applyRuns; i++) {
      await emulator.reset([]);
      await emulator.clearLog();
      applyRuns.push(await spawnTimed([BUNDLE, 'apply', applyPlan, ...common, ...extra], env, dir));
      applyRequests = Math.max(applyRequests, (await emulator.requests()).total);
    }
    if (applyRuns.some((run) => run.code !== 0)) throw new Error('tpsync apply failed');

    return {
      nodeStartMs,
      nodeStartRunsMs: nodeRuns.map((run) => run.wallMs),
      validate: { ...figure(validateRuns, nodeStartMs), properties: options.validateShape.properties },
      noopPlan: { ...figure(noopRuns, nodeStartMs), shape: options.noopShape, requests: noopRequests },
      apply: { ...figure(applyRuns, nodeStartMs), shape: options.applyShape, requests: applyRequests },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
