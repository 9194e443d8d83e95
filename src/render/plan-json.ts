/**
 * The plan as JSON for tools and for `plan --out`: versioned (`format_version` 2), with keys in
 * a fixed order so that the same plan always gives the same bytes. docs/breaking-changes.md documents it.
 */
import type { Operation, Plan } from '../plan/types.js';
import type { NamesById } from '../secoda/directories.js';
import { changeJson, withReferenceNames } from './reference-names.js';
import { secodaChangeText } from './origin-note.js';

export function planToJson(plan: Plan): unknown {
  return {
    format_version: plan.format_version,
    integration: plan.integration,
    summary: plan.summary,
    operations: plan.operations.map((op) => operationToJson(op, plan.names)),
    warnings: withReferenceNames(plan).warnings.map((w) => ({ code: w.code, path: w.path, message: w.message, hint: w.hint })),
    // Only with `--baseline` and a change to what only the plan says, so other plans keep their shape.
    ...(plan.local_changes === undefined
      ? {}
      : {
          local_changes: plan.local_changes.map((change) => ({
            kind: change.kind,
            path: change.path,
            changes: change.changes,
            ...(change.compatibility === undefined
              ? {}
              : {
                  compatibility: {
                    level: change.compatibility.level,
                    checks: change.compatibility.checks.map((c) => ({ id: c.id, level: c.level, message: c.message })),
                  },
                }),
          })),
        }),
    remote_fingerprint: plan.remote_fingerprint,
    tracking_plan_fingerprint: plan.tracking_plan_fingerprint,
  };
}

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify(planToJson(plan), null, 2) + '\n';
}

function operationToJson(op: Operation, names: NamesById | undefined): unknown {
  // `origin` only with a baseline (`plan --baseline`), so plans made without one keep their shape;
  // `compatibility` once classified (the CLI always classifies); `deprecated` for deprecated resources.
  const base = {
    action: op.action,
    kind: op.kind,
    path: op.path,
    remote_id: op.remote_id,
    reason: op.reason,
    ...(op.origin === undefined ? {} : { origin: op.origin }),
    // Only on drift, when Secoda's audit log names who made it.
    ...(op.changed_in_secoda === undefined
      ? {}
      : { changed_in_secoda: { ...op.changed_in_secoda, text: secodaChangeText(op.changed_in_secoda) } }),
    ...(op.compatibility === undefined
      ? {}
      : {
          compatibility: {
            level: op.compatibility.level,
            checks: op.compatibility.checks.map((c) => ({ id: c.id, level: c.level, message: c.message })),
          },
        }),
    ...(op.deprecated === undefined ? {} : { deprecated: op.deprecated }),
    ...(op.shared_definition === undefined ? {} : { shared_definition: op.shared_definition }),
    // A reference field's IDs with their names beside them (`{ id, name }`).
    changes: op.changes.map((change) => changeJson(names, change)),
  };
  switch (op.action) {
    case 'create':
      return { ...base, parent_id: op.parent_id, body: op.body };
    case 'update':
      return { ...base, patch: op.patch };
    case 'replace':
      return { ...base, forced_by: op.forced_by, parent_id: op.parent_id, body: op.body };
    case 'delete':
      return { ...base, parent_id: op.parent_id, duplicate_of: op.duplicate_of };
  }
}
