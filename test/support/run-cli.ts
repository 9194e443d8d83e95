/** Runs the command line in-process, as `tpsync …` would, capturing what it prints. */
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: string[], env: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { NO_COLOR: '1', ...env },
    ...(signal ? { signal } : {}),
  });
  return { code, stdout, stderr };
}
