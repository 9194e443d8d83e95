/**
 * The input of `tpsync check`: a newline-delimited JSON file (gunzipped when its name ends in
 * `.gz`) or stdin (`-`), as a byte stream. Problems opening it are clear errors, not stack traces.
 */
import { UsageError } from '../errors.js';
import { openByteStream, readProblem } from '../files/open-byte-stream.js';
import type { Io } from './io.js';

const HINT = 'give a newline-delimited JSON file (one payload a line, .gz works too), or - to read stdin';

export interface PayloadInput {
  /** How the input is named in reports: the path, or `stdin`. */
  readonly name: string;
  readonly stream: AsyncIterable<Uint8Array | string>;
}

/** @throws UsageError when the path does not exist, is a directory, or cannot be read. */
export async function openPayloadInput(path: string, io: Io): Promise<PayloadInput> {
  if (path === '-') {
    // Typing payloads by hand is rare: say what the silence is waiting for.
    if (io.stdin === undefined && process.stdin.isTTY)
      io.stderr.write('Reading payloads from stdin, one JSON object a line; Ctrl-D ends.\n');
    return { name: 'stdin', stream: io.stdin ?? process.stdin };
  }
  const opened = await openByteStream(path, { gunzip: /\.gz$/i.test(path) });
  if (!opened.ok) throw new UsageError(`cannot read the payloads ${path}: ${opened.problem}`, HINT);
  return { name: path, stream: opened.stream };
}

/** A read that fails half-way (a broken gzip, an I/O error) as a clear error. */
export function describeReadError(path: string, error: unknown): UsageError {
  return new UsageError(`cannot read the payloads ${path}: ${readProblem(error)}`, HINT);
}
