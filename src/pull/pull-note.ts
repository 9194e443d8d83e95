/**
 * What `pull` could not write as Secoda holds it, and what it did instead. Notes are data (the
 * tests hold the planner to them); `formatNote` says them in words.
 */
import type { ResourceKind } from '../plan/types.js';

export type PullNoteCode =
  | 'title-not-representable'
  | 'title-case-collision'
  | 'duplicate'
  | 'category-copy'
  | 'moved-from-copy'
  | 'older-namesake'
  | 'orphan'
  | 'invalid-id'
  | 'unknown-reference'
  | 'unknown-type'
  | 'enum-unreadable'
  | 'enum-without-enum-type'
  | 'text-not-writable';

/**
 * - `skipped`: not written; the plan deletes it from Secoda, with its children (a category is
 *   never deleted: the plan warns, and deletes its events).
 * - `field-unmanaged`: written without `fields`, so tpsync leaves Secoda's value alone.
 * - `moved`: written under the oldest copy of its category; apply moves it there (delete and
 *   re-create, its properties with it).
 * - `merged`: a second copy of a category; its events are noted one by one.
 */
export type PullEffect = 'skipped' | 'field-unmanaged' | 'moved' | 'merged';

export interface PullNote {
  readonly code: PullNoteCode;
  readonly effect: PullEffect;
  readonly kind: ResourceKind;
  /** Titles from the category down, as Secoda holds them. */
  readonly path: readonly string[];
  readonly remote_id: string;
  /** For `field-unmanaged`: the YAML fields left out. */
  readonly fields?: readonly string[];
  /** What is wrong and what was done about it. */
  readonly message: string;
}

/** `! event "Checkout" › "Order Completed " (id 4f…): …` */
export function formatNote(note: PullNote): string {
  const path = note.path.map((title) => JSON.stringify(title)).join(' › ');
  return `! ${note.kind} ${path} (id ${note.remote_id}): ${note.message}`;
}

export function compareNotes(a: PullNote, b: PullNote): number {
  const left = [...a.path, '\u0000', a.code, (a.fields ?? []).join(), a.remote_id].join('\u0001');
  const right = [...b.path, '\u0000', b.code, (b.fields ?? []).join(), b.remote_id].join('\u0001');
  return left < right ? -1 : left > right ? 1 : 0;
}
