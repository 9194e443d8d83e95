/**
 * The names of the IDs that the directories list, for the renderings of a plan (a Plan carries
 * them as `names`) and for `pull`. Pure.
 */
import { idKey } from '../ids.js';
import type { Directories, DirectoryKind, NamesById } from '../secoda/directories.js';

/** Per directory, `idKey(id)` → the entry's name (email, name, title); entries without one are left out. */
export function namesById(directories: Directories): NamesById {
  const names: { [K in DirectoryKind]?: Record<string, string> } = {};
  for (const [kind, entries] of Object.entries(directories) as [DirectoryKind, NonNullable<Directories[DirectoryKind]>][]) {
    // No prototype: an ID is never mistaken for `constructor`.
    const byId = Object.create(null) as Record<string, string>;
    for (const entry of entries)
      if (entry.name !== null && !Object.hasOwn(byId, idKey(entry.id))) byId[idKey(entry.id)] = entry.name.trim();
    names[kind] = byId;
  }
  return names;
}
