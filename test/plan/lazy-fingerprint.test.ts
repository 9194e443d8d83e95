import { describe, expect, it } from 'vitest';
import { buildPlan, scope } from '../../src/plan/build-plan.js';
import { remoteFingerprint, trackingPlanFingerprint } from '../../src/plan/fingerprint.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import type { RemoteState } from '../../src/secoda/types.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const trackingPlan: TrackingPlan = { version: 1, integration: INTEGRATION, categories: [{ title: 'Checkout', events: [] }] };
const remote: RemoteState = { categories: [], events: [], properties: [] };

describe('plan fingerprints', () => {
  it('are computed when first read (a saved plan, JSON, the staleness check), once, with the same value as before', () => {
    const plan = buildPlan(trackingPlan, remote, { writesPerMinute: 0 });
    for (const field of ['remote_fingerprint', 'tracking_plan_fingerprint'] as const) {
      expect(typeof Object.getOwnPropertyDescriptor(plan, field)?.get).toBe('function');
    }
    expect(plan.remote_fingerprint).toBe(remoteFingerprint(scope(remote, INTEGRATION)));
    expect(plan.tracking_plan_fingerprint).toBe(trackingPlanFingerprint(trackingPlan));
    expect(JSON.parse(JSON.stringify(plan))).toMatchObject({ tracking_plan_fingerprint: trackingPlanFingerprint(trackingPlan) });
  });
});
