/**
 * Writing a whole file so that a reader sees the old text or the new one, never half, and so
 * that a symbolic link already at the path is replaced, not written through: the text goes to
 * a fresh temporary file beside the target (created exclusively: `wx` never opens an existing
 * path, link or not) which is then renamed over it (a rename replaces a link, it does not
 * follow it). Used by the emulator's store and by every file a command writes.
 */
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

let counter = 0;

/**
 * Writes `text` (UTF-8) to `path`, creating missing parent directories. `flush` waits for the
 * data to reach the disk before the rename (the emulator's store, which a kill must not lose);
 * `mode` sets the new file's permission bits (a file rewritten in place keeps its own).
 * @throws the file system's error when the directory cannot be written (the temporary file is removed).
 */
export async function replaceFile(
  path: string,
  text: string,
  options: { readonly flush?: boolean; readonly mode?: number } = {},
): Promise<void> {
  const dir = dirname(resolve(path));
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx', flush: options.flush === true });
    if (options.mode !== undefined) await chmod(temp, options.mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
