/**
 * What the process's standard streams are connected to (a file, a pipe, a terminal…), from
 * fstat of their file descriptors: the output guard (src/cli/output-guard.ts) decides from it
 * where workflow commands may go.
 */
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

/** What a file descriptor is connected to. */
export type StreamKind = 'file' | 'pipe' | 'tty' | 'socket' | 'other' | 'closed';

/** What a descriptor is connected to, and which file or pipe. */
export interface StreamInfo {
  readonly kind: StreamKind;
  /** The device and inode it leads to (absent when it is closed): two streams that share them are one (`2>&1`). */
  readonly identity: { readonly dev: number; readonly ino: number } | undefined;
}

/** What descriptor `fd` (1 stdout, 2 stderr) is connected to; `closed` when it is not open. */
export function describeStream(fd: number): StreamInfo {
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return { kind: 'closed', identity: undefined };
  }
  const identity = { dev: stats.dev, ino: stats.ino };
  if (stats.isFile()) return { kind: 'file', identity };
  if (stats.isFIFO()) return { kind: 'pipe', identity };
  if (stats.isSocket()) return { kind: 'socket', identity };
  if (isatty(fd)) return { kind: 'tty', identity };
  return { kind: 'other', identity };
}

/** Whether two descriptors lead to the same pipe or file (`2>&1`). */
export function sameTarget(a: StreamInfo, b: StreamInfo): boolean {
  return a.identity !== undefined && b.identity !== undefined && a.identity.dev === b.identity.dev && a.identity.ino === b.identity.ino;
}
