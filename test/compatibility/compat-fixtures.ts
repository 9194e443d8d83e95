/**
 * From "before" YAML (what was applied, and the baseline), "after" YAML (the change under
 * review) and the remote state the before YAML left in Secoda (optionally edited, as drift) to
 * a classified plan, through the real loader, planner, origin attribution and classifier.
 */
import { describe, expect, it } from 'vitest';
import { classifyPlan } from '../../src/compatibility/classify-plan.js';
import { attributeOrigins } from '../../src/plan/attribute-origins.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import type { RemoteState } from '../../src/secoda/types.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { INTEGRATION, resetClock } from '../support/remote-fixtures.js';
import { remoteFromPlan } from '../support/remote-from-plan.js';

export const TODAY = '2025-03-01';

/** A one-file plan from the YAML after the header (`categories: …`, `compatibility: …`). */
export function yamlPlan(body: string): TrackingPlan {
  const loaded = loadTrackingPlan([
    { path: 'plan.yaml', bytes: new TextEncoder().encode(`version: 1\nintegration: ${INTEGRATION}\n${body}\n`) },
  ]);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n'));
  return loaded.plan;
}

export interface Scenario {
  readonly before: string;
  readonly after: string;
  /** Edits made in Secoda after the before YAML was applied (drift, duplicates). */
  readonly remote?: (remote: RemoteState) => void;
  readonly today?: string;
  /** Whether `--baseline` is given (the before YAML); default true. */
  readonly baseline?: boolean;
}

export function classified(scenario: Scenario): Plan {
  resetClock();
  const before = yamlPlan(scenario.before);
  const after = yamlPlan(scenario.after);
  const remote = remoteFromPlan(before);
  scenario.remote?.(remote);
  const built = buildPlan(after, remote, { writesPerMinute: 0 });
  const withBaseline = scenario.baseline ?? true;
  return classifyPlan(withBaseline ? attributeOrigins(built, after, before) : built, {
    today: scenario.today ?? TODAY,
    trackingPlan: after,
    remote,
    ...(withBaseline ? { baseline: before } : {}),
  });
}

/** "replace property Checkout/Order Completed/payment_method: breaking (enum-value-removed breaking, enum-value-added safe)" */
export function verdicts(plan: Plan): string[] {
  return plan.operations.map((op) => {
    const checks = (op.compatibility?.checks ?? []).map((c) => `${c.id} ${c.level}`).join(', ');
    return `${op.action} ${op.kind} ${op.path.join('/')}: ${op.compatibility?.level ?? 'none'} (${checks})${op.origin === 'secoda' ? ' drift' : ''}`;
  });
}

/** The Checkout category with one event, `Order Completed`, and the given properties (flow YAML). */
export const checkout = (properties: string, eventFields = '') =>
  `categories: [{ title: Checkout, events: [{ title: Order Completed${eventFields}, properties: [${properties}] }] }]`;
export const orderId = '{ title: order_id, type: string, required: true }';
export const payment = (values: string) => `{ title: payment_method, type: enum, enum: [${values}] }`;

export interface TableCase extends Scenario {
  readonly name: string;
  /** The verdict on every operation, as `verdicts` writes it. */
  readonly expected: readonly string[];
}

/**
 * A check family's test table: for each of its checks, scenarios and the verdict on every
 * operation of their plan. The table must hold exactly the family's checks, and each check must
 * be found in at least one of its cases.
 */
export function checkTable<Id extends string>(
  family: readonly { readonly id: Id }[],
  table: Readonly<Record<Id, readonly TableCase[]>>,
): void {
  describe.each(Object.entries<readonly TableCase[]>(table))('%s', (_check, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, scenario) => {
      expect(verdicts(classified(scenario))).toEqual(scenario.expected);
    });
  });

  it('has a case for every check of the family, where that check is found', () => {
    expect(Object.keys(table).sort()).toEqual(family.map((check) => check.id).sort());
    for (const { id } of family) {
      const cases: readonly TableCase[] = table[id];
      expect(cases.length, id).toBeGreaterThan(0);
      expect(
        cases.some((c) => c.expected.some((line) => line.includes(`${id} `))),
        `no case of ${id} expects it`,
      ).toBe(true);
    }
  });
}
