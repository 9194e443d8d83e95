/**
 * Accept composed from the layers it needs: the loader and the planner judge the drift (so accept
 * takes exactly what `plan` shows), `pull` writes what `--new` adds, and src/accept/ edits the
 * YAML. The command (commands/accept.ts) reads and writes around it; tests call it in process.
 */
import { acceptDrift, type Planner } from '../accept/accept-drift.js';
import { ACCEPTABLE_FIELDS, type AcceptResult, type NewResources, type PlannedDrift, type TextFile } from '../accept/types.js';
import type { ReferenceNames } from '../accept/reference-text.js';
import type { ReferenceWriter } from '../references/pull-names.js';
import { InternalError } from '../errors.js';
import { buildPlan } from '../plan/build-plan.js';
import { sameFieldValue } from '../plan/field-diff.js';
import { chooseResources } from '../pull/choose-resources.js';
import { emitListItem } from '../pull/emit-yaml.js';
import type { RemoteState } from '../secoda/types.js';
import { loadTrackingPlan } from '../tracking-plan/load-plan.js';
import type { YamlParser } from '../tracking-plan/parse-yaml.js';
import type { TrackingPlan } from '../tracking-plan/types.js';

export interface AcceptRequest {
  /** The fields to take; default every acceptable one. */
  readonly fields?: ReadonlySet<string>;
  /** `--new`: add what Secoda holds and the YAML lacks. */
  readonly addNew?: boolean;
  readonly parser?: YamlParser;
  /** References by name: how accept writes an ID and reads a written value (src/references/accept-names.ts). */
  readonly names?: ReferenceNames;
  /** Names in a plan → the IDs Secoda holds, for every plan accept compares with Secoda (the edited files' too). */
  readonly resolve?: (plan: TrackingPlan) => TrackingPlan;
  /** How `--new` writes references (by name, as `pull` does); without one, by ID. */
  readonly writer?: ReferenceWriter;
}

/**
 * Secoda's edits (`remote`, already scoped and redacted by the caller) accepted into `files`.
 * `trackingPlan` is `files` loaded (the command loads it with the rules, to report their warnings)
 * with its names resolved to IDs (`request.resolve` does the same for the edited files).
 * @throws InternalError when an edited file would not load, or a written change still shows.
 */
export function acceptAgainst(
  files: readonly TextFile[],
  trackingPlan: TrackingPlan,
  remote: RemoteState,
  request: AcceptRequest = {},
): AcceptResult {
  const planFor = (plan: TrackingPlan): PlannedDrift => {
    const built = buildPlan(plan, remote, { writesPerMinute: 0 });
    return { trackingPlan: plan, operations: built.operations, warnings: built.warnings };
  };
  const encoder = new TextEncoder();
  const planner: Planner = (edited) => {
    const loaded = loadTrackingPlan(
      edited.map((file) => ({ path: file.path, bytes: encoder.encode(file.text) })),
      request.parser === undefined ? {} : { parser: request.parser },
    );
    if (!loaded.ok) {
      const first = loaded.issues[0];
      throw new InternalError(
        `accept wrote YAML that does not load (${first ? `${first.file}:${first.line}:${first.column} ${first.message}` : ''})`,
      );
    }
    return planFor(request.resolve === undefined ? loaded.plan : request.resolve(loaded.plan));
  };
  return acceptDrift(files, planFor(trackingPlan), planner, {
    fields: request.fields ?? new Set(ACCEPTABLE_FIELDS),
    same: sameFieldValue,
    ...(request.addNew === true ? { newResources: newResources(remote, trackingPlan.integration, request.writer) } : {}),
    ...(request.names === undefined ? {} : { names: request.names }),
  });
}

/** Secoda's catalog as `pull` writes it, with why `pull` leaves a resource out. */
function newResources(remote: RemoteState, integration: string, writer?: ReferenceWriter): NewResources {
  const chosen = chooseResources(remote, integration, writer);
  const notes = new Map<string, string>();
  for (const note of chosen.notes) if (note.effect === 'skipped') notes.set(note.path.join(' › '), note.message);
  return { categories: chosen.plan.categories, notes, render: emitListItem };
}
