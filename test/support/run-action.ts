/**
 * The GitHub Action as a runner starts it (action.yml's `runs.using: node24`): `node <main>` in
 * the workspace, nothing in between, with one `INPUT_<NAME>` variable per input (the name
 * upper-cased, hyphens kept), the workflow's `with:` value or else action.yml's default — the
 * runner evaluates `${{ github.token }}` itself; here it is `githubToken`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './spawn-cli.js';

export interface ActionFile {
  readonly inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  readonly outputs: Record<string, { description: string; value?: string }>;
  readonly runs: { readonly using: string; readonly main?: string; readonly steps?: unknown };
}

export const ACTION: ActionFile = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionFile;

/** The variables a runner sets for these `with:` values. */
export function inputVariables(given: Readonly<Record<string, string>>, githubToken = ''): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION.inputs)) {
    const fallback = input.default === '${{ github.token }}' ? githubToken : input.default;
    const value = given[name] ?? fallback;
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const name of Object.keys(given)) if (!(name in ACTION.inputs)) throw new Error(`action.yml has no input "${name}"`);
  return env;
}

export interface ActionRun {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Starts the action's `main` with `env` only (plus PATH and NO_COLOR): pass the runner's
 * variables and `inputVariables(…)`, or INPUT_* variables of your own to leave some out.
 */
export function startAction(env: Readonly<Record<string, string>>, cwd: string): ActionRun {
  if (ACTION.runs.main === undefined) throw new Error('action.yml has no runs.main');
  const child = spawn(process.execPath, [join(REPO_ROOT, ACTION.runs.main)], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: ActionRun = {
    child,
    stdout: '',
    stderr: '',
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout: run.stdout, stderr: run.stderr }));
    }),
  };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
  return run;
}

/** Runs the action to the end. */
export function runAction(env: Readonly<Record<string, string>>, cwd: string): ActionRun['done'] {
  return startAction(env, cwd).done;
}

/** The outputs in a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks (@actions/core writes the latter). */
export function parseStepOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}
