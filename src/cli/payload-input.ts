/**
 * The input of `tpsync check`: a newline-delimited JSON file (gunzipped when its name ends in
 * `.gz`) or stdin (`-`), as a byte stream. Problems opening it are clear errors, not stack traces.
 */
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../errors.js';
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
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle?.close();
    throw new UsageError(`cannot read the payloads ${path}: ${describeOpenError(error)}`, HINT);
  }
  // 64 KiB chunks: a chunk's text stays in V8's young generation and dies young; 1 MiB chunks
  // land in large-object space and raised the peak RSS of a million-line check by about 30 MB.
  const file = handle.createReadStream({ highWaterMark: 64 * 1024 });
  if (!/\.gz$/i.test(path)) return { name: path, stream: file };
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return { name: path, stream: file.pipe(gunzip) };
}

/** A read that fails half-way (a broken gzip, an I/O error) as a clear error. */
export function describeReadError(path: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
    return new UsageError(`cannot read the payloads ${path}: not valid gzip data`, HINT);
  return new UsageError(`cannot read the payloads ${path}: ${describeOpenError(error)}`, HINT);
}

function describeOpenError(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
