/**
 * What an import could not carry over, and where the source says it: a file and a JSON pointer
 * into it (RFC 6901; for a YAML source, the pointer into the data its YAML holds). Notes are data
 * (the tests hold each format to them); `formatNote` says one in a line.
 */

/**
 * - `left-out`: a constraint, property, event or schema of the source is not in the plan;
 *   the plan accepts what the source may refuse (or, for a property left out of a closed event or
 *   object, refuses what the source accepts). `tpsync import` counts them in its summary.
 * - `moved`: carried over exactly, somewhere else than its place in the source (an event whose
 *   title another event of its category holds but for case goes to a category of its own).
 * - `skipped`: deliberately not imported and not a loss of meaning (an older version of a schema).
 */
export type NoteEffect = 'left-out' | 'moved' | 'skipped';

export interface ImportNote {
  /** The source file, as the import was given it (relative to the source folder for a folder). */
  readonly file: string;
  /** JSON pointer into the file's data, `""` for the whole document. */
  readonly pointer: string;
  readonly effect: NoteEffect;
  /** What could not be said, and what the plan holds instead: "multipleOf 0.01 is left out …". */
  readonly message: string;
}

/** `schemas/com.acme/checkout/jsonschema/1-0-0#/properties/total/multipleOf: multipleOf …` */
export function formatNote(note: ImportNote): string {
  return `${note.file}#${note.pointer}: ${note.message}`;
}

/** By file, then pointer (a parent before what it holds, list positions in number order), then message. */
export function compareNotes(a: ImportNote, b: ImportNote): number {
  return order(a.file, b.file) || comparePointers(a.pointer, b.pointer) || order(a.message, b.message);
}

function comparePointers(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    return /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : order(x, y);
  }
  return left.length - right.length;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A pointer one step further: `~` and `/` in the step escaped as RFC 6901 says. */
export function childPointer(pointer: string, ...steps: readonly (string | number)[]): string {
  let result = pointer;
  for (const step of steps) result += `/${String(step).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return result;
}
