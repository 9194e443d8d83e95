/**
 * The file-system edge of `tpsync schema`: compare the schema files with what a directory holds,
 * and write them. A `*.schema.json` file in the directory that carries tpsync's `$comment` but
 * that this run does not make (an event removed or renamed) is stale: removed on write, reported
 * by `--check`. A file without that comment is never touched, whatever its name.
 *
 * Only regular files are read, and no more of them than could be ours (src/files/): an entry at a
 * schema file's name that is a symbolic link is replaced without being followed, and one that is
 * a named pipe, a device or a directory is refused by name.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { INDEX_FILE, type SchemaFile } from '../event-schema/schema-files.js';
import { GENERATED_COMMENT } from '../event-schema/types.js';
import { directoryState, fileNamesIn, makeDirectory, removeFileIn } from '../files/directories.js';
import { compareWithExisting } from '../files/existing-output.js';
import { readRegularFile } from '../files/read-regular-file.js';
import { writeOutputFileInside } from '../files/write-output-file.js';

const SCHEMA_FILE = /\.schema\.json$/;
/** A file in the directory larger than this is no schema (or index) of ours: it is left alone, unread. */
const MAX_GENERATED_FILE_BYTES = 64 * 1024 * 1024;

export interface DirectoryDiff {
  /** Files whose text differs from what is on disk (or that are a link there, to be replaced). */
  readonly changed: readonly string[];
  /** Files not on disk yet. */
  readonly missing: readonly string[];
  /** Schema files of an earlier run that this run does not make (and an index no longer asked for). */
  readonly stale: readonly string[];
}

/** @throws UsageError when `dir` exists and is not a directory, or a schema's name in it is no file. */
export async function diffSchemaDirectory(dir: string, files: readonly SchemaFile[]): Promise<DirectoryDiff> {
  if ((await directoryState(dir)) === 'not-a-directory')
    throw new UsageError(`--out ${dir} is not a directory`, 'give a directory for the schema files (it is created when missing)');
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const existing = await compareWithExisting(join(dir, file.path), file.text);
    if (existing.state === 'refused')
      throw new UsageError(
        `${join(dir, file.path)} ${existing.problem}`,
        'remove it (the schema file is written in its place) and run again',
      );
    if (existing.state === 'missing') missing.push(file.path);
    else if (existing.state === 'differs') changed.push(file.path);
  }
  const made = new Set(files.map((f) => f.path));
  const stale = (await generatedFiles(dir)).filter((name) => !made.has(name));
  return { changed, missing, stale };
}

/** Writes what differs and removes stale files. */
export async function writeSchemaDirectory(dir: string, files: readonly SchemaFile[], diff: DirectoryDiff): Promise<void> {
  const toWrite = new Set([...diff.changed, ...diff.missing]);
  await makeDirectory(dir);
  for (const file of files) if (toWrite.has(file.path)) await writeOutputFileInside(dir, file.path, file.text);
  for (const name of diff.stale) await removeFileIn(dir, name);
}

/** The files in `dir` (not below it) that an earlier run wrote: schemas with our `$comment`, and our index. */
async function generatedFiles(dir: string): Promise<string[]> {
  const ours: string[] = [];
  for (const name of await fileNamesIn(dir)) {
    if (name !== INDEX_FILE && !SCHEMA_FILE.test(name)) continue;
    const read = await readRegularFile(join(dir, name), MAX_GENERATED_FILE_BYTES);
    if (read.ok && isOurs(read.bytes.toString('utf8'), name === INDEX_FILE)) ours.push(name);
  }
  return ours.sort();
}

function isOurs(text: string, index: boolean): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return false;
    return index
      ? (value as { generator?: unknown }).generator === 'tpsync'
      : (value as { $comment?: unknown }).$comment === GENERATED_COMMENT;
  } catch {
    return false;
  }
}
