/**
 * A parsed plan file: its data, and a way back to the YAML that wrote any part of it, which
 * every located issue uses. parse-yaml.ts makes one; the checks and the loader read it.
 */
import type { Issue } from '../errors.js';

/** A step into plain data: a mapping's key or a list's index. */
export type PathSegment = string | number;

/** Where something is written: 1-based line and column (UTF-16 units, as `yaml` counts them). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceFile {
  readonly file: string;
  /** The document as plain JavaScript data. */
  readonly data: unknown;
  /** Where `path` is written: its key (`'key'`) or its value (`'value'`). Falls back to the nearest ancestor. */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): Position;
  /** The text a scalar was written as (`1.50` stays "1.50"), when it is a scalar. */
  sourceText(path: readonly PathSegment[]): string | undefined;
}

export type SourceResult = { ok: true; source: SourceFile } | { ok: false; issues: Issue[] };

/** A file refused with one located issue (it cannot be read as YAML, or holds no data). */
export function refusal(
  file: string,
  line: number,
  column: number,
  code: string,
  message: string,
  hint?: string,
): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ file, line, column, code, message, ...(hint === undefined ? {} : { hint }) }] };
}
