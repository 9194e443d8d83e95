/**
 * Reading a file that tpsync means to read, and nothing else. A path in a checkout, an output
 * directory or `.tpsync/` may be a symbolic link (to `/dev/zero`, to a secret), a named pipe
 * (opening one for reading waits for a writer, forever) or a device; such an entry is named and
 * refused, never opened: the path is checked without following it, then opened without
 * following a link (`O_NOFOLLOW`) or waiting (`O_NONBLOCK`), and the open descriptor is checked
 * again, so that an entry swapped in between is refused too. A file over `maxBytes` is refused
 * before anything is read, and never more than `maxBytes` + 1 bytes are read (a file that grows).
 *
 * The one reader of the house: plan files, saved plans, the emulator's data, the local lock.
 * Synchronous calls: the files are local and small, and each read is a handful of system calls.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

export type RegularFileRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | {
      readonly ok: false;
      /** absent: nothing at the path; not-a-file: a link, pipe, device, socket or directory; too-large: over the bound. */
      readonly code: 'absent' | 'not-a-file' | 'too-large' | 'unreadable';
      /** What is wrong, to follow the path in a message: "is a named pipe (FIFO), not a file". */
      readonly problem: string;
      /** For `too-large`: the size found, in bytes. */
      readonly size?: number;
    };

/** Flags for opening what must be a regular file: no link followed, no wait on a pipe. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The bytes of the regular file at `path`, at most `maxBytes` of them; or why it was not read. */
export function readRegularFileSync(path: string, maxBytes: number): RegularFileRead {
  let info: Stats;
  try {
    info = lstatSync(path);
  } catch (error) {
    return failure(error);
  }
  if (!info.isFile()) return { ok: false, code: 'not-a-file', problem: describeEntry(info) };
  if (info.size > maxBytes) return tooLarge(info.size, maxBytes);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { ok: false, code: 'not-a-file', problem: describeEntry(opened) };
    if (opened.size > maxBytes) return tooLarge(opened.size, maxBytes);
    // One byte past the size: a file that grew after the check is refused too.
    const buffer = Buffer.alloc(opened.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(length, maxBytes);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

/** `readRegularFileSync`, for callers that await. */
export function readRegularFile(path: string, maxBytes: number): Promise<RegularFileRead> {
  return new Promise((resolve) => resolve(readRegularFileSync(path, maxBytes)));
}

/** What an entry that is not a regular file is, as the end of a sentence that starts with its path. */
export function describeEntry(info: Stats): string {
  if (info.isSymbolicLink()) return 'is a symbolic link; tpsync does not follow it here';
  if (info.isDirectory()) return 'is a directory, not a file';
  return `is ${entryKind(info)}, not a file; tpsync reads only regular files`;
}

/** What kind of entry `info` describes: "a named pipe (FIFO)", "a device", … */
export function entryKind(info: Stats): string {
  if (info.isFile()) return 'a file';
  if (info.isDirectory()) return 'a directory';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'neither a file nor a directory';
}

function tooLarge(size: number, maxBytes: number): RegularFileRead {
  return { ok: false, code: 'too-large', size, problem: `is ${sizeText(size)}, more than the ${sizeText(maxBytes)} tpsync reads here` };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
}

function failure(error: unknown): RegularFileRead {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return { ok: false, code: 'absent', problem: 'does not exist' };
    case 'ELOOP':
      // O_NOFOLLOW met a link that was put there after the check.
      return { ok: false, code: 'not-a-file', problem: 'is a symbolic link; tpsync does not follow it here' };
    case 'ENOTDIR':
      return { ok: false, code: 'absent', problem: 'does not exist (a part of the path is not a directory)' };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, code: 'unreadable', problem: 'cannot be read (permission denied)' };
    case 'EISDIR':
      return { ok: false, code: 'not-a-file', problem: 'is a directory, not a file' };
    default:
      return { ok: false, code: 'unreadable', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'an I/O error'})` };
  }
}
