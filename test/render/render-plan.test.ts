import { describe, expect, it } from 'vitest';
import { classifyPlan } from '../../src/compatibility/classify-plan.js';
import { attributeOrigins } from '../../src/plan/attribute-origins.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { namedFingerprints } from './named-fingerprints.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { colours, plain, stripColour } from '../../src/style.js';
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
  return { tp, remote, plan: buildPlan(tp, remote, { writesPerMinute: 30 }) };
}

/**
 * The same plan classified for compatibility in a pull request: the baseline (the YAML before
 * the branch) had `Stale Event`, deprecated with a sunset that has passed, and `gone_prop`; the
 * duplicate in Secoda is drift.
 */
function classifiedChange() {
  const { tp, remote, plan: built } = everyKindOfChange();
  const baseline = plan([
    cat('Landing Page', [
      ev('CTA Clicked', [
        prop('button_color', { type: 'enum', enum: ['red', 'green', 'yellow'], required: true }),
        prop('size', { type: 'string', description: 'old' }),
        prop('gone_prop', { type: 'string' }),
      ]),
    ]),
    cat('Legacy', [
      ev('Promo Viewed'),
      ev('Stale Event', [prop('stale_prop')], { deprecated: { since: '2024-01-15', sunset: '2024-06-30', replacement: 'Fresh Event' } }),
    ]),
    cat('Checkout', [ev('Order Completed', [prop('total', { type: 'number' })], { owners_groups: ['group-1'] })]),
  ]);
  const marked = {
    ...tp,
    categories: tp.categories.map((c) => ({
      ...c,
      events: c.events.map((e) => (e.title === 'Promo Viewed' ? { ...e, deprecated: { since: '2025-01-01', sunset: '2025-12-31' } } : e)),
    })),
  };
  return classifyPlan(attributeOrigins(built, marked, baseline), { today: '2025-03-01', trackingPlan: marked, remote, baseline });
}

describe('plan renderings', () => {
  it('terminal text', async () => {
    await expect(renderPlanText(everyKindOfChange().plan, { style: plain })).toMatchFileSnapshot('__snapshots__/plan.txt');
  });

  it('JSON', async () => {
    await expect(namedFingerprints(renderPlanJson(everyKindOfChange().plan))).toMatchFileSnapshot('__snapshots__/plan.json');
  });

  it('Markdown', async () => {
    await expect(renderPlanMarkdown(everyKindOfChange().plan)).toMatchFileSnapshot('__snapshots__/plan.md');
  });

  it('terminal text, classified: each breaking change marked, and counted on the summary line', async () => {
    const text = renderPlanText(classifiedChange(), { style: plain });
    await expect(text).toMatchFileSnapshot('__snapshots__/plan-compatibility.txt');
    expect(text).toMatch(/^Plan: 5 to create, 2 to update, 3 to replace, 5 to delete\. Compatibility: 2 breaking, 1 warning, 12 safe\.$/m);
  });

  it('JSON, classified: a verdict on every operation, counts per level', async () => {
    const json = renderPlanJson(classifiedChange());
    await expect(namedFingerprints(json)).toMatchFileSnapshot('__snapshots__/plan-compatibility.json');
    const parsed = JSON.parse(json) as {
      format_version: number;
      summary: { compatibility: unknown };
      operations: { compatibility: { level: string; checks: { id: string; level: string; message: string }[] } }[];
    };
    expect(parsed.format_version).toBe(2);
    expect(parsed.summary.compatibility).toEqual({ breaking: 2, warning: 1, safe: 12, drift: { breaking: 0, warning: 0, safe: 1 } });
    for (const op of parsed.operations) {
      expect(op.compatibility.checks.length).toBeGreaterThan(0);
      expect(Object.keys(op.compatibility.checks[0]!)).toEqual(['id', 'level', 'message']);
    }
  });

  it('Markdown, classified: leads with its breaking changes', async () => {
    const markdown = renderPlanMarkdown(classifiedChange());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/plan-compatibility.md');
    expect(markdown.startsWith('#### Breaking changes (2)\n')).toBe(true);
    expect(markdown.indexOf('Breaking changes')).toBeLessThan(markdown.indexOf('#### Destructive changes'));
    const comment = renderPlanMarkdown(classifiedChange(), {
      header: ['### tpsync plan'],
      maxLength: 3000,
      truncatedNote: 'See the job summary.',
    });
    expect(comment.length).toBeLessThanOrEqual(3000);
    expect(comment).toContain('#### Breaking changes (2)');
  });

  it('gives byte-identical output for the same input', () => {
    expect(renderPlanJson(everyKindOfChange().plan)).toBe(renderPlanJson(everyKindOfChange().plan));
    expect(renderPlanMarkdown(everyKindOfChange().plan)).toBe(renderPlanMarkdown(everyKindOfChange().plan));
    expect(renderPlanJson(classifiedChange())).toBe(renderPlanJson(classifiedChange()));
  });

  it('uses colour only when asked, and the same words either way', () => {
    const coloured = renderPlanText(classifiedChange(), { style: colours });
    const uncoloured = renderPlanText(classifiedChange(), { style: plain });
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
    const full = renderPlanMarkdown(everyKindOfChange().plan);
    const cut = renderPlanMarkdown(everyKindOfChange().plan, { maxLength: 2600, truncatedNote: 'See the job summary.' });
    expect(full.length).toBeGreaterThan(2600);
    expect(cut.length).toBeLessThanOrEqual(2600);
    expect(cut).toContain('**Plan: 5 to create, 2 to update, 3 to replace, 5 to delete.**');
    expect(cut).toContain('See the job summary.');
    const tiny = renderPlanMarkdown(everyKindOfChange().plan, { maxLength: 500, truncatedNote: 'See the job summary.' });
    expect(tiny.length).toBeLessThanOrEqual(500);
    expect(tiny).toContain('See the job summary.');
  });
});
