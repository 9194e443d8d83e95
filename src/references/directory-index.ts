/**
 * One directory (src/secoda/directories.ts) indexed the ways a plan refers to its entries: by ID
 * (as src/ids.ts compares them: a UUID with or without dashes, in any case) and by name. Emails
 * compare case-insensitively; names exactly, after trimming and Unicode NFC (so `Café` typed with
 * a combining accent is the tag written with a precomposed one). Pure.
 */
import { idKey } from '../ids.js';
import type { DirectoryEntry, DirectoryKind } from '../secoda/directories.js';

/** The form a written name is compared in, for a directory of `kind`. */
export function nameKey(kind: DirectoryKind, written: string): string {
  const trimmed = written.trim().normalize('NFC');
  return kind === 'users' ? trimmed.toLowerCase() : trimmed;
}

/** A directory's entries by ID and by name. */
export class DirectoryIndex {
  private readonly ids = new Map<string, DirectoryEntry>();
  private readonly names = new Map<string, DirectoryEntry[]>();

  constructor(
    readonly kind: DirectoryKind,
    readonly entries: readonly DirectoryEntry[],
  ) {
    for (const entry of entries) {
      if (!this.ids.has(idKey(entry.id))) this.ids.set(idKey(entry.id), entry);
      if (entry.name === null) continue;
      const key = nameKey(kind, entry.name);
      const same = this.names.get(key);
      if (same === undefined) this.names.set(key, [entry]);
      else if (!same.some((e) => idKey(e.id) === idKey(entry.id))) same.push(entry);
    }
  }

  /** The entry with this ID (written with or without dashes, in any case), if listed. */
  byId(written: string): DirectoryEntry | undefined {
    return this.ids.get(idKey(written.trim()));
  }

  /** The entries this name (or email) names: none, one, or several namesakes. */
  byName(written: string): readonly DirectoryEntry[] {
    return this.names.get(nameKey(this.kind, written)) ?? [];
  }

  /** Every name the directory holds, as Secoda writes it (for "did you mean"). */
  allNames(): string[] {
    return [...new Set(this.entries.flatMap((e) => (e.name === null ? [] : [e.name])))];
  }
}
