/**
 * What is at a path, without following a link there: for a store tpsync keeps (`.tpsync/`), where
 * an entry that is a link must be refused by name rather than followed.
 */
import { lstat } from 'node:fs/promises';
import { entryKind } from './read-regular-file.js';

/** The kind of an entry, as a store check needs it. */
export interface EntryAt {
  readonly kind: 'file' | 'directory' | 'symbolic-link' | 'other';
  /** What it is in words, to follow "is" in a message: "a named pipe (FIFO)", "a device", … */
  readonly description: string;
}

/**
 * The entry at `path` (a link is described, not followed); undefined when there is none.
 * @throws the file system's error for anything but a missing entry.
 */
export async function entryAt(path: string): Promise<EntryAt | undefined> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const kind = info.isSymbolicLink() ? 'symbolic-link' : info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  return { kind, description: entryKind(info) };
}
