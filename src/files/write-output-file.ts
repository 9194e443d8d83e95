/**
 * Writing the files a command makes (`plan --out`, `pull --out`, `schema --out`,
 * `codegen --out`) without following a symbolic link that is already there. A checkout is
 * attacker-shaped on a pull request: a link committed as `schemas/order.schema.json →
 * ~/.bashrc` must be replaced by the new file, never written through (replace-file.ts), and a
 * directory below the output directory that is a link is refused.
 */
import { lstat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { replaceFile } from './replace-file.js';
import { UsageError } from '../errors.js';

/**
 * Writes `text` (UTF-8) to `path`, replacing what is there (a link is replaced, not followed).
 * @throws the file system's error when the directory cannot be written.
 */
export function writeOutputFile(path: string, text: string): Promise<void> {
  return replaceFile(path, text);
}

/**
 * Writes `text` to `relativePath` below the output directory `root` (given by the user, so
 * `root` itself may be a link), refusing when a directory between them is a symbolic link:
 * writing through it would put the file outside the directory the user named.
 * @throws UsageError naming the link.
 */
export async function writeOutputFileInside(root: string, relativePath: string, text: string): Promise<void> {
  const target = resolve(root, relativePath);
  const rel = relative(resolve(root), target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${relativePath} is not below ${root}`);
  let at = resolve(root);
  for (const part of dirname(rel)
    .split(sep)
    .filter((p) => p !== '' && p !== '.')) {
    at = join(at, part);
    const info = await lstat(at).catch(() => undefined);
    if (info?.isSymbolicLink())
      throw new UsageError(
        `${join(root, relative(resolve(root), at))} is a symbolic link; tpsync does not write through it`,
        'remove the link (or replace it with a directory) and run again',
      );
  }
  await writeOutputFile(target, text);
}
