/**
 * Accept: Secoda's edits written into the YAML, in place. From the plan `plan` computes (the
 * planner is given, so accept judges drift exactly as `plan` does), each managed field Secoda
 * changed is written where the YAML writes it (write-targets.ts, field-writes.ts), `--new`
 * resources are appended (new-entries.ts), and the rest is left for a person (drift-decisions.ts).
 *
 * Then the planner runs again on the edited files: what an event's replace hid (its properties'
 * own changes, once the replace is accepted) shows now and is taken in another round; a change
 * that was written and still shows is a bug, never a file to write. Pure: texts in, texts out.
 */
import { InternalError } from '../errors.js';
import { decide, type FieldIntent } from './drift-decisions.js';
import { fieldSplices, type FieldWrite } from './field-writes.js';
import { entrySplices } from './new-entries.js';
import { referenceText } from './reference-text.js';
import type {
  AcceptedChange,
  AcceptNote,
  AcceptOptions,
  AcceptResult,
  AddedResource,
  DriftOperation,
  LeftChange,
  PlannedDrift,
  TextFile,
} from './types.js';
import { targetWrites } from './write-targets.js';
import { applySplices, readYamlText, type Splice, type YamlText } from './yaml-text.js';
import { appendAll } from '../arrays.js';

/** The planner: the plan for a version of the files (throws when they do not load). */
export type Planner = (files: readonly TextFile[]) => PlannedDrift;

/** Rounds of accept → plan: one, and one for each level of replace that hid changes (an event's hides its properties'). */
const MAX_ROUNDS = 4;

/** Secoda's edits accepted into `files`, as far as they can be; `planned` is the planner's plan for `files`. */
export function acceptDrift(files: readonly TextFile[], planned: PlannedDrift, planner: Planner, options: AcceptOptions): AcceptResult {
  let current = files;
  let plan = planned;
  const accepted: AcceptedChange[] = [];
  const added: AddedResource[] = [];
  const notes: AcceptNote[] = [];
  const done = new Set<string>();
  for (let round = 1; ; round++) {
    const step = acceptOnce(current, plan, options);
    for (const change of step.accepted) {
      const key = changeKey(change);
      if (done.has(key)) throw new InternalError(`accept wrote ${change.field} of ${change.path.join(' › ')}, and the plan still shows it`);
    }
    if (step.files === current) return { files: current, accepted, added, left: step.left, notes: [...notes, ...step.notes] };
    if (round === MAX_ROUNDS) throw new InternalError(`accept did not settle after ${MAX_ROUNDS} rounds`);
    for (const change of step.accepted) done.add(changeKey(change));
    appendAll(accepted, step.accepted);
    appendAll(added, step.added);
    appendAll(notes, step.notes);
    current = step.files;
    plan = planner(current);
  }
}

interface Step {
  /** The same array when nothing was edited. */
  readonly files: readonly TextFile[];
  readonly accepted: AcceptedChange[];
  readonly added: AddedResource[];
  readonly left: LeftChange[];
  readonly notes: AcceptNote[];
}

function acceptOnce(files: readonly TextFile[], planned: PlannedDrift, options: AcceptOptions): Step {
  const texts = new Map(files.map((file) => [file.path, readYamlText(file.path, file.text)]));
  const decisions = decide(planned, options);
  const targets = targetWrites(decisions.fields, {
    files: texts,
    plan: planned.trackingPlan,
    same: options.same,
    unsettled: unsettled(planned.operations),
  });
  const refs = referenceText(options.names);
  const splices = new Map<YamlText, Splice[]>();
  const left = [...decisions.left, ...targets.left];
  const accepted: AcceptedChange[] = [];
  const byFile = new Map<YamlText, { write: FieldWrite; accepted: AcceptedChange }[]>();
  for (const { file, write, accepted: change } of targets.writes)
    byFile.set(file, [...(byFile.get(file) ?? []), { write, accepted: change }]);
  for (const [file, writes] of byFile) {
    const made = fieldSplices(
      file,
      writes.map((w) => w.write),
      refs,
      options.same,
    );
    splices.set(file, made.splices);
    for (const { write, accepted: change } of writes) {
      const refused = made.refused.get(write);
      if (refused === undefined) accepted.push(change);
      else left.push(leftOf(change, refused));
    }
  }
  const entries =
    options.newResources === undefined || decisions.additions.length === 0
      ? { splices: new Map<YamlText, Splice[]>(), added: [], left: [] }
      : entrySplices(decisions.additions, texts, planned.trackingPlan, options.newResources);
  // Field splices first: a key added to a list's last item goes before an item added after it.
  for (const [file, more] of entries.splices) splices.set(file, [...(splices.get(file) ?? []), ...more]);
  appendAll(left, entries.left);
  accepted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const edited = [...splices.values()].some((list) => list.length > 0);
  if (!edited) return { files, accepted: [], added: [], left, notes: targets.notes };
  const next = files.map((file) => {
    const text = texts.get(file.path);
    const list = text === undefined ? undefined : splices.get(text);
    return text === undefined || list === undefined || list.length === 0 ? file : { path: file.path, text: applySplices(text, list) };
  });
  return { files: next, accepted, added: entries.added, left, notes: targets.notes };
}

/** A change left because its place is shared in the YAML. */
function leftOf(change: AcceptedChange, reason: string): LeftChange {
  return { kind: change.kind, path: change.path, field: change.field, reason, cause: 'not-acceptable' };
}

/** Events and properties whose Secoda value is not known to match the YAML: something other than an update is planned for them. */
function unsettled(operations: readonly DriftOperation[]): Set<string> {
  return new Set(operations.filter((op) => op.action !== 'update').map((op) => op.path.join('\u0000')));
}

function changeKey(change: AcceptedChange | FieldIntent): string {
  return [change.kind, ...change.path, '\u0001', change.field].join('\u0000');
}
