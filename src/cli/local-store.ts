/**
 * The `--local` store, `.tpsync/`, is tpsync's own: a directory it creates, holding the
 * emulator's data, the lock of the run that uses it and a `.gitignore`. A checkout may hold any
 * of them as a symbolic link (committed on a pull request: `.tpsync/emulator.json → ~/.ssh/id_rsa`,
 * `.tpsync → /`), which tpsync would otherwise follow to read, parse, quote or replace. So the
 * store, and each entry tpsync uses in it, must be what tpsync makes — a directory, regular
 * files — or the run is refused, naming the entry, before anything in it is opened.
 */
import { lstat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { entryKind } from '../files/read-regular-file.js';

/**
 * @param dir the store (`.tpsync`); it may be absent (it is created later).
 * @param entries the names in it that the run will use, each a regular file or absent.
 * @throws UsageError naming the first entry that is a link or of the wrong kind.
 */
export async function checkLocalStore(dir: string, entries: readonly string[]): Promise<void> {
  const store = await lstatOrAbsent(dir);
  if (store === undefined) return;
  if (store.isSymbolicLink())
    throw new UsageError(
      `${dir} is a symbolic link; tpsync keeps its local Secoda only in a directory of its own, and does not follow the link`,
      `remove the link (tpsync creates ${dir}/ when it needs it)`,
    );
  if (!store.isDirectory())
    throw new UsageError(`${dir} is not a directory: it is ${entryKind(store)}`, `remove it (tpsync creates ${dir}/ when it needs it)`);
  for (const name of entries) {
    const path = join(dir, name);
    const info = await lstatOrAbsent(path);
    if (info === undefined || info.isFile()) continue;
    throw new UsageError(
      info.isSymbolicLink()
        ? `${path} is a symbolic link; tpsync does not follow links in its local store`
        : `${path} is not a file: it is ${entryKind(info)}`,
      `remove it; ${name === 'emulator.json' ? `the local Secoda then starts empty` : 'tpsync makes it again'}`,
    );
  }
}

async function lstatOrAbsent(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
