/**
 * Rule tables: a plan's text and the rule violations it must give, at their line and column.
 * Every plan starts with the same four lines (version, integration, `rules:` and one rule's
 * configuration), so the body of a case starts at line 5.
 */
import { expect, it } from 'vitest';
import { loadPlanWithRules, type RulesLoadOptions } from '../../src/rules/load-plan-with-rules.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { Issue } from '../../src/errors.js';

export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

export interface Expected {
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  /** Defaults to `error`. */
  readonly level?: 'error' | 'warning';
  /** A fragment the message holds. */
  readonly message?: string;
}

export interface RuleCase {
  readonly name: string;
  /** The rule's line under `rules:` (line 4), e.g. `event-title-style: { style: title-case }`. */
  readonly rule: string;
  /** Lines 5 on. */
  readonly body: string;
  readonly expect: readonly Expected[];
}

export const file = (path: string, text: string): PlanFileInput => ({ path, bytes: new TextEncoder().encode(text) });

export function planText(rule: string, body: string): string {
  return `version: 1\nintegration: ${INTEGRATION}\nrules:\n  ${rule}\n${body}`;
}

/** Every issue of a load, valid or not. */
export function issuesOf(files: readonly PlanFileInput[], options: RulesLoadOptions = {}): Issue[] {
  const result = loadPlanWithRules(files, options);
  return result.ok ? result.warnings : result.issues;
}

export function ruleTable(cases: readonly RuleCase[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const issues = issuesOf([file('plan.yaml', planText(c.rule, c.body))]);
      // Only rule violations are compared: a case's plan is otherwise valid.
      expect(issues.filter((i) => i.rule === undefined)).toEqual([]);
      const got = issues.map((i) => ({ line: i.line, column: i.column, rule: i.rule, level: i.level }));
      expect(got).toEqual(c.expect.map((e) => ({ line: e.line, column: e.column, rule: e.rule, level: e.level ?? 'error' })));
      c.expect.forEach((e, i) => {
        if (e.message !== undefined) expect(issues[i]?.message).toContain(e.message);
        expect(issues[i]?.hint, 'every violation has a hint').toBeTruthy();
      });
    });
  }
}

/** `categories:` with one category holding the given event lines (which start at line 8). */
export function events(lines: string): string {
  return `categories:\n  - title: Checkout\n    events:\n${lines}`;
}
