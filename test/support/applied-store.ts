/**
 * Secoda as an earlier apply of a tracking plan left it, made in process: the plan is loaded,
 * its names resolved against the store's directories, planned against the emulator's store and executed through StorePort (no HTTP, no waits). For
 * tests whose subject is what happens next, not the apply that set the scene.
 */
import { executePlan } from '../../src/apply/execute-plan.js';
import type { Store } from '../../src/emulator/store.js';
import { StorePort } from '../../src/emulator/store-port.js';
import { formatTimestamp, parseTimestamp } from '../../src/emulator/timestamps.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { resolvePlanReferences } from '../../src/references/resolve-plan.js';
import { DIRECTORY_KINDS, toEntry } from '../../src/secoda/directories.js';
import { readTrackingPlan } from './read-plan.js';

const DAY_MICROS = 24 * 60 * 60 * 1_000_000;

/**
 * Applies the tracking plan at `planPath` (a file or directory) to `store`, then moves every
 * resource's times a day back (see ageStore); throws if the plan is invalid or a step fails.
 */
export async function applyToStore(store: Store, planPath: string): Promise<void> {
  const loaded = await readTrackingPlan(planPath);
  if (!loaded.ok) throw new Error(`invalid tracking plan: ${JSON.stringify(loaded.issues)}`);
  // Names become IDs as `apply` makes them, against the directories the store serves.
  const directories = Object.fromEntries(
    DIRECTORY_KINDS.map((kind) => [kind, store.directories[kind].map((entry) => toEntry(kind, entry, 'store'))]),
  );
  const resolved = resolvePlanReferences(loaded.plan, directories);
  const unknown = resolved.findings.filter((finding) => finding.level === 'error');
  if (unknown.length > 0) throw new Error(`names that do not resolve: ${JSON.stringify(unknown)}`);
  const port = new StorePort(store);
  const plan = buildPlan(resolved.plan, await port.readState(loaded.plan.integration), { writesPerMinute: 0 });
  const result = await executePlan(plan.operations, port, { integration: loaded.plan.integration, categoryStaggerMs: 0, quietMs: 0 });
  if (result.counts.failed > 0 || result.counts['not-started'] > 0) throw new Error(`the apply failed: ${JSON.stringify(result.counts)}`);
  ageStore(store);
}

/**
 * Moves the created and updated times of everything in `store` a day back, their order kept: an
 * apply that creates under a parent made in the last two minutes waits to follow the run that
 * may still be creating there (src/apply/race-guard.ts); under a parent a day old it does not.
 */
export function ageStore(store: Store): void {
  const back = (iso: string) => formatTimestamp((parseTimestamp(iso) ?? 0) - DAY_MICROS);
  const snapshot = store.snapshot();
  store.load({
    ...snapshot,
    resources: snapshot.resources.map((r) => ({ ...r, created_at: back(r.created_at), updated_at: back(r.updated_at) })),
  });
}
