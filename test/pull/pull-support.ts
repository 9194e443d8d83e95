/**
 * Pull, load the YAML back, and plan it against the remote it came from; and what that plan
 * must hold given the pull's notes (nothing else is allowed to change).
 */
import { expect } from 'vitest';
import { idKey } from '../../src/ids.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { scope } from '../../src/plan/integration-scope.js';
import type { Plan } from '../../src/plan/types.js';
import type { PullNote } from '../../src/pull/pull-note.js';
import { pullTrackingPlan, type PullResult } from '../../src/pull/pull-plan.js';
import { ReferenceWriter } from '../../src/references/pull-names.js';
import { resolvePlanReferences } from '../../src/references/resolve-plan.js';
import type { Directories } from '../../src/secoda/directories.js';
import type { RemoteState } from '../../src/secoda/types.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { INTEGRATION } from '../support/remote-fixtures.js';

export interface RoundTrip {
  readonly pulled: PullResult;
  readonly loaded: TrackingPlan;
  readonly plan: Plan;
}

export function pullAndPlan(
  remote: RemoteState,
  layout: 'file' | 'directory' = 'file',
  integration = INTEGRATION,
  shared = false,
  directories?: Directories,
): RoundTrip {
  const pulled = pullTrackingPlan(remote, {
    integration,
    layout,
    schemaRef: 'schema.json',
    shared,
    ...(directories === undefined ? {} : { references: new ReferenceWriter(directories) }),
  });
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(pulled.files.map((f) => ({ path: f.path, bytes: encoder.encode(f.text) })));
  if (!loaded.ok)
    throw new Error(
      `the pulled YAML does not validate:\n${loaded.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`).join('\n')}`,
    );
  if (directories === undefined) return { pulled, loaded: loaded.plan, plan: buildPlan(loaded.plan, remote, { writesPerMinute: 0 }) };
  // With names, the plan reads them back as `plan` does: against the same directories, with no error.
  const resolved = resolvePlanReferences(loaded.plan, directories);
  const errors = resolved.findings.filter((f) => f.level === 'error');
  if (errors.length > 0) throw new Error(`the pulled names do not resolve: ${errors.map((f) => f.message).join('; ')}`);
  return { pulled, loaded: loaded.plan, plan: buildPlan(resolved.plan, remote, { writesPerMinute: 0 }) };
}

/** Operations in a comparable form. */
export interface OpSummary {
  readonly deletes: string[];
  readonly replaces: string[];
  readonly creates: string[];
  readonly others: string[];
}

export function summariseOps(plan: Plan): OpSummary {
  const ops = plan.operations;
  return {
    deletes: ops
      .filter((op) => op.action === 'delete')
      .map((op) => op.remote_id ?? '')
      .sort(),
    replaces: ops
      .filter((op) => op.action === 'replace')
      .map((op) => `${op.remote_id ?? ''} ${op.action === 'replace' ? op.forced_by.join(',') : ''}`)
      .sort(),
    creates: ops
      .filter((op) => op.action === 'create')
      .map((op) => `${op.kind} ${op.path.join(' › ')}`)
      .sort(),
    others: ops.filter((op) => op.action === 'update').map((op) => `${op.action} ${op.kind} ${op.path.join(' › ')}`),
  };
}

/**
 * What the plan must do, derived from the notes alone: delete what was skipped (with its
 * children), move what was moved (its properties deleted and re-created), and nothing else.
 */
export function expectedOps(
  notes: readonly PullNote[],
  remoteState: RemoteState,
  loaded: TrackingPlan,
  integration = INTEGRATION,
): OpSummary {
  const remote = scope(remoteState, integration);
  const eventsOf = (id: string) => remote.events.filter((e) => e.parent !== null && idKey(e.parent) === idKey(id));
  const propertiesOf = (id: string) => remote.properties.filter((p) => p.parent !== null && idKey(p.parent) === idKey(id));
  const deletes = new Set<string>();
  const deleteEvent = (id: string) => {
    deletes.add(id);
    for (const p of propertiesOf(id)) deletes.add(p.id);
  };
  const replaces: string[] = [];
  const creates: string[] = [];
  for (const note of notes) {
    if (note.effect === 'skipped' && note.kind === 'category') for (const e of eventsOf(note.remote_id)) deleteEvent(e.id);
    if (note.effect === 'skipped' && note.kind === 'event') deleteEvent(note.remote_id);
    if (note.effect === 'skipped' && note.kind === 'property') deletes.add(note.remote_id);
    if (note.effect === 'moved') {
      for (const p of propertiesOf(note.remote_id)) deletes.add(p.id);
      replaces.push(`${note.remote_id} parent`);
      const [categoryTitle, eventTitle] = note.path;
      const event = loaded.categories.find((c) => c.title === categoryTitle)?.events.find((e) => e.title === eventTitle);
      for (const p of event?.properties ?? []) creates.push(`property ${[categoryTitle, eventTitle, p.title].join(' › ')}`);
    }
  }
  return { deletes: [...deletes].sort(), replaces: replaces.sort(), creates: creates.sort(), others: [] };
}

/** The round trip's contract: the plan is a no-op except for exactly what the notes say. */
export function expectPlanExplainedByNotes(trip: RoundTrip, remote: RemoteState, integration = INTEGRATION): void {
  expect(summariseOps(trip.plan)).toEqual(expectedOps(trip.pulled.notes, remote, trip.loaded, integration));
  // The planner never has to warn about a category's teams: pulled teams are Secoda's.
  expect(trip.plan.warnings.filter((w) => w.code === 'category-teams-differ')).toEqual([]);
}
