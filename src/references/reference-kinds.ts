/**
 * Which directories a plan or a remote state refers to: only those are read (each once per run).
 * Pure.
 */
import { REFERENCE_KIND, type DirectoryKind, type ReferenceField } from '../secoda/directories.js';
import type { RemoteState } from '../secoda/types.js';
import type { CommonFields, TrackingPlan } from '../tracking-plan/types.js';

export const REFERENCE_FIELDS = Object.keys(REFERENCE_KIND) as ReferenceField[];

/** Directories whose fields the tracking plan writes (a field it writes, even `[]`, is managed: Secoda's values show in the plan). */
export function kindsOfPlan(plan: TrackingPlan): Set<DirectoryKind> {
  const kinds = new Set<DirectoryKind>();
  const note = (node: CommonFields) => {
    for (const field of REFERENCE_FIELDS) if (node[field] !== undefined) kinds.add(REFERENCE_KIND[field]);
  };
  for (const category of plan.categories) {
    if (category.teams !== undefined) kinds.add('teams');
    for (const event of category.events) {
      note(event);
      for (const property of event.properties) note(property);
    }
  }
  return kinds;
}

/** Directories that the remote's events, properties and categories name an ID of. */
export function kindsOfRemote(remote: RemoteState): Set<DirectoryKind> {
  const kinds = new Set<DirectoryKind>();
  if (remote.categories.some((c) => c.teams.length > 0)) kinds.add('teams');
  for (const resource of [...remote.events, ...remote.properties])
    for (const field of REFERENCE_FIELDS) if (resource[field].length > 0) kinds.add(REFERENCE_KIND[field]);
  return kinds;
}
