/** `deprecated:` on events and properties and `compatibility:` in the header file, as the loader reads them. */
import { describe, expect, it } from 'vitest';
import { loadTrackingPlan, type LoadOptions } from '../../src/tracking-plan/load-plan.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import { renderIssuesJson, renderIssuesText } from '../../src/render/issues.js';
import { plain } from '../../src/style.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
const file = (path: string, text: string): PlanFileInput => ({ path, bytes: new TextEncoder().encode(text) });
const load = (text: string, options: LoadOptions = {}) => loadTrackingPlan([file('plan.yaml', text)], options);
const issuesOf = (text: string) => {
  const result = load(text);
  if (result.ok) throw new Error('expected issues, got a valid plan');
  return result.issues;
};

const deprecatedEvent = (deprecated: string) =>
  `${HEADER}categories:\n  - title: Checkout\n    events:\n      - title: Cart Viewed\n        deprecated: ${deprecated}\n        properties:\n          - title: cart_id\n            deprecated:\n              since: 2024-02-01\n`;

describe('deprecated:', () => {
  it('is read onto events and properties, dates as written', () => {
    const result = load(deprecatedEvent('{ since: 2024-01-15, sunset: 2024-06-30, replacement: Cart Opened }'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = result.plan.categories[0]?.events[0];
    expect(event?.deprecated).toEqual({ since: '2024-01-15', sunset: '2024-06-30', replacement: 'Cart Opened' });
    expect(event?.properties[0]?.deprecated).toEqual({ since: '2024-02-01' });
  });

  it('warns, located at the sunset, once the sunset has come; not before, and not without a clock', () => {
    const text = deprecatedEvent('{ since: 2024-01-15, sunset: 2024-06-30, replacement: Cart Opened }');
    const past = load(text, { today: '2024-06-30' });
    expect(past.ok && past.warnings).toEqual([
      {
        file: 'plan.yaml',
        line: 7,
        column: 50,
        code: 'sunset-passed',
        level: 'warning',
        rule: 'sunset-passed',
        message: 'event "Cart Viewed" of category "Checkout" reached its sunset on 2024-06-30 (deprecated since 2024-01-15)',
        hint: 'remove it from the tracking plan, which is now a safe change (senders use "Cart Opened" instead), or move the sunset later',
      },
    ]);
    expect(load(text, { today: '2024-06-29' })).toMatchObject({ ok: true, warnings: [] });
    expect(load(text)).toMatchObject({ ok: true, warnings: [] });
  });

  it('prints a warning as `file:line:col  warning  message [rule]`, and JSON keeps the plan valid', () => {
    const result = load(deprecatedEvent('{ since: 2024-01-15, sunset: 2024-06-30 }'), { today: '2025-01-01' });
    if (!result.ok) throw new Error('expected a valid plan');
    expect(renderIssuesText(result.warnings, plain)).toBe(
      'plan.yaml:7:50  warning  event "Cart Viewed" of category "Checkout" reached its sunset on 2024-06-30 (deprecated since 2024-01-15) [sunset-passed]\n' +
        '    hint: remove it from the tracking plan, which is now a safe change, or move the sunset later\n\n1 warning in 1 file.\n',
    );
    expect(JSON.parse(renderIssuesJson(result.warnings))).toMatchObject({
      valid: true,
      issues: [{ level: 'warning', rule: 'sunset-passed' }],
    });
  });

  it.each([
    ['a date that is not YYYY-MM-DD', '{ since: 15/01/2024 }', 'bad-date', '"since" must be a date written YYYY-MM-DD, not "15/01/2024"'],
    [
      'a day that does not exist',
      '{ since: 2024-02-30 }',
      'bad-date',
      '"since" 2024-02-30 of event "Cart Viewed" of category "Checkout" is not a real date',
    ],
    [
      'a sunset before since',
      '{ since: 2024-06-01, sunset: 2024-05-31 }',
      'sunset-before-since',
      'the sunset 2024-05-31 of event "Cart Viewed"',
    ],
    ['no since', '{ sunset: 2024-05-31 }', 'missing-key', 'is missing "since"'],
    ['a misspelt key', '{ since: 2024-01-01, sunet: 2024-05-31 }', 'unknown-key', 'unknown key "sunet"'],
  ])('rejects %s', (_name, deprecated, code, message) => {
    const issues = issuesOf(deprecatedEvent(deprecated));
    expect(issues).toEqual([expect.objectContaining({ code, message: expect.stringContaining(message) })]);
    if (code === 'unknown-key') expect(issues[0]?.hint).toBe('did you mean "sunset"?');
  });

  it('keeps warnings among the errors when the plan is invalid', () => {
    const text = `${deprecatedEvent('{ since: 2024-01-15, sunset: 2024-06-30 }')}          - title: broken\n            type: strin\n`;
    const result = load(text, { today: '2025-01-01' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.line, i.level ?? 'error'])).toEqual([
      [7, 'warning'],
      [13, 'error'],
    ]);
  });
});

describe('compatibility: in the header file', () => {
  it('sets levels per check id', () => {
    const result = load(`${HEADER}compatibility:\n  enum-value-added: warning\n  event-removed: safe\n`);
    expect(result.ok && result.plan.compatibility).toEqual({ 'enum-value-added': 'warning', 'event-removed': 'safe' });
  });

  it('names an unknown check id, with a did-you-mean', () => {
    expect(issuesOf(`${HEADER}compatibility:\n  enum-value-add: warning\n`)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        code: 'unknown-check',
        message: 'unknown compatibility check "enum-value-add"',
        hint: expect.stringMatching(/^did you mean "enum-value-added"\?/),
      }),
    ]);
  });

  it('accepts only breaking, warning and safe', () => {
    expect(issuesOf(`${HEADER}compatibility:\n  event-removed: warn\n`)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 18,
        code: 'unknown-value',
        hint: 'did you mean "warning"? allowed: breaking, warning, safe',
      }),
    ]);
  });

  it('belongs in the file that holds version and integration', () => {
    const result = loadTrackingPlan([
      file('plan/a.yaml', HEADER),
      file('plan/b.yaml', 'compatibility:\n  event-moved: safe\ncategories: []\n'),
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ file: 'plan/b.yaml', line: 1, column: 1, code: 'compatibility-not-in-header' }),
    ]);
    const together = loadTrackingPlan([
      file('plan/a.yaml', `${HEADER}compatibility: { event-moved: safe }\n`),
      file('plan/b.yaml', 'categories: []\n'),
    ]);
    expect(together.ok && together.plan.compatibility).toEqual({ 'event-moved': 'safe' });
  });
});
