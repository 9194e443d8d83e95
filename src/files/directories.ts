/**
 * A directory a command writes its files into (`schema --out`): what is at its path, the files
 * directly in it, making it, and removing a file of it.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What is at `path`, following a link: nothing (or nothing readable), a directory, or something else. */
export async function directoryState(path: string): Promise<'absent' | 'directory' | 'not-a-directory'> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 'absent';
  return info.isDirectory() ? 'directory' : 'not-a-directory';
}

/** Creates `path` and any missing parents; nothing when it exists. */
export async function makeDirectory(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

/** The names of the regular files directly in `dir` (not below it, no links); none when it cannot be read. */
export async function fileNamesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/** Removes the file `name` of `dir`; nothing when it is gone already. */
export async function removeFileIn(dir: string, name: string): Promise<void> {
  await rm(join(dir, name), { force: true });
}
