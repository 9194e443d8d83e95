/** Runs the built `tpsync` executable in a child process, as a workflow step would. */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/tpsync.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnedCli extends Promise<SpawnResult> {
  kill(signal: NodeJS.Signals): void;
  readonly pid: number | undefined;
  /** The child's stdin, with `stdin: 'pipe'`. */
  readonly stdin: Writable | null;
}

export function spawnCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; onStdout?: (text: string) => void; stdin?: 'ignore' | 'pipe' } = {},
): SpawnedCli {
  // Only what the test gives, plus PATH: the host's GITHUB_* variables must not leak in.
  const env = { PATH: process.env['PATH'], NO_COLOR: '1', ...options.env };
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    options.onStdout?.(stdout);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(done, { kill: (signal: NodeJS.Signals) => void child.kill(signal), pid: child.pid, stdin: child.stdin });
}
