/**
 * The `--local` store, `.tpsync/`, is tpsync's own: a directory it creates, holding the
 * emulator's data, the lock of the run that uses it and a `.gitignore`. A checkout may hold any
 * of them as a symbolic link (committed on a pull request: `.tpsync/emulator.json → ~/.ssh/id_rsa`,
 * `.tpsync → /`), which tpsync would otherwise follow to read, parse, quote or replace. So the
 * store, and each entry tpsync uses in it, must be what tpsync makes — a directory, regular
 * files — or the run is refused, naming the entry, before anything in it is opened.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { entryAt } from '../files/entry-at.js';

/**
 * @param dir the store (`.tpsync`); it may be absent (it is created later).
 * @param entries the names in it that the run will use, each a regular file or absent.
 * @throws UsageError naming the first entry that is a link or of the wrong kind.
 */
export async function checkLocalStore(dir: string, entries: readonly string[]): Promise<void> {
  const store = await entryAt(dir);
  if (store === undefined) return;
  if (store.kind === 'symbolic-link')
    throw new UsageError(
      `${dir} is a symbolic link; tpsync keeps its local Secoda only in a directory of its own, and does not follow the link`,
      `remove the link (tpsync creates ${dir}/ when it needs it)`,
    );
  if (store.kind !== 'directory')
    throw new UsageError(`${dir} is not a directory: it is ${store.description}`, `remove it (tpsync creates ${dir}/ when it needs it)`);
  for (const name of entries) {
    const path = join(dir, name);
    const info = await entryAt(path);
    if (info === undefined || info.kind === 'file') continue;
    throw new UsageError(
      info.kind === 'symbolic-link'
        ? `${path} is a symbolic link; tpsync does not follow links in its local store`
        : `${path} is not a file: it is ${info.description}`,
      `remove it; ${name === 'emulator.json' ? `the local Secoda then starts empty` : 'tpsync makes it again'}`,
    );
  }
}
