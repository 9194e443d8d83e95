import { describe, expect, it } from 'vitest';
import { trackingPlanFingerprint } from '../../src/plan/fingerprint.js';
import { seededDirectories } from '../../src/emulator/directory-data.js';
import { resolvePlanReferences } from '../../src/references/resolve-plan.js';
import { DIRECTORY_KINDS, toEntry } from '../../src/secoda/directories.js';
import { readTrackingPlan } from '../support/read-plan.js';

describe('the example plan', () => {
  it('uses shared definitions and rules, with no warning', async () => {
    const result = await readTrackingPlan('tracking-plan.example');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings).toEqual([]);
    const uses = result.plan.categories.flatMap((c) => c.events.flatMap((e) => e.properties.filter((p) => p.shared !== undefined)));
    expect(uses.filter((p) => p.title === 'currency')).toHaveLength(8);
  });

  it('expands to exactly what it held when written out in full, with IDs, so applying it gives the same Secoda state', async () => {
    const result = await readTrackingPlan('tracking-plan.example');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    // Its names (emails, team and tag names) resolve, against the emulator's seeded directories, to the IDs it used to write.
    const seeded = seededDirectories();
    const directories = Object.fromEntries(
      DIRECTORY_KINDS.map((kind) => [kind, seeded[kind].map((entry) => toEntry(kind, entry, 'seed'))]),
    );
    const resolved = resolvePlanReferences(result.plan, directories);
    expect(resolved.findings).toEqual([]);
    // The fingerprint of the example's content before it used shared definitions (commit c67cdbd) or names.
    expect(trackingPlanFingerprint(resolved.plan)).toBe('sha256:844de40145106cdc14060d90ce17e28936604e91584a50862b9d6ec6807559d6');
  });
});
