/**
 * `check` matches a call by its type and name (docs/plan-language.md, "Event kinds"): track by
 * `event`, page and screen by `name` (or any name, with `any_name`), identify and group by type
 * alone, their traits read from `traits` or `context.traits`.
 */
import { describe, expect, it } from 'vitest';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import { PayloadCheck } from '../../src/check/payload-check.js';
import { createCheckCompiler } from '../../src/check/validators.js';
import { renderCheckText } from '../../src/check/render-check.js';
import type { CheckReport } from '../../src/check/report.js';
import { plain } from '../../src/style.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const plan = (events: TrackingPlan['categories'][number]['events']): TrackingPlan => ({
  version: 1,
  integration: 'ca529385-fbc9-4934-afae-e372affe795b',
  categories: [{ title: 'App', events }],
});

const KINDS = plan([
  { title: 'Order Completed', properties: [{ title: 'order_id', type: 'string', required: true }] },
  { title: 'User Traits', kind: 'identify', properties: [{ title: 'plan', type: 'enum', enum: ['free', 'pro'], required: true }] },
  { title: 'Pricing', kind: 'page', properties: [{ title: 'tier', type: 'string' }] },
  { title: 'Page Viewed', kind: 'page', any_name: true, properties: [{ title: 'path', type: 'string', required: true }] },
  { title: 'Company', kind: 'group', properties: [{ title: 'size', type: 'integer' }] },
  { title: 'Home', kind: 'screen', properties: [] },
]);

function run(p: TrackingPlan, lines: readonly object[]): CheckReport {
  const check = new PayloadCheck(buildEventSchemas(p), createCheckCompiler(), { eventField: ['event'], propertiesField: ['properties'] });
  lines.forEach((line, i) => check.line(JSON.stringify(line), i + 1));
  return check.report();
}

/** `type name: kind property` for every violation group. */
const violations = (report: CheckReport): string[] =>
  report.events.flatMap((e) =>
    e.violations.map((v) => `${e.type ?? 'track'} ${e.event}: ${v.kind}${v.property === undefined ? '' : ` ${v.property}`}`),
  );

describe('calls of each kind', () => {
  it('match their events by type and name, and are judged on their properties or traits', () => {
    const report = run(KINDS, [
      { type: 'track', event: 'Order Completed', properties: { order_id: 'o1' } },
      { type: 'identify', userId: 'u', traits: { plan: 'pro' } },
      { type: 'identify', userId: 'u', context: { traits: { plan: 'free' } } },
      { type: 'identify', userId: 'u', traits: { plan: 'gold' } },
      { type: 'page', name: 'Pricing', properties: { tier: 'a' } },
      { type: 'page', name: 'Pricing', properties: { path: '/p' } },
      { type: 'page', name: 'Blog', properties: { path: '/blog' } },
      { type: 'page', name: 'Blog', properties: {} },
      { type: 'group', groupId: 'g', traits: { size: 'big' } },
      { type: 'screen', name: 'Home' },
      { type: 'screen', name: 'Settings' },
      { type: 'alias', userId: 'u', previousId: 'a' },
    ]);
    expect(report.checked).toBe(11);
    expect(report.skipped).toBe(1);
    expect(report.valid).toBe(6);
    expect(violations(report)).toEqual([
      'group Company: wrong-type size',
      'page Page Viewed: missing-required path',
      // A page call named "Pricing" is judged by the Pricing event, not by the catch-all.
      'page Pricing: unplanned-property path',
      'screen Settings: unplanned-event',
      'identify User Traits: value-not-in-enum plan',
    ]);
  });

  it('skips calls of a kind the plan has no event of, as before', () => {
    const report = run(plan([{ title: 'E', properties: [] }]), [
      { type: 'identify', traits: { anything: 1 } },
      { type: 'page', name: 'X' },
      { event: 'E' },
    ]);
    expect({ checked: report.checked, skipped: report.skipped, valid: report.valid }).toEqual({ checked: 1, skipped: 2, valid: 1 });
  });

  it('a track call named like a page event is not that page event', () => {
    const report = run(KINDS, [{ event: 'Pricing', properties: {} }]);
    expect(violations(report)).toEqual(['track Pricing: unplanned-event']);
  });

  it('several identify events: a call passes when it fits one of them', () => {
    const two = plan([
      { title: 'Free User', kind: 'identify', properties: [{ title: 'plan', type: 'enum', enum: ['free'], required: true }] },
      {
        title: 'Paid User',
        kind: 'identify',
        properties: [
          { title: 'plan', type: 'enum', enum: ['pro'], required: true },
          { title: 'seats', type: 'integer' },
        ],
      },
    ]);
    const report = run(two, [
      { type: 'identify', traits: { plan: 'pro', seats: 3 } },
      { type: 'identify', traits: { plan: 'gold' } },
    ]);
    expect(report.valid).toBe(1);
    expect(report.invalid).toBe(1);
  });

  it('refuses traits that are not an object as an unreadable line', () => {
    const report = run(KINDS, [{ type: 'identify', traits: [1] }]);
    expect(report.unreadable).toEqual([{ reason: 'the traits are not a JSON object', count: 1, lines: [1] }]);
  });

  it('names the call type in the text report', () => {
    const text = renderCheckText(run(KINDS, [{ type: 'group', groupId: 'g', traits: { size: 'big' } }]), 'calls.ndjson', plain);
    expect(text).toContain('Checked 1 call from calls.ndjson');
    expect(text).toContain('Company (group call, App): 1 of 1 payload with violations');
  });
});
