/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
import type { CommandSink } from '../github/workflow-commands.js';
import type { Redactor } from '../redaction/redactor.js';
import { redactorFromEnv } from '../redaction/secrets-from-env.js';
import { colours, plain, type Style } from '../style.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Where apply reads its "yes" from. */
export type InputStream = NodeJS.ReadableStream & { readonly isTTY?: boolean };

export interface Io {
  /** The terminal to ask on (apply's approval); absent or not a TTY means there is no one to ask. */
  readonly stdin?: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Aborted by SIGINT/SIGTERM while the command catches them (`catchSignals`): it stops starting
   * work and winds down. Elsewhere a signal ends the real process at once (see interrupts.ts).
   */
  readonly signal?: AbortSignal;
  /**
   * Catches SIGINT/SIGTERM (which then abort `signal`) until the returned function is called;
   * `note` says what the command does on the first one. Absent in process: `signal` is the caller's.
   */
  readonly catchSignals?: (note: string) => () => void;
  /**
   * Takes the secrets out of text written anywhere but stdout and stderr (files, GitHub
   * comments, the job summary); `run` sets it, and wraps stdout and stderr with it.
   */
  readonly redactor?: Redactor;
  /** Where GitHub workflow commands (annotations) go; by default stderr, never stdout. */
  readonly workflowCommands?: CommandSink;
  /**
   * On a GitHub runner whose log reads tpsync's workflow commands (on stderr), with stdout not
   * redirected to a file: long lists (apply's steps) are folded into `::group::` sections, the
   * markers and the lines they fold both on stderr. Absent means no folding.
   */
  readonly foldsInLog?: boolean;
}

/** The run's Redactor (built from the environment when a caller gave none). */
export function redactorOf(io: Io): Redactor {
  return io.redactor ?? redactorFromEnv(io.env);
}

/** Where the run's workflow commands go. */
export function workflowCommandsOf(io: Io): CommandSink {
  return io.workflowCommands ?? ((line) => void io.stderr.write(`${line}\n`));
}

/** Back to the line's start and clear it (ECMA-48 EL 2): how a drawn line is erased or redrawn. */
export const ERASE_LINE = '\r\u001b[2K';

/**
 * Whether tpsync may draw on the terminal: a line it later erases or redraws (the "Reading
 * Secoda…" line, apply's bar). Only when stdout and stderr are both a terminal, outside CI: with
 * stdout piped (`tpsync apply | cat`, `| tee log`), what reads the pipe prints on the same
 * terminal later than our stderr, and an erase or a half-drawn line would land inside its lines.
 */
export function drawsOnTerminal(io: Pick<Io, 'stdout' | 'stderr' | 'env'>): boolean {
  return io.stdout.isTTY === true && io.stderr.isTTY === true && io.env['CI'] === undefined;
}

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org); FORCE_COLOR forces it. */
export function styleFor(stream: OutputStream, env: Io['env']): Style {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return plain;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return colours;
  if (env['TERM'] === 'dumb') return plain;
  return stream.isTTY === true ? colours : plain;
}

/**
 * Catches SIGINT/SIGTERM while the command finishes what it started (see Io.catchSignals); call
 * the returned function when it is done.
 */
export function catchSignals(io: Io, note: string): () => void {
  return io.catchSignals?.(note) ?? (() => {});
}

/** The exit code of a run stopped by a signal: 130 for SIGINT, 143 for SIGTERM. */
export function interruptedExitCode(signal: AbortSignal | undefined): number {
  return signal?.reason === 'SIGTERM' ? 143 : 130;
}
