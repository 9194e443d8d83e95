/**
 * Plans speak names: every ID a directory lists is shown by its name in text, Markdown and JSON
 * (JSON keeps the ID beside it), whether the YAML wrote the name or the ID, values only Secoda
 * holds included; an ID no directory lists is shown as it is; namesakes get their ID after the name.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { namesById } from '../../src/references/names-by-id.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import type { DirectoryEntry } from '../../src/secoda/directories.js';
import { plain } from '../../src/style.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';
import { namedFingerprints } from './named-fingerprints.js';

const ANA = '33733f42-8ff7-460b-9e20-50a2133d3bb0';
const BO = '0f9d6c3b-2e1a-4b87-a5f4-9c8e7d6b1a20';
const STRANGER = '99999999-8ff7-460b-9e20-50a2133d3bb0';
const GROWTH = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
const PAYMENTS = 'c91e0f5a-3b7d-4a26-8e4f-1d9b7c2a5e83';
const PII_SECODA = 'f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2';
const PII_DBT = 'a17f4ed0-0e5a-45a9-92c0-6c93c0b8242c';
const REVENUE = '1c8b5e2d-9f3a-4d76-b0e1-6a4c7f2d9e58';
const STEWARDS = '3b2c7185-fb5d-4d94-89d4-3dae08e093a9';
const OWNERS_OLD = 'e4f1b2c9-8a7d-4e30-9c65-7b2d1f0a8e39';

const entry = (id: string, name: string): DirectoryEntry => ({ id, name, inactive: null, detail: null });
const names = namesById({
  users: [entry(ANA, 'ana@acme.com'), entry(BO, 'bo@acme.com'), entry(OWNERS_OLD, 'eli@acme.com')],
  teams: [entry(GROWTH, 'Growth'), entry(PAYMENTS, 'Payments')],
  tags: [entry(PII_SECODA, 'PII'), entry(PII_DBT, 'PII'), entry(REVENUE, 'Revenue')],
  groups: [entry(STEWARDS, 'Data Stewards')],
});

function namedPlan(): Plan {
  resetClock();
  const remote = state({
    categories: [category('cat', 'Checkout', { teams: [GROWTH] })],
    events: [
      event('ev-order', 'cat', 'Order Completed', { owners: [BO], tags: [REVENUE, PII_DBT], teams: [GROWTH] }),
      event('ev-refund', 'cat', 'Order Refunded', { owners_groups: [STEWARDS] }),
    ],
    properties: [property('p-total', 'ev-order', 'total', { type: 'number', subscribers: [STRANGER] })],
  });
  // The YAML after resolution: IDs, some written in the YAML as names, one (STRANGER) only Secoda holds.
  const tp = plan([
    cat(
      'Checkout',
      [
        ev('Order Completed', [prop('total', { type: 'number', subscribers: [ANA] })], {
          owners: [ANA],
          tags: [REVENUE, PII_SECODA],
          teams: [PAYMENTS],
        }),
        ev('Order Refunded', [], { owners_groups: [] }),
        ev('Cart Viewed', [], { owners: [ANA, STRANGER] }),
      ],
      { teams: [PAYMENTS] },
    ),
  ]);
  return { ...buildPlan(tp, remote, { writesPerMinute: 30 }), names };
}

describe('plans speak names', () => {
  it('text: a change of owners reads +ana@acme.com -bo@acme.com; no bare UUID where a name is known', async () => {
    const text = renderPlanText(namedPlan(), { style: plain });
    await expect(text).toMatchFileSnapshot('__snapshots__/named.txt');
    expect(text).toMatch(/owners: +\+ana@acme\.com -bo@acme\.com$/m);
    expect(text).toMatch(/teams: +\+Payments -Growth$/m);
    expect(text).toContain('has teams [Growth] in Secoda, the plan says [Payments]');
    // Namesakes carry their ID after the name.
    expect(text).toContain(`+PII (${PII_SECODA})`);
    expect(text).toContain(`-PII (${PII_DBT})`);
    // A value only Secoda holds, and one no directory lists.
    expect(text).toContain('-Data Stewards');
    expect(text).toContain(STRANGER);
    for (const id of [ANA, BO, GROWTH, PAYMENTS, REVENUE, STEWARDS]) expect(text).not.toContain(id);
  });

  it('Markdown: the same names', async () => {
    const markdown = renderPlanMarkdown(namedPlan());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/named.md');
    expect(markdown).toContain('+ana@acme.com -bo@acme.com');
    for (const id of [ANA, BO, GROWTH, PAYMENTS, REVENUE, STEWARDS]) expect(markdown).not.toContain(id);
  });

  it('JSON: the ID beside the name, null for an ID no directory lists', async () => {
    const json = renderPlanJson(namedPlan());
    await expect(namedFingerprints(json)).toMatchFileSnapshot('__snapshots__/named.json');
    const parsed = JSON.parse(json) as { operations: { path: string[]; changes: { field: string; before: unknown; after: unknown }[] }[] };
    const order = parsed.operations.find((op) => op.path.join('/') === 'Checkout/Order Completed');
    expect(order?.changes.find((c) => c.field === 'owners')).toEqual({
      field: 'owners',
      before: [{ id: BO, name: 'bo@acme.com' }],
      after: [{ id: ANA, name: 'ana@acme.com' }],
    });
    const cart = parsed.operations.find((op) => op.path.join('/') === 'Checkout/Cart Viewed');
    expect(cart?.changes.find((c) => c.field === 'owners')?.after).toEqual([
      { id: ANA, name: 'ana@acme.com' },
      { id: STRANGER, name: null },
    ]);
  });

  it('shows IDs as they are when the plan carries no names', () => {
    const { names: _, ...bare } = namedPlan();
    const text = renderPlanText(bare, { style: plain });
    expect(text).toContain(`+${ANA} -${BO}`);
    expect(text).not.toContain('ana@acme.com');
  });
});
