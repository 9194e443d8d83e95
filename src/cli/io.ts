/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
import { colours, plain, type Style } from '../render/style.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: long commands stop starting work and wind down. */
  readonly signal?: AbortSignal;
  /** What `-` reads (`tpsync check <plan> -`); the process's stdin when absent. */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/** Colour only on a TTY, never with NO_COLOR (https://no-color.org); FORCE_COLOR forces it. */
export function styleFor(stream: OutputStream, env: Io['env']): Style {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return plain;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return colours;
  if (env['TERM'] === 'dumb') return plain;
  return stream.isTTY === true ? colours : plain;
}
