/** The deprecation lifecycle, with a fixed clock: today is 2025-03-01 unless a case says otherwise. */
import { describe, expect, it } from 'vitest';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { plain } from '../../src/style.js';
import { classified, verdicts } from './compat-fixtures.js';

const events = (...list: string[]) => `categories: [{ title: Checkout, events: [${list.join(', ')}] }]`;
const kept = '{ title: Order Completed, properties: [{ title: order_id }] }';
const legacy = (deprecated: string) => `{ title: Cart Viewed, deprecated: ${deprecated} }`;

function removal(deprecated: string | null, options: { today?: string; baseline?: boolean; levels?: string } = {}) {
  const before = events(kept, deprecated === null ? '{ title: Cart Viewed }' : legacy(deprecated));
  const plan = classified({
    before,
    after: `${options.levels ?? ''}${events(kept)}`,
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
  });
  const op = plan.operations.find((o) => o.kind === 'event');
  return { plan, op, check: op?.compatibility?.checks[0] };
}

describe('removing a deprecated event', () => {
  it('never deprecated: event-removed, breaking', () => {
    expect(removal(null).check).toMatchObject({ id: 'event-removed', level: 'breaking' });
  });

  it('after its sunset: safe', () => {
    const { check, op } = removal('{ since: 2024-01-15, sunset: 2025-02-28, replacement: Cart Opened }');
    expect(check).toEqual({
      id: 'event-removed',
      level: 'safe',
      message:
        '`Cart Viewed` reached its sunset on 2025-02-28 (deprecated since 2024-01-15): apps had until then to stop sending it; they should send `Cart Opened` instead',
    });
    expect(op?.deprecated).toEqual({ since: '2024-01-15', sunset: '2025-02-28', replacement: 'Cart Opened' });
  });

  it('on the day of its sunset: safe', () => {
    expect(removal('{ since: 2024-01-15, sunset: 2025-03-01 }').check?.level).toBe('safe');
  });

  it('before its sunset: breaking, with the date', () => {
    const { check } = removal('{ since: 2024-01-15, sunset: 2025-03-02 }');
    expect(check).toMatchObject({ id: 'event-removed', level: 'breaking' });
    expect(check?.message).toContain('before its sunset on 2025-03-02');
    // The same plan, a day later.
    expect(removal('{ since: 2024-01-15, sunset: 2025-03-02 }', { today: '2025-03-02' }).check?.level).toBe('safe');
  });

  it('deprecated with no sunset: a warning', () => {
    const { check } = removal('{ since: 2024-01-15 }');
    expect(check).toMatchObject({ id: 'event-removed', level: 'warning' });
    expect(check?.message).toContain('deprecated on 2024-01-15 with no sunset');
  });

  it('without a baseline the deprecation cannot be known: as never deprecated', () => {
    const { check, op } = removal('{ since: 2024-01-15, sunset: 2024-06-30 }', { baseline: false });
    expect(check).toMatchObject({ id: 'event-removed', level: 'breaking' });
    expect(op?.deprecated).toBeUndefined();
  });

  it('a level set in the header applies before the sunset; after it the removal is safe all the same', () => {
    const levels = 'compatibility: { event-removed: warning }\n';
    expect(removal('{ since: 2024-01-15, sunset: 2026-01-01 }', { levels }).check?.level).toBe('warning');
    expect(removal('{ since: 2024-01-15, sunset: 2025-01-01 }', { levels }).check?.level).toBe('safe');
    expect(removal(null, { levels: 'compatibility: { event-removed: safe }\n' }).check?.level).toBe('safe');
  });

  it('a removed property follows the same rules', () => {
    const checkout = (properties: string) =>
      `categories: [{ title: Checkout, events: [{ title: Order Completed, properties: [${properties}] }] }]`;
    const gone = (deprecated: string) =>
      classified({ before: checkout(`{ title: id }, { title: coupon, deprecated: ${deprecated} }`), after: checkout('{ title: id }') });
    expect(verdicts(gone('{ since: 2024-01-01, sunset: 2025-01-01 }'))).toEqual([
      'delete property Checkout/Order Completed/coupon: safe (property-removed safe)',
    ]);
    expect(verdicts(gone('{ since: 2024-01-01, sunset: 2025-06-01 }'))).toEqual([
      'delete property Checkout/Order Completed/coupon: breaking (property-removed breaking)',
    ]);
  });
});

describe('deprecated resources in the renderings', () => {
  const plan = classified({
    before: events(
      `{ title: Order Completed, description: Old., properties: [{ title: order_id }] }`,
      legacy('{ since: 2024-01-15, sunset: 2025-02-28 }'),
    ),
    after: events(
      `{ title: Order Completed, description: New., deprecated: { since: 2025-01-01, sunset: 2025-12-31, replacement: Checkout Done }, properties: [{ title: order_id }] }`,
    ),
  });

  it('are marked in text, Markdown and JSON', () => {
    const text = renderPlanText(plan, { style: plain });
    expect(text).toContain('  ~ event Checkout › Order Completed  (deprecated since 2025-01-01, sunset 2025-12-31, use "Checkout Done")\n');
    expect(text).toContain(
      '  - event Checkout › Cart Viewed  (not in the tracking plan)  (deprecated since 2024-01-15, sunset 2025-02-28)\n',
    );
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain('~ event Checkout › Order Completed  (deprecated since 2025-01-01, sunset 2025-12-31, use "Checkout Done")');
    expect(markdown).toContain(
      '| `-` delete | event `Checkout › Cart Viewed` | not in the tracking plan; deprecated since 2024-01-15, sunset 2025-02-28 |',
    );
    const json = JSON.parse(renderPlanJson(plan)) as { operations: { path: string[]; deprecated?: unknown }[] };
    expect(json.operations.map((op) => [op.path.join('/'), op.deprecated ?? null])).toEqual([
      ['Checkout/Order Completed', { since: '2025-01-01', sunset: '2025-12-31', replacement: 'Checkout Done' }],
      ['Checkout/Cart Viewed', { since: '2024-01-15', sunset: '2025-02-28' }],
    ]);
  });

  it('are never sent to Secoda', () => {
    const created = classified({ before: 'categories: [{ title: Checkout }]', after: events(legacy('{ since: 2024-01-15 }')) });
    const op = created.operations[0];
    expect(op?.action).toBe('create');
    expect(op?.action === 'create' ? Object.keys(op.body) : []).toEqual(['title']);
  });
});
