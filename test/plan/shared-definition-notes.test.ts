import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { plain } from '../../src/style.js';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { category, event, INTEGRATION, property, resetClock, state } from '../support/remote-fixtures.js';

function load(text: string): TrackingPlan {
  const result = loadTrackingPlan([{ path: 'plan.yaml', bytes: new TextEncoder().encode(text) }]);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

const yaml = (enumValues: string, refundDescription: string) => `version: 1
integration: ${INTEGRATION}
properties:
  - title: currency
    type: enum
    enum: ${enumValues}
    description: ISO 4217.
categories:
  - title: C
    events:
      - title: Paid
        properties:
          - use: currency
      - title: Refunded
        properties:
          - use: currency
            description: ${refundDescription}
          - title: note
            type: string
`;

function remote() {
  resetClock();
  const currency = { type: 'enum', enum: 'USD, EUR', description: 'ISO 4217.' };
  return state({
    categories: [category('c', 'C')],
    events: [event('e1', 'c', 'Paid'), event('e2', 'c', 'Refunded')],
    properties: [
      property('p1', 'e1', 'currency', currency),
      property('p2', 'e2', 'currency', { ...currency, description: 'Of the refund.' }),
      property('p3', 'e2', 'note', { type: 'string' }),
    ],
  });
}

describe('plans say which shared definition a change comes from', () => {
  it('a definition in step with Secoda plans nothing', () => {
    expect(buildPlan(load(yaml('[USD, EUR]', 'Of the refund.')), remote(), { writesPerMinute: 0 }).operations).toEqual([]);
  });

  it('marks each operation a definition causes, in JSON, text and Markdown', () => {
    const plan = buildPlan(load(yaml('[USD, EUR, GBP]', 'Of the refund.')), remote(), { writesPerMinute: 0 });
    expect(plan.operations.map((op) => [op.action, op.path.join('/'), op.shared_definition])).toEqual([
      ['replace', 'C/Paid/currency', 'currency'],
      ['replace', 'C/Refunded/currency', 'currency'],
    ]);
    const json = JSON.parse(renderPlanJson(plan)) as { operations: { shared_definition?: string }[] };
    expect(json.operations.map((op) => op.shared_definition)).toEqual(['currency', 'currency']);
    const text = renderPlanText(plan, { style: plain });
    expect(text).toContain('-/+ property C › Paid › currency  (enum cannot change in place; shared property "currency")');
    expect(text).toContain('From shared property definitions: "currency" (2 properties).');
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain('From shared property definitions: "currency" (2 properties).');
    expect(markdown).toContain('-/+ property C › Paid › currency  (enum cannot change in place; shared property "currency")');
  });

  it('does not mark a change to a field the event overrides, nor properties written out', () => {
    const plan = buildPlan(load(yaml('[USD, EUR]', 'Refunded in this currency.')), remote(), { writesPerMinute: 0 });
    expect(plan.operations).toHaveLength(1);
    expect(plan.operations[0]).toMatchObject({ action: 'update', path: ['C', 'Refunded', 'currency'] });
    expect(plan.operations[0]).not.toHaveProperty('shared_definition');
    expect(JSON.parse(renderPlanJson(plan))).not.toHaveProperty(['operations', 0, 'shared_definition']);
    expect(renderPlanText(plan, { style: plain })).not.toContain('shared');
  });

  it('the plan JSON of a plan without shared definitions keeps its shape (no shared_definition key)', () => {
    const written = `version: 1\nintegration: ${INTEGRATION}\ncategories:\n  - title: C\n    events:\n      - title: Paid\n        properties:\n          - { title: currency, type: enum, enum: [USD] }\n`;
    const plan = buildPlan(load(written), remote(), { writesPerMinute: 0 });
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(renderPlanJson(plan)).not.toContain('shared_definition');
  });
});
