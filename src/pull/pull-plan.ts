/**
 * Remote state → tracking-plan files. Pure: the same remote gives the same bytes, whatever
 * order Secoda listed it in. `pull` (src/cli/commands/pull.ts) fetches and writes around it.
 *
 * The files are loaded back before they are returned: a pulled plan that would not validate,
 * or would read back as anything but what was meant, is a bug, never something to write.
 */
import { InternalError } from '../errors.js';
import { compareText } from '../plan/compare.js';
import { trackingPlanFingerprint } from '../plan/fingerprint.js';
import type { RemoteState } from '../secoda/types.js';
import { loadTrackingPlan } from '../tracking-plan/load-plan.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import type { ReferenceWriter } from '../references/pull-names.js';
import type { DirectoryKind } from '../secoda/directories.js';
import { chooseResources } from './choose-resources.js';
import { emitPlanFile } from './emit-yaml.js';
import { categoryFileNames, HEADER_FILE } from './file-names.js';
import { compareNotes, type PullNote } from './pull-note.js';
import { shareProperties } from './share-properties.js';

export interface PullOptions {
  /** The integration to pull; it must be a valid ID (the caller checks it). */
  readonly integration: string;
  /** One file, or a directory with one file per category plus `tracking-plan.yaml`. */
  readonly layout: 'file' | 'directory';
  /** Where the `$schema` comment points, as seen from the written files. */
  readonly schemaRef: string;
  /** Properties that several events carry alike become shared definitions (`pull --shared`), in the header file. */
  readonly shared?: boolean;
  /**
   * Writes references by name (emails, names, titles) from Secoda's directories, with a comment
   * beside an ID it cannot name; without one, references are written as IDs (`pull --ids`).
   */
  readonly references?: ReferenceWriter;
}

export interface PulledFile {
  /** `tracking-plan.yaml` for the one-file layout; relative to the directory otherwise. */
  readonly path: string;
  readonly text: string;
}

export interface PullResult {
  readonly files: PulledFile[];
  readonly notes: PullNote[];
  /** The plan the files hold. */
  readonly plan: TrackingPlan;
}

export function pullTrackingPlan(remote: RemoteState, options: PullOptions): PullResult {
  const chosen = chooseResources(remote, options.integration, options.references);
  const comments = options.references;
  const commentFor = comments === undefined ? undefined : (kind: DirectoryKind, value: string) => comments.commentFor(kind, value);
  const notes = chosen.notes;
  const { plan, definitions } = options.shared === true ? shareProperties(chosen.plan) : { plan: chosen.plan, definitions: [] };
  const files: PulledFile[] = [];
  if (options.layout === 'file') {
    files.push({
      path: HEADER_FILE,
      text: emitPlanFile(
        { integration: plan.integration, properties: definitions, categories: plan.categories },
        options.schemaRef,
        commentFor,
      ),
    });
  } else {
    files.push({
      path: HEADER_FILE,
      text: emitPlanFile({ integration: plan.integration, properties: definitions, categories: [] }, options.schemaRef, commentFor),
    });
    const names = categoryFileNames(plan.categories.map((c) => c.title));
    for (const category of plan.categories) {
      files.push({
        path: names.get(category.title) ?? HEADER_FILE,
        text: emitPlanFile({ categories: [category] }, options.schemaRef, commentFor),
      });
    }
    files.sort((a, b) => compareText(a.path, b.path));
  }
  checkReadsBack(files, plan);
  return { files, notes: notes.sort(compareNotes), plan };
}

function checkReadsBack(files: readonly PulledFile[], intended: TrackingPlan): void {
  const encoder = new TextEncoder();
  const loaded = loadTrackingPlan(files.map((file) => ({ path: file.path, bytes: encoder.encode(file.text) })));
  if (!loaded.ok) {
    const first = loaded.issues[0];
    throw new InternalError(
      `pull wrote YAML that does not validate (${first ? `${first.file}:${first.line}:${first.column} ${first.message}` : 'no issue given'})`,
    );
  }
  if (contentOf(loaded.plan) !== contentOf(intended))
    throw new InternalError('pull wrote YAML that reads back differently from the remote state');
}

/** The plan's content, whatever order the files were read in. */
function contentOf(plan: TrackingPlan): string {
  return trackingPlanFingerprint({ ...plan, categories: [...plan.categories].sort((a, b) => compareText(a.title, b.title)) });
}
