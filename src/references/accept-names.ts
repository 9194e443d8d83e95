/**
 * References by name for `accept` (issue 24, item 4): Secoda holds IDs; accept writes each as
 * `pull` would (an email, a name, a title) where that name reads back as exactly this ID, else as
 * the ID; and it recognises a value the YAML writes, name or ID, by the ID it stands for. The
 * shape is src/accept/reference-text.ts's `ReferenceNames`. Pure: the directories come in as data.
 */
import { REFERENCE_KIND, type Directories, type DirectoryKind, type ReferenceField } from '../secoda/directories.js';
import { DirectoryIndex } from './directory-index.js';
import { ReferenceWriter } from './pull-names.js';
import { resolveReference } from './resolve-reference.js';

/** Names for accept's writes and comparisons; `field` is a reference field (`owners`, `teams`, …). */
export interface AcceptReferenceNames {
  /** The name to write for `id`, or undefined to write the ID (no directory lists it, or its name is shared). */
  nameOf(field: string, id: string): string | undefined;
  /** The ID a value the YAML writes (a name or an ID) stands for, or undefined when it names nothing. */
  idOf(field: string, written: string): string | undefined;
}

/** Accept's names over `directories` (those read this run; a kind that is absent is written and read by ID). */
export function acceptReferenceNames(directories: Directories): AcceptReferenceNames {
  const writer = new ReferenceWriter(directories);
  const indexes = new Map<DirectoryKind, DirectoryIndex>();
  for (const [kind, entries] of Object.entries(directories) as [DirectoryKind, DirectoryIndex['entries']][])
    indexes.set(kind, new DirectoryIndex(kind, entries));
  const kindOf = (field: string): DirectoryKind | undefined =>
    Object.hasOwn(REFERENCE_KIND, field) ? REFERENCE_KIND[field as ReferenceField] : undefined;
  return {
    nameOf(field, id) {
      if (kindOf(field) === undefined) return undefined;
      const written = writer.write(field as ReferenceField, id);
      return written === undefined || written.comment !== undefined || written.value === id ? undefined : written.value;
    },
    idOf(field, written) {
      const kind = kindOf(field);
      const index = kind === undefined ? undefined : indexes.get(kind);
      if (kind === undefined || index === undefined) return undefined;
      return resolveReference(kind, written, index).id;
    },
  };
}
