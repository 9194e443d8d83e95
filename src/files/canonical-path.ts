/** A path as the file system resolves it: links and `..` resolved, and whether it is a directory. */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** A resolved path and its kind. */
export interface CanonicalPath {
  /** Absolute, with every link resolved. */
  readonly path: string;
  readonly isDirectory: boolean;
}

/** @throws the file system's error when `path` does not exist or cannot be reached. */
export async function canonicalPath(path: string): Promise<CanonicalPath> {
  const absolute = await realpath(resolve(path));
  return { path: absolute, isDirectory: (await stat(absolute)).isDirectory() };
}

/** `path` with every link resolved. @throws the file system's error when it does not exist. */
export function realPath(path: string): Promise<string> {
  return realpath(path);
}
