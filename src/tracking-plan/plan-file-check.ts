/**
 * How checks from outside the plan language plug into the loader (load-plan.ts): the governance
 * rules of src/rules are one, supplied by src/rules/load-plan-with-rules.ts. The language knows
 * nothing of them; it hands each a file while that file's data is at hand, and takes their
 * issues at the end.
 */
import type { Issue } from '../errors.js';
import type { PlanFileInput } from './plan-file-input.js';
import type { SourceFile } from './source-file.js';

/** The shared property definitions of the whole plan, by title (the first one written, as written). */
export interface DefinitionLookup {
  get(title: string): Readonly<Record<string, unknown>> | undefined;
  has(title: string): boolean;
}

/** What a check may ask of the load it takes part in. */
export interface LoadContext {
  /** The plan's files, in path order. */
  readonly files: readonly PlanFileInput[];
  readonly definitions: DefinitionLookup;
  /**
   * A file's source after its turn (parsed again, once: a source is not kept after its turn),
   * for what must still be checked or located; undefined when the file does not parse.
   */
  sourceAfterTurn(path: string): SourceFile | undefined;
}

export interface PlanFileCheck {
  /**
   * Top-level keys whose files this check must see before any file is checked (`rules:`, which
   * says what to check): the files that may hold one are parsed first, and handed to `collect`.
   */
  readonly earlyKeys: readonly string[];
  /** Each file that parses, once: those that may hold an early key before any is checked, the others at their turn. */
  collect(source: SourceFile): void;
  /** Each file that parses, in path order, once every early file has been collected. */
  check(source: SourceFile, context: LoadContext): void;
  /** The check's issues, once every file has been checked (a warning has `level: 'warning'`). */
  finish(context: LoadContext): Issue[];
}
