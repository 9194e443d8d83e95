/** A small file of the environment (the GitHub event payload) read whole, as UTF-8 text. */
import { readFile } from 'node:fs/promises';

/** @throws the file system's error when `path` cannot be read. */
export function readTextFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
