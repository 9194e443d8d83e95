/**
 * How a reference (an owner, a team, a tag, a collection, a subscriber) is written into the YAML,
 * and how one written there is recognised. Today by ID, compared as the planner compares IDs
 * (with or without dashes, any case: src/ids.ts).
 *
 * Where names plug in (issue 23: owners and subscribers as emails, teams, groups and tags by
 * name, collections by title): pass `ReferenceNames` built from Secoda's directories to
 * `referenceText`; every reference accept writes goes through `write`, and every one it reads
 * through `key`, so nothing else changes.
 */
import { idKey } from '../ids.js';

/** Secoda's directories, as the names issue will read them. */
export interface ReferenceNames {
  /** The name to write for `id` in list field `field` (an email for `owners`), or undefined to write the ID. */
  nameOf(field: string, id: string): string | undefined;
  /** The ID a reference written in `field` (a name or an ID) stands for, or undefined when no name matches. */
  idOf(field: string, written: string): string | undefined;
}

export interface ReferenceText {
  /** The text to write for the ID `id` in list field `field`. */
  write(field: string, id: string): string;
  /** What a reference (an ID from Secoda, or one written in the YAML) is compared by. */
  key(field: string, reference: string): string;
}

/** References written by name where `names` has one, else by ID. */
export function referenceText(names?: ReferenceNames): ReferenceText {
  return {
    write: (field, id) => names?.nameOf(field, id) ?? id,
    key: (field, reference) => idKey(names?.idOf(field, reference) ?? reference),
  };
}
