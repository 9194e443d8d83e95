import { describe, expect, it } from 'vitest';
import { buildEventSchemas } from '../../src/event-schema/build-event-schemas.js';
import { MAX_EVENT_NAMES, OTHER_EVENTS } from '../../src/check/check-tally.js';
import { PayloadCheck } from '../../src/check/payload-check.js';
import { createCheckCompiler } from '../../src/check/validators.js';
import { linesText } from '../../src/check/render-check.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const plan: TrackingPlan = {
  version: 1,
  integration: 'ca529385-fbc9-4934-afae-e372affe795b',
  categories: [{ title: 'Shop', events: [{ title: 'Cart Viewed', properties: [{ title: 'cart_id', type: 'string', required: true }] }] }],
};

function checker(): PayloadCheck {
  return new PayloadCheck(buildEventSchemas(plan), createCheckCompiler(), { eventField: ['event'], propertiesField: ['properties'] });
}

describe('PayloadCheck', () => {
  it('counts every violation but keeps only the first five lines of each', () => {
    const check = checker();
    for (let n = 1; n <= 12; n++) check.line('{"event":"Cart Viewed","properties":{}}', n);
    const report = check.report();
    expect(report.byKind['missing-required']).toEqual({ count: 12, lines: [1, 2, 3, 4, 5] });
    expect(linesText(report.byKind['missing-required'])).toBe('lines 1, 2, 3, 4, 5, …');
    expect(linesText({ count: 1, lines: [9] })).toBe('line 9');
  });

  it('compiles each event once, on first use', () => {
    const compiled: string[] = [];
    const compile = createCheckCompiler();
    const check = new PayloadCheck(
      buildEventSchemas(plan),
      (entry) => {
        compiled.push(entry.event);
        return compile(entry);
      },
      { eventField: ['event'], propertiesField: ['properties'] },
    );
    expect(compiled).toEqual([]);
    for (let n = 1; n <= 3; n++) check.line('{"event":"Cart Viewed","properties":{"cart_id":"c"}}', n);
    expect(compiled).toEqual(['Cart Viewed']);
  });

  it('stays bounded under a flood of distinct unplanned event names', () => {
    const check = checker();
    const total = MAX_EVENT_NAMES + 50;
    for (let n = 1; n <= total; n++) check.line(`{"event":"Made Up ${n}"}`, n);
    const report = check.report();
    expect(report.events).toHaveLength(MAX_EVENT_NAMES + 1);
    expect(report.capped).toBe(true);
    expect(report.byKind['unplanned-event'].count).toBe(total);
    expect(report.events.find((e) => e.event === OTHER_EVENTS)).toMatchObject({ checked: 50, invalid: 50 });
  });

  it('treats "properties": null or absent as no properties, and another type as not a track call', () => {
    const check = checker();
    check.line('{"event":"Cart Viewed"}', 1);
    check.line('{"event":"Cart Viewed","properties":null}', 2);
    check.line('{"type":"screen","name":"Home"}', 3);
    check.line('{"type":7,"event":"Cart Viewed"}', 4);
    check.line('{"event":"Cart Viewed","properties":[1]}', 5);
    check.line('{"event":"","properties":{}}', 6);
    const report = check.report();
    expect(report.byKind['missing-required']).toEqual({ count: 2, lines: [1, 2] });
    expect(report.skipped).toBe(1);
    expect(report.unreadable).toEqual([
      { reason: '"type" is not a string', count: 1, lines: [4] },
      { reason: 'the properties are not a JSON object', count: 1, lines: [5] },
      { reason: 'no event name (a non-empty string)', count: 1, lines: [6] },
    ]);
  });

  it('counts a payload whose strings are not Unicode text (a lone surrogate) as invalid-json, and a line of bytes that are not UTF-8', () => {
    const check = checker();
    check.line('{"event":"Cart Viewed","properties":{"cart_id":"c\\ud800"}}', 1);
    check.line('{"event":"Cart Viewed\\udfff","properties":{"cart_id":"c"}}', 2);
    check.line('{"event":"Cart Viewed","properties":{"cart_id":"c","\\ud83dkey":1}}', 3);
    check.line('{"event":"Cart Viewed","properties":{"cart_id":"c \\ud83d\\uded2"}}', 4); // a pair: one character, fine
    check.notUtf8Line(5);
    const report = check.report();
    expect(report.byKind['invalid-json']).toEqual({ count: 4, lines: [1, 2, 3, 5] });
    expect(report.unreadable).toEqual([
      {
        reason: 'a string holds a lone surrogate (a \\uD800–\\uDFFF escape without its pair), which is not Unicode text',
        count: 3,
        lines: [1, 2, 3],
      },
      { reason: 'not valid UTF-8', count: 1, lines: [5] },
    ]);
    expect(report).toMatchObject({ checked: 1, valid: 1 });
  });
});
