/**
 * How `pull` writes a reference Secoda holds as an ID: by name (an email, a name, a title) when
 * that name reads back as exactly this ID, else as the ID with a YAML comment saying why (no
 * directory lists it, or its name is shared). With no directory (`pull --ids`), as the ID. Pure.
 */
import { idKey } from '../ids.js';
import { REFERENCE_KIND, type Directories, type DirectoryKind, type ReferenceField } from '../secoda/directories.js';
import { DirectoryIndex, nameKey } from './directory-index.js';
import { NOUN, resolveReference } from './resolve-reference.js';

/** What pull writes for one ID: the value, and the comment to put beside it, if any. */
export interface WrittenReference {
  readonly value: string;
  readonly comment?: string;
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
/** What the schema takes as a user (userReference): an email. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Writes the references of one pull, and remembers the comments to put beside values. */
export class ReferenceWriter {
  private readonly indexes = new Map<DirectoryKind, DirectoryIndex>();
  private readonly comments = new Map<string, string>();

  /** `directories`: those read for this pull; a kind that is absent is written by ID. */
  constructor(directories: Directories) {
    for (const [kind, entries] of Object.entries(directories) as [DirectoryKind, DirectoryIndex['entries']][])
      this.indexes.set(kind, new DirectoryIndex(kind, entries));
  }

  /**
   * How `id` (a value of `field` as Secoda holds it, already checked to be an ID a plan can hold)
   * is written; undefined when it cannot be written so that it reads back as this ID (a value that
   * is no UUID, which no directory lists, would read as an unknown name).
   */
  write(field: ReferenceField, id: string): WrittenReference | undefined {
    const kind = REFERENCE_KIND[field];
    const index = this.indexes.get(kind);
    if (index === undefined) return { value: id };
    const noun = NOUN[kind];
    const entry = index.byId(id);
    if (entry === undefined) {
      if (kind !== 'users' && !UUID.test(id)) return undefined;
      return this.commented(kind, id, `Secoda lists no ${noun} with this ID`);
    }
    const name = entry.name?.trim();
    if (name === undefined || !writableName(kind, name)) return this.commented(kind, id, `the ${noun} has no name a plan can hold`);
    if (index.byName(name).length > 1)
      return this.commented(kind, id, `${index.byName(name).length} ${kind} are named ${JSON.stringify(name)}: the ID says which`);
    const back = resolveReference(kind, name, index);
    if (back.id === undefined || idKey(back.id) !== idKey(entry.id)) return this.commented(kind, id, `its name reads as another ${noun}`);
    return { value: name };
  }

  /** The comment to write beside `value` in a field that names `kind`, if any. */
  commentFor(kind: DirectoryKind, value: string): string | undefined {
    return this.comments.get(`${kind}\u0000${value}`);
  }

  private commented(kind: DirectoryKind, id: string, comment: string): WrittenReference {
    this.comments.set(`${kind}\u0000${id}`, comment);
    return { value: id, comment };
  }
}

/** Whether the schema takes `name` for a field of `kind`, and a plan reads it as a name (never as an ID). */
function writableName(kind: DirectoryKind, name: string): boolean {
  if (name === '' || name === 'None' || LONE_SURROGATE.test(name) || [...name].length > 255) return false;
  if (kind === 'users') return EMAIL.test(name) && nameKey(kind, name) !== '';
  return /\S/u.test(name);
}
