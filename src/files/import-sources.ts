/**
 * The file-system edge of `tpsync import`: reading another tool's tracking plan as text, with
 * the same care as a plan's own files (read-regular-file.ts: no links followed out, no pipes or
 * devices opened, sizes bounded). What the text means is src/import's business.
 *
 * - Segment: one JSON file.
 * - RudderStack: a rudder-cli project folder, its *.yaml / *.yml files (read-plan-files.ts's walk).
 * - Snowplow: an Iglu registry, `schemas/<vendor>/<name>/<format>/<version>` below the folder
 *   given (or the `schemas` folder itself).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_PLAN_BYTES, MAX_PLAN_FILE_BYTES, MAX_PLAN_FILES, readPlanFiles } from './read-plan-files.js';
import { readRegularFileSync } from './read-regular-file.js';

/** A file of the source: its path as notes name it (relative to a source folder), and its bytes. */
export interface SourceFileBytes {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** A schema file of an Iglu registry, with what its path says it is. */
export interface IgluFileBytes extends SourceFileBytes {
  readonly vendor: string;
  readonly name: string;
  readonly format: string;
  readonly version: string;
}

/** @throws UsageError when `path` is not a readable regular file */
export function readSourceFile(path: string): SourceFileBytes {
  const read = readRegularFileSync(path, MAX_PLAN_FILE_BYTES);
  if (!read.ok) {
    throw new UsageError(
      read.code === 'absent' ? `${path} does not exist` : `${path} cannot be read: ${read.problem}`,
      'give the JSON file of the Segment tracking plan (as the Config API returns it, or typewriter’s plan.json)',
    );
  }
  return { file: path, bytes: read.bytes };
}

/** The YAML files of a rudder-cli project, their paths relative to the project folder. */
export async function readProjectFiles(dir: string): Promise<SourceFileBytes[]> {
  requireDirectory(dir, 'give the rudder-cli project folder (the one that holds its YAML files)');
  const read = await readPlanFiles(dir);
  if (!read.ok) {
    const first = read.issues[0];
    throw new UsageError(
      `${first?.file ?? dir}: ${first?.message ?? 'cannot be read'}`,
      'give the folder of a rudder-cli project: the one that holds its properties, events, custom types and tracking plans (*.yaml)',
    );
  }
  return read.files.map((file) => ({ file: relative(dir, file.path).split(sep).join('/') || file.path, bytes: file.bytes }));
}

/** The schema files of an Iglu registry at `dir` (the folder holding `schemas/`, or `schemas/` itself). */
export function readIgluRegistry(dir: string): IgluFileBytes[] {
  requireDirectory(dir, 'give the folder that holds schemas/<vendor>/<name>/jsonschema/<version>, or that schemas folder');
  const root = isDirectory(join(dir, 'schemas')) ? join(dir, 'schemas') : dir;
  const prefix = root === dir ? '' : 'schemas/';
  const found: IgluFileBytes[] = [];
  let total = 0;
  for (const vendor of subdirectories(root)) {
    for (const name of subdirectories(join(root, vendor))) {
      for (const format of subdirectories(join(root, vendor, name))) {
        for (const version of entries(join(root, vendor, name, format))) {
          const path = join(root, vendor, name, format, version);
          const file = `${prefix}${vendor}/${name}/${format}/${version}`;
          if (found.length >= MAX_PLAN_FILES) throw new UsageError(`${dir} holds more than ${MAX_PLAN_FILES} schemas`);
          const read = readRegularFileSync(path, Math.min(MAX_PLAN_FILE_BYTES, MAX_PLAN_BYTES - total));
          if (!read.ok)
            throw new UsageError(`${file} cannot be read: ${read.problem}`, 'an Iglu registry holds one JSON Schema file per version');
          total += read.bytes.length;
          found.push({ file, vendor, name, format, version, bytes: read.bytes });
        }
      }
    }
  }
  if (found.length === 0) {
    throw new UsageError(
      `${dir} holds no schemas laid out as schemas/<vendor>/<name>/jsonschema/<version>`,
      'give the folder of an Iglu registry (the one that holds schemas/), or its schemas folder',
    );
  }
  return found;
}

function requireDirectory(dir: string, hint: string): void {
  if (!isDirectory(dir)) throw new UsageError(`${dir} is not a folder`, hint);
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Sub-folders, sorted, not hidden; links are not followed. */
function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(order);
}

/** Entries that are not hidden, sorted (each read as a regular file, which refuses links and pipes). */
function entries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(order);
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
