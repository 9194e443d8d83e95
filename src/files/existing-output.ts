/**
 * What an output path holds before a command writes it (`schema --out`, `codegen --out`, and
 * their `--check`): nothing, the very text about to be written, or something else — read only
 * when it is a regular file exactly as long as that text, so never more than the command would
 * write. A symbolic link is not followed: it is to be replaced by the file (replace-file.ts
 * renames over it), unless it leads to something that is no file (`--out /dev/stdout`), which is
 * refused. A named pipe, a socket, a device or a directory at the path is refused by name:
 * opening a pipe waits forever, and replacing a device or a directory is not what anyone meant.
 */
import { lstat, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { entryKind, readRegularFile } from './read-regular-file.js';

export type ExistingOutput =
  | { readonly state: 'missing' }
  | { readonly state: 'same' }
  /** `note` says why it differs when that is not its text: "a symbolic link, not followed". */
  | { readonly state: 'differs'; readonly note?: string }
  /** `problem` follows the path in a message: "is a named pipe (FIFO), …". */
  | { readonly state: 'refused'; readonly problem: string };

/** Compares what is at `path` with `text` (UTF-8), reading no more than `text`'s length. */
export async function compareWithExisting(path: string, text: string): Promise<ExistingOutput> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    if (isMissing(error)) return { state: 'missing' };
    throw error;
  }
  if (info.isSymbolicLink()) return linkOutput(path);
  if (!info.isFile())
    return { state: 'refused', problem: `is not a file: it is ${entryKind(info)}, which tpsync neither reads nor replaces` };
  const bytes = Buffer.from(text, 'utf8');
  if (info.size !== bytes.length) return { state: 'differs' };
  const read = await readRegularFile(path, bytes.length);
  if (read.ok) return read.bytes.equals(bytes) ? { state: 'same' } : { state: 'differs' };
  switch (read.code) {
    case 'absent':
      return { state: 'missing' };
    case 'too-large':
      return { state: 'differs' };
    default:
      return { state: 'refused', problem: read.problem };
  }
}

/** A link is replaced, not followed; one that leads to a device, a pipe or a directory is refused. */
async function linkOutput(path: string): Promise<ExistingOutput> {
  // stat looks at the target without opening it.
  const target = await stat(path).catch(() => undefined);
  if (target === undefined || target.isFile()) return { state: 'differs', note: 'a symbolic link (tpsync does not follow it)' };
  return { state: 'refused', problem: `is a symbolic link to ${entryKind(target)}; tpsync neither follows nor replaces it` };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
