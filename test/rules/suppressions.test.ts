import { describe, expect, it } from 'vitest';
import { events, file, issuesOf, planText } from './rule-table.js';

const RULE = 'event-title-style: { level: error, style: title-case }';
const located = (body: string, rule = RULE) =>
  issuesOf([file('plan.yaml', planText(rule, body))]).map((i) => ({ line: i.line, rule: i.rule ?? i.code, level: i.level ?? 'error' }));

describe('suppression comments', () => {
  it('# tpsync-disable-next-line <rule-id> suppresses the violation on the next line only', () => {
    const body = events(
      '      # tpsync-disable-next-line event-title-style\n      - title: order completed\n      - title: order refunded\n',
    );
    expect(located(body)).toEqual([{ line: 10, rule: 'event-title-style', level: 'error' }]);
  });

  it('# tpsync-disable-line <rule-id> suppresses the violation on its own line', () => {
    const body = events('      - title: order completed # tpsync-disable-line event-title-style\n      - title: order refunded\n');
    expect(located(body)).toEqual([{ line: 9, rule: 'event-title-style', level: 'error' }]);
  });

  it('skips blank and comment lines, so directives stack; names several rules; takes a reason after --', () => {
    const rule = 'event-title-style: {}\n  description-required: { level: error }';
    const body = events(
      [
        '      # tpsync-disable-next-line event-title-style -- older than the convention',
        '      # tpsync-disable-next-line description-required',
        '',
        '      - title: order completed',
        '      - title: order refunded # tpsync-disable-line event-title-style, description-required',
        '',
      ].join('\n'),
    );
    expect(located(body, rule)).toEqual([]);
  });

  it('does not suppress another rule, or a violation on another line', () => {
    const rule = 'event-title-style: {}\n  description-required: { level: error }';
    const body = events('      # tpsync-disable-next-line description-required\n      - title: order completed\n');
    expect(located(body, rule)).toEqual([{ line: 10, rule: 'event-title-style', level: 'error' }]);
  });

  it('with no rule id, suppresses every rule on that line', () => {
    const rule = 'event-title-style: {}\n  description-required: { level: error }';
    expect(located(events('      - title: order completed # tpsync-disable-line\n'), rule)).toEqual([]);
  });

  it('warns about an id that names no rule (the comment would silently do nothing), with a did-you-mean', () => {
    const issues = issuesOf([
      file('plan.yaml', planText(RULE, events('      # tpsync-disable-next-line event-title-styl\n      - title: order completed\n'))),
    ]);
    expect(issues).toMatchObject([
      { line: 8, column: 34, level: 'warning', code: 'unknown-rule-in-comment', hint: 'did you mean "event-title-style"?' },
      { line: 9, rule: 'event-title-style' },
    ]);
  });

  it('never suppresses errors that are not rule violations', () => {
    const issues = issuesOf([
      file('plan.yaml', planText(RULE, events('      - title: Order Completed\n        pii: maybe # tpsync-disable-line\n'))),
    ]);
    expect(issues.map((i) => i.code)).toEqual(['wrong-type']);
  });

  it('ignores the words inside a quoted value', () => {
    const body = events('      - title: "order completed # tpsync-disable-line"\n');
    expect(located(body)).toEqual([{ line: 8, rule: 'event-title-style', level: 'error' }]);
  });
});
