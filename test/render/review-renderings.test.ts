/**
 * What a reviewer must be able to see in every rendering (issue 12): a change past the first 160
 * characters of a description, a changed line of a definition, a moved event's properties under
 * the right paths and grouped with the move, and category drift that needs a manual step.
 */
import { describe, expect, it } from 'vitest';
import { classifyPlan } from '../../src/compatibility/classify-plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { namedFingerprints } from './named-fingerprints.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { colours, plain, stripColour } from '../../src/style.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

const classified = (built: Plan, tp: Parameters<typeof buildPlan>[0], remote: Parameters<typeof buildPlan>[1]) =>
  classifyPlan(built, { today: '2025-03-01', trackingPlan: tp, remote });

const LONG_BEFORE =
  'Fired when a visitor clicks any call-to-action on the landing page, including the hero banner, the pricing table, the footer ' +
  'and the sticky header; the button carries the campaign that brought the visitor, and the red variant of the experiment.';
const LONG_AFTER = LONG_BEFORE.replace('the red variant', 'the green variant');
const DEFINITION_BEFORE = [
  '# When',
  'Once per click on a primary CTA.',
  '',
  '# Not when',
  'A secondary link is clicked.',
  'The page is pre-rendered.',
  'A bot is detected.',
  '',
  '# Owners',
  'Growth team.',
].join('\n');
const DEFINITION_AFTER = DEFINITION_BEFORE.replace('Once per click on a primary CTA.', 'Once per click on a primary or secondary CTA.');

function longTextChange() {
  resetClock();
  const remote = state({
    categories: [category('cat-landing', 'Landing Page')],
    events: [event('ev-cta', 'cat-landing', 'CTA Clicked', { description: LONG_BEFORE, definition: `${DEFINITION_BEFORE}\n` })],
    properties: [property('p-color', 'ev-cta', 'button_color', { type: 'string', description: `${'x'.repeat(170)} ends in a typo.` })],
  });
  const tp = plan([
    cat('Landing Page', [
      ev('CTA Clicked', [prop('button_color', { type: 'string', description: `${'x'.repeat(170)} ends in no typo.` })], {
        description: LONG_AFTER,
        definition: `${DEFINITION_AFTER}\n`,
      }),
    ]),
  ]);
  return classified(buildPlan(tp, remote, { writesPerMinute: 30 }), tp, remote);
}

function moveWithProperties() {
  resetClock();
  const remote = state({
    categories: [category('cat-legacy', 'Legacy'), category('cat-marketing', 'Marketing')],
    events: [event('ev-promo', 'cat-legacy', 'Promo Viewed')],
    properties: [
      property('p-id', 'ev-promo', 'promo_id', { type: 'string' }),
      property('p-channel', 'ev-promo', 'channel', { type: 'enum', enum: 'web, app' }),
      property('p-old', 'ev-promo', 'old_prop'),
    ],
  });
  const tp = plan([
    cat('Legacy'),
    cat('Marketing', [
      ev('Promo Viewed', [prop('promo_id', { type: 'string' }), prop('channel', { type: 'enum', enum: ['web', 'app', 'tv'] })]),
    ]),
  ]);
  return classified(buildPlan(tp, remote, { writesPerMinute: 30 }), tp, remote);
}

function categoryDriftOnly() {
  resetClock();
  const remote = state({
    categories: [category('cat-landing', 'Landing Page', { teams: ['team-a'] }), category('cat-extra', 'Made In The UI')],
    events: [event('ev-cta', 'cat-landing', 'CTA Clicked')],
  });
  const tp = plan([cat('Landing Page', [ev('CTA Clicked')], { teams: ['team-b'] })]);
  return classified(buildPlan(tp, remote, { writesPerMinute: 30 }), tp, remote);
}

describe('a long text change is visible in every rendering', () => {
  it('terminal text', async () => {
    const text = renderPlanText(longTextChange(), { style: plain });
    await expect(text).toMatchFileSnapshot('__snapshots__/long-text.txt');
    // The change sits past character 160: both words are shown, on their own lines.
    expect(text).toMatch(/^ +- .*the red variant of the experiment\.$/m);
    expect(text).toMatch(/^ +\+ .*the green variant of the experiment\.$/m);
    expect(text).toMatch(/^ +- Once per click on a primary CTA\.$/m);
    expect(text).toMatch(/^ +\+ Once per click on a primary or secondary CTA\.$/m);
    expect(text).toMatch(/^ +- …x+ ends in a typo\.$/m);
    expect(text).toMatch(/^ +\+ …x+ ends in no typo\.$/m);
  });

  it('Markdown, as a diff block GitHub colours', async () => {
    const markdown = renderPlanMarkdown(longTextChange());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/long-text.md');
    expect(markdown).toMatch(/^- +….*the red variant of the experiment\.$/m);
    expect(markdown).toMatch(/^\+ +….*the green variant of the experiment\.$/m);
    expect(markdown).toMatch(/^- +Once per click on a primary CTA\.$/m);
    expect(markdown).toMatch(/^\+ +Once per click on a primary or secondary CTA\.$/m);
  });

  it('JSON keeps the full before and after', async () => {
    const json = renderPlanJson(longTextChange());
    await expect(namedFingerprints(json)).toMatchFileSnapshot('__snapshots__/long-text.json');
    const parsed = JSON.parse(json) as { operations: { changes: { field: string; before: unknown; after: unknown }[] }[] };
    const changes = parsed.operations.flatMap((op) => op.changes);
    expect(changes).toContainEqual({ field: 'description', before: LONG_BEFORE, after: LONG_AFTER });
    expect(changes).toContainEqual({ field: 'definition', before: `${DEFINITION_BEFORE}\n`, after: `${DEFINITION_AFTER}\n` });
  });

  it('on a terminal, removed lines are red and added ones green; the words are the same without colour', () => {
    const coloured = renderPlanText(longTextChange(), { style: colours });
    expect(coloured).toContain('\u001b[31m- Once per click on a primary CTA.\u001b[39m');
    expect(coloured).toContain('\u001b[32m+ Once per click on a primary or secondary CTA.\u001b[39m');
    expect(stripColour(coloured)).toBe(renderPlanText(longTextChange(), { style: plain }));
  });
});

describe('a moved event tells the truth about its properties', () => {
  it('terminal text: deletes under the old category, creates under the new, grouped under the move', async () => {
    const text = renderPlanText(moveWithProperties(), { style: plain });
    await expect(text).toMatchFileSnapshot('__snapshots__/move.txt');
    const lines = text.split('\n');
    const move = lines.findIndex((l) => l.startsWith('-/+ event Marketing › Promo Viewed'));
    expect(move).toBeGreaterThan(0);
    expect(lines[move]).toContain('moves from category "Legacy"');
    const members = lines.slice(move + 1).filter((l) => /^ {4,}[-+] property/.test(l));
    expect(members.map((l) => l.trim().replace(/ {2}\(.*$/, ''))).toEqual([
      '- property Legacy › Promo Viewed › channel',
      '- property Legacy › Promo Viewed › old_prop',
      '- property Legacy › Promo Viewed › promo_id',
      '+ property Marketing › Promo Viewed › promo_id',
      '+ property Marketing › Promo Viewed › channel',
    ]);
    expect(text).not.toMatch(/- property Marketing/);
    // The recap of what is destroyed, before the summary line.
    expect(text).toMatch(/Destructive changes \(4\):\n {2}-\/\+ event Marketing › Promo Viewed .*\(with its 3 properties\)\n\nPlan:/);
  });

  it('Markdown: the move and its properties in one section, with the right paths', async () => {
    const markdown = renderPlanMarkdown(moveWithProperties());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/move.md');
    expect(markdown).toContain('-    - property Legacy › Promo Viewed › old_prop');
    expect(markdown).toContain('+    + property Marketing › Promo Viewed › channel');
    expect(markdown).not.toContain('<b>Legacy</b>');
    expect(markdown).toContain('| `-` delete | property `Legacy › Promo Viewed › old_prop` |');
  });

  it('JSON: each operation at its own path', async () => {
    const json = renderPlanJson(moveWithProperties());
    await expect(namedFingerprints(json)).toMatchFileSnapshot('__snapshots__/move.json');
    const parsed = JSON.parse(json) as { operations: { action: string; path: string[] }[] };
    expect(parsed.operations.map((op) => `${op.action} ${op.path.join('/')}`)).toEqual([
      'delete Legacy/Promo Viewed/channel',
      'delete Legacy/Promo Viewed/old_prop',
      'delete Legacy/Promo Viewed/promo_id',
      'replace Marketing/Promo Viewed',
      'create Marketing/Promo Viewed/promo_id',
      'create Marketing/Promo Viewed/channel',
    ]);
  });

  it('on a terminal, a replace is red like a delete', () => {
    const coloured = renderPlanText(moveWithProperties(), { style: colours });
    expect(coloured).toContain('\u001b[31m-/+\u001b[39m event Marketing › Promo Viewed');
    expect(coloured).toContain('   \u001b[31m-/+\u001b[39m replace   ');
  });
});

describe('category drift is not "no changes"', () => {
  it('terminal text', async () => {
    const text = renderPlanText(categoryDriftOnly(), { style: plain });
    await expect(text).toMatchFileSnapshot('__snapshots__/category-drift.txt');
    expect(text).not.toContain('No changes');
    expect(text.split('\n')[0]).toBe('Nothing to apply. 2 warnings need a manual step in Secoda.');
  });

  it('Markdown', async () => {
    const markdown = renderPlanMarkdown(categoryDriftOnly());
    await expect(markdown).toMatchFileSnapshot('__snapshots__/category-drift.md');
    expect(markdown).not.toContain('No changes');
    expect(markdown).toContain('**Nothing to apply. 2 warnings need a manual step in Secoda.**');
    expect(markdown).toContain('#### Warnings (2)');
  });

  it('JSON counts the warnings', async () => {
    const json = renderPlanJson(categoryDriftOnly());
    await expect(namedFingerprints(json)).toMatchFileSnapshot('__snapshots__/category-drift.json');
    const parsed = JSON.parse(json) as { operations: unknown[]; summary: { warnings: number }; warnings: { code: string }[] };
    expect(parsed.operations).toEqual([]);
    expect(parsed.summary.warnings).toBe(2);
    expect(parsed.warnings.map((w) => w.code)).toEqual(['category-teams-differ', 'category-not-in-plan']);
  });

  it('one warning is singular', () => {
    resetClock();
    const remote = state({ categories: [category('c', 'C'), category('x', 'X')] });
    const text = renderPlanText(buildPlan(plan([cat('C')]), remote, { writesPerMinute: 30 }), { style: plain });
    expect(text.split('\n')[0]).toBe('Nothing to apply. 1 warning needs a manual step in Secoda.');
  });
});

describe('a text diff in Markdown stays inside its block', () => {
  it('the fence is longer than any run of backticks in the text, so the text cannot close it', () => {
    resetClock();
    const before = ['Example:', '```', 'track("x")', '```', 'End.'].join('\n');
    const after = ['Example:', '````', 'track("y") @octocat #12', '````', 'End.'].join('\n');
    const remote = state({ categories: [category('c', 'C')], events: [event('e', 'c', 'E', { definition: before })] });
    const tp = plan([cat('C', [ev('E', [], { definition: after })])]);
    const markdown = renderPlanMarkdown(buildPlan(tp, remote, { writesPerMinute: 30 }));
    const open = /^(`{5,})diff$/m.exec(markdown);
    expect(open).not.toBeNull();
    const fence = open![1]!;
    const body = markdown.slice(markdown.indexOf(`${fence}diff`) + fence.length + 5, markdown.lastIndexOf(fence));
    expect(body).toContain('+       ````');
    expect(body).toContain('+       track("y") @octocat #12');
    expect(body).not.toMatch(new RegExp(`^${fence}`, 'm'));
  });
});
