import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { colours, plain, stripColour } from '../../src/render/style.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

/** A plan with every kind of change: creates, updates, replaces (one a move), deletes, duplicates and warnings. */
function everyKindOfChange() {
  resetClock();
  const remote = state({
    categories: [
      category('cat-landing', 'Landing Page', { teams: ['team-a'] }),
      category('cat-legacy', 'Legacy'),
      category('cat-checkout', 'Checkout'),
    ],
    events: [
      event('ev-cta', 'cat-landing', 'CTA Clicked', { description: 'Old words.', tags: ['tag-1', 'tag-2'], pii: false }),
      event('ev-cta-dup', 'cat-landing', 'CTA Clicked'),
      event('ev-moved', 'cat-legacy', 'Promo Viewed'),
      event('ev-stale', 'cat-legacy', 'Stale Event'),
      event('ev-order', 'cat-checkout', 'Order Completed', { owners_groups: ['group-1'] }),
    ],
    properties: [
      property('p-color', 'ev-cta', 'button_color', { type: 'enum', enum: 'red, green, yellow', is_required: true }),
      property('p-size', 'ev-cta', 'size', { type: 'string', description: 'old' }),
      property('p-gone', 'ev-cta', 'gone_prop', { type: 'string' }),
      property('p-stale', 'ev-stale', 'stale_prop'),
      property('p-total', 'ev-order', 'total', { type: 'number' }),
    ],
  });
  const tp = plan([
    cat(
      'Landing Page',
      [
        ev(
          'CTA Clicked',
          [
            prop('button_color', { type: 'enum', enum: ['red', 'green', 'purple'], required: true }),
            prop('size', { type: 'string', description: 'Button size.' }),
            prop('new_prop', { type: 'boolean', required: false }),
          ],
          {
            description: 'A visitor clicked a call-to-action.',
            tags: ['tag-1', 'tag-3'],
            pii: false,
          },
        ),
        ev('Promo Viewed'),
      ],
      { teams: ['team-b'] },
    ),
    cat('Checkout', [ev('Order Completed', [prop('total', { type: 'number' })], { owners_groups: ['group-2'] })]),
    cat('Onboarding', [
      ev('Signed Up', [prop('method', { type: 'enum', enum: ['email', 'google'] })], {
        definition: 'Fired once\nper sign-up.\n',
        owners: ['owner-1'],
      }),
    ]),
  ]);
  return buildPlan(tp, remote, { writesPerMinute: 30 });
}

describe('plan renderings', () => {
  it('terminal text', async () => {
    await expect(renderPlanText(everyKindOfChange(), { style: plain })).toMatchFileSnapshot('__snapshots__/plan.txt');
  });

  it('JSON', async () => {
    await expect(renderPlanJson(everyKindOfChange())).toMatchFileSnapshot('__snapshots__/plan.json');
  });

  it('Markdown', async () => {
    await expect(renderPlanMarkdown(everyKindOfChange())).toMatchFileSnapshot('__snapshots__/plan.md');
  });

  it('gives byte-identical output for the same input', () => {
    expect(renderPlanJson(everyKindOfChange())).toBe(renderPlanJson(everyKindOfChange()));
    expect(renderPlanMarkdown(everyKindOfChange())).toBe(renderPlanMarkdown(everyKindOfChange()));
  });

  it('uses colour only when asked, and the same words either way', () => {
    const coloured = renderPlanText(everyKindOfChange(), { style: colours });
    const uncoloured = renderPlanText(everyKindOfChange(), { style: plain });
    expect(coloured).toContain('\u001b[32m');
    expect(uncoloured).not.toContain('\u001b[');
    expect(stripColour(coloured)).toBe(uncoloured);
  });

  it('says plainly when there is nothing to do, with only the symbols present', () => {
    const noop = buildPlan(plan([cat('C')]), state({ categories: [category('c', 'C')] }), { writesPerMinute: 30 });
    expect(renderPlanText(noop, { style: plain })).toBe('No changes. Secoda matches the tracking plan.\n');
    expect(renderPlanMarkdown(noop)).toBe('**No changes. Secoda matches the tracking plan.**\n');
    const onlyCreate = buildPlan(plan([cat('C')]), state(), { writesPerMinute: 30 });
    expect(renderPlanText(onlyCreate, { style: plain }).split('\n')[1]).toBe('  (+ create)');
  });

  it('fits Markdown into a budget by dropping details, keeping the summary', () => {
    const full = renderPlanMarkdown(everyKindOfChange());
    const cut = renderPlanMarkdown(everyKindOfChange(), { maxLength: 2600, truncatedNote: 'See the job summary.' });
    expect(full.length).toBeGreaterThan(2600);
    expect(cut.length).toBeLessThanOrEqual(2600);
    expect(cut).toContain('**Plan: 5 to create, 2 to update, 3 to replace, 5 to delete.**');
    expect(cut).toContain('See the job summary.');
    const tiny = renderPlanMarkdown(everyKindOfChange(), { maxLength: 500, truncatedNote: 'See the job summary.' });
    expect(tiny.length).toBeLessThanOrEqual(500);
    expect(tiny).toContain('See the job summary.');
  });
});
