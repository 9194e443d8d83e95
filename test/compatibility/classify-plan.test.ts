import { describe, expect, it } from 'vitest';
import { classifyPlan } from '../../src/compatibility/classify-plan.js';
import { failOnReason } from '../../src/compatibility/fail-on.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { readTrackingPlan } from '../support/read-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { remoteFromPlan } from '../support/remote-from-plan.js';
import { event } from '../support/remote-fixtures.js';
import { classified, TODAY, verdicts } from './compat-fixtures.js';

const checkout = (properties: string, compatibility = '') =>
  `${compatibility}categories: [{ title: Checkout, events: [{ title: Order Completed, properties: [${properties}] }] }]`;
const payment = (values: string) => `{ title: payment_method, type: enum, enum: [${values}] }`;

describe('messages say what breaks for whom, in one line', () => {
  it('names the enum values apps would still send', () => {
    const plan = classified({ before: checkout(payment('card, klarna, sofort')), after: checkout(payment('card')) });
    expect(plan.operations[0]?.compatibility?.checks).toEqual([
      {
        id: 'enum-value-removed',
        level: 'breaking',
        message: 'apps that send `payment_method: klarna` or `payment_method: sofort` will send unplanned values',
      },
    ]);
    const one = classified({ before: checkout(payment('card, klarna')), after: checkout(payment('card')) });
    expect(one.operations[0]?.compatibility?.checks[0]?.message).toBe(
      'apps that send `payment_method: klarna` will send an unplanned value',
    );
  });

  it('keeps every message on one line', () => {
    const plan = classified({
      before: checkout('{ title: a, type: string }, { title: b, required: true }'),
      after: checkout('{ title: a, type: integer }, { title: c, required: true }'),
    });
    const messages = plan.operations.flatMap((op) => op.compatibility?.checks.map((c) => c.message) ?? []);
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(message).not.toMatch(/\n/);
  });
});

describe('titles read from Secoda', () => {
  it('stay on one line and inside their cell, whatever they hold', () => {
    const title = 'Odd `title` | with\na <b>break</b>';
    const plan = classified({
      before: checkout('{ title: coupon }'),
      after: checkout('{ title: coupon }'),
      remote: (remote) => remote.events.push(event('e:odd', 'c:Checkout', title)),
    });
    const message = plan.operations[0]?.compatibility?.checks[0]?.message ?? '';
    expect(message).toBe(
      'apps that send ``Odd `title` | with a <b>break</b>`` will send an unplanned event; dashboards and models that read it lose it',
    );
    const row = renderPlanMarkdown(plan)
      .split('\n')
      .find((line) => line.startsWith('| `-` delete'));
    expect(row).toBeDefined();
    // Four cells: five pipes that are not escaped.
    expect(row!.match(/(?<!\\)\|/g)).toHaveLength(5);
    // The whole row on one line, down to its last cell.
    expect(row).toMatch(/^\| `-` delete \| event ``Checkout › Odd `title` \\\| with a <b>break<\/b>`` \| .* \| `event-removed` \|$/);
  });
});

describe('description-only edits', () => {
  it('give no breaking verdict and no warning, across the whole example plan', async () => {
    const loaded = await readTrackingPlan('tracking-plan.example');
    if (!loaded.ok) throw new Error('the example plan does not load');
    const before = loaded.plan;
    const after: TrackingPlan = {
      ...before,
      categories: before.categories.map((c) => ({
        ...c,
        events: c.events.map((e) => ({
          ...e,
          description: `${e.description ?? ''} Edited.`,
          definition: 'Rewritten.',
          properties: e.properties.map((p) => ({ ...p, description: `${p.description ?? ''} Edited.` })),
        })),
      })),
    };
    const remote = remoteFromPlan(before);
    const plan = classifyPlan(buildPlan(after, remote, { writesPerMinute: 0 }), {
      today: TODAY,
      trackingPlan: after,
      remote,
      baseline: before,
    });
    expect(plan.operations.length).toBe(33 + 162);
    expect(plan.summary.compatibility).toEqual({ breaking: 0, warning: 0, safe: 195 });
    expect(new Set(plan.operations.flatMap((op) => op.compatibility?.checks.map((c) => c.id)))).toEqual(new Set(['metadata-changed']));
  });
});

describe('levels set in the header file', () => {
  it('replace the defaults per check id', () => {
    const plan = classified({
      before: checkout(`${payment('card')}, { title: coupon }`),
      after: checkout(payment('card, apple_pay'), 'compatibility: { enum-value-added: warning, property-removed: safe }\n'),
    });
    expect(verdicts(plan)).toEqual([
      'replace property Checkout/Order Completed/payment_method: warning (enum-value-added warning)',
      'delete property Checkout/Order Completed/coupon: safe (property-removed safe)',
    ]);
  });

  it('may raise a safe check to breaking', () => {
    const plan = classified({
      before: checkout('{ title: coupon }'),
      after: checkout('{ title: coupon }, { title: note }', 'compatibility: { property-added-optional: breaking }\n'),
    });
    expect(plan.summary.compatibility).toMatchObject({ breaking: 1 });
  });
});

describe('the summary', () => {
  it('counts operations per level, and with a baseline those from drift apart', () => {
    const plan = classified({
      before: checkout('{ title: coupon }'),
      after: checkout('{ title: note }'),
      remote: (remote) => remote.events.push(event('e:ui', 'c:Checkout', 'Added In The UI')),
    });
    expect(plan.summary.compatibility).toEqual({ breaking: 2, warning: 0, safe: 1, drift: { breaking: 1, warning: 0, safe: 0 } });
    const noBaseline = classified({ before: checkout('{ title: coupon }'), after: checkout('{ title: note }'), baseline: false });
    expect(noBaseline.summary.compatibility).toEqual({ breaking: 1, warning: 0, safe: 1 });
  });

  it('leaves what the planner decided alone', () => {
    const scenario = { before: checkout(payment('card, klarna')), after: checkout(`${payment('card')}, { title: x }`) };
    const plan = classified(scenario);
    const strip = (ops: typeof plan.operations) => ops.map(({ compatibility: _c, deprecated: _d, ...rest }) => rest);
    const again = classified(scenario);
    expect(strip(plan.operations)).toEqual(strip(again.operations));
    expect(plan.operations.every((op) => op.compatibility !== undefined)).toBe(true);
  });
});

describe('--fail-on', () => {
  const breaking = classified({ before: checkout(payment('card, klarna')), after: checkout(payment('card')) });
  const warned = classified({ before: checkout('{ title: id, required: true }'), after: checkout('{ title: id, required: false }') });
  const safe = classified({ before: checkout(payment('card')), after: checkout(payment('card, apple_pay')) });

  it('fails exactly at or above its level, in one line', () => {
    expect(failOnReason(breaking, 'breaking')).toBe('--fail-on breaking: the plan has 1 breaking change (enum-value-removed)');
    expect(failOnReason(warned, 'breaking')).toBeNull();
    expect(failOnReason(warned, 'warning')).toBe('--fail-on warning: the plan has 1 change with a warning (property-became-optional)');
    expect(failOnReason(breaking, 'warning')).toMatch(/^--fail-on warning: the plan has 1 breaking change/);
    expect(failOnReason(safe, 'warning')).toBeNull();
  });

  it('does not fail a change for drift in Secoda', () => {
    const drift = classified({
      before: checkout('{ title: coupon }'),
      after: checkout('{ title: coupon }'),
      remote: (remote) => remote.events.push(event('e:ui', 'c:Checkout', 'Added In The UI')),
    });
    expect(drift.summary.compatibility?.breaking).toBe(1);
    expect(failOnReason(drift, 'breaking')).toBeNull();
    const both = classified({
      before: checkout('{ title: coupon }'),
      after: checkout(''),
      remote: (remote) => remote.events.push(event('e:ui', 'c:Checkout', 'Added In The UI')),
    });
    expect(failOnReason(both, 'breaking')).toBe(
      '--fail-on breaking: the plan has 1 breaking change (property-removed); 1 more from drift in Secoda is not counted',
    );
  });
});
