/**
 * A tracking plan whose reference fields are written by name (emails, names, titles) → the same
 * plan with the IDs Secoda takes, and what was wrong with the values written. Each distinct value
 * is resolved once. Pure: the directories come in as data (read once per run by the caller).
 */
import { idKey } from '../ids.js';
import { REFERENCE_KIND, type Directories, type DirectoryKind } from '../secoda/directories.js';
import type { CommonFields, PlanCategory, PlanEvent, PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import { DirectoryIndex } from './directory-index.js';
import { REFERENCE_FIELDS } from './reference-kinds.js';
import { resolveReference, type ReferenceProblem, type Resolution } from './resolve-reference.js';

/** A problem with one written value (wherever it is written), for locating in the YAML. */
export interface ReferenceFinding extends ReferenceProblem {
  readonly kind: DirectoryKind;
  /** The value exactly as the YAML writes it. */
  readonly written: string;
}

export interface ResolvedPlan {
  /** The plan with IDs; a value that could not be resolved is left as written (only when `findings` holds an error for it). */
  readonly plan: TrackingPlan;
  /** One per distinct (directory, value) with a problem, errors and warnings, in the order first met. */
  readonly findings: readonly ReferenceFinding[];
}

/** Why a directory could not be read, per kind (such a directory is absent from `directories`). */
export type Unreadable = Partial<Record<DirectoryKind, string>>;

/** Resolves every reference of `plan` against `directories`. */
export function resolvePlanReferences(plan: TrackingPlan, directories: Directories, unreadable: Unreadable = {}): ResolvedPlan {
  const indexes = new Map<DirectoryKind, DirectoryIndex>();
  for (const [kind, entries] of Object.entries(directories) as [DirectoryKind, DirectoryIndex['entries']][])
    indexes.set(kind, new DirectoryIndex(kind, entries));
  const resolved = new Map<string, Resolution>();
  const findings: ReferenceFinding[] = [];
  const resolveOne = (kind: DirectoryKind, written: string): string => {
    const key = `${kind}\u0000${written}`;
    let resolution = resolved.get(key);
    if (resolution === undefined) {
      resolution = resolveReference(kind, written, indexes.get(kind), unreadable[kind]);
      resolved.set(key, resolution);
      if (resolution.problem !== undefined) findings.push({ ...resolution.problem, kind, written });
    }
    return resolution.id ?? written;
  };
  const list = (kind: DirectoryKind, values: readonly string[]): string[] => {
    const seen = new Set<string>();
    const ids: string[] = [];
    for (const value of values) {
      const id = resolveOne(kind, value);
      // A name and an ID of the same entry in one list are one entry.
      if (seen.has(idKey(id))) continue;
      seen.add(idKey(id));
      ids.push(id);
    }
    return ids;
  };
  const common = <T extends CommonFields>(node: T): T => {
    let copy: T | undefined;
    for (const field of REFERENCE_FIELDS) {
      const values = node[field];
      if (values === undefined) continue;
      copy ??= { ...node };
      copy[field] = list(REFERENCE_KIND[field], values);
    }
    return copy ?? node;
  };
  const property = (p: PlanProperty): PlanProperty => common(p);
  const event = (e: PlanEvent): PlanEvent => ({ ...common(e), properties: e.properties.map(property) });
  const category = (c: PlanCategory): PlanCategory => ({
    ...c,
    ...(c.teams === undefined ? {} : { teams: list('teams', c.teams) }),
    events: c.events.map(event),
  });
  return { plan: { ...plan, categories: plan.categories.map(category) }, findings };
}
