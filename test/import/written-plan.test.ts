import { describe, expect, it } from 'vitest';
import { readIgluRegistry, readProjectFiles, readSourceFile } from '../../src/files/import-sources.js';
import { importIgluSources, importRudderSources, importSegmentSource, type ImportOutcome } from '../../src/import/import-source.js';
import { FIXTURES } from './import-output.js';
import { writtenPlanIssues } from './written-plan.js';

function plan(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

/** A Segment plan whose schemas say what a plan file must not hold as written: each has to become something the plan can. */
const AWKWARD = {
  display_name: 'Awkward',
  rules: {
    events: [
      {
        name: 'Edge Reached',
        rules: {
          type: 'object',
          properties: {
            properties: {
              type: 'object',
              additionalProperties: false,
              properties: {
                empty_value: { type: 'string', enum: ['', 'x'] },
                spaced_value: { enum: [' x', 'y'] },
                comma_value: { enum: ['a,b'] },
                no_integer_between: { type: 'integer', exclusiveMinimum: 5, exclusiveMaximum: 6 },
                no_length_fits: { type: 'string', minLength: 5, maxLength: 2 },
                closed_empty_object: { type: 'object', additionalProperties: false },
                nested: { type: 'object', properties: { commas: { enum: ['a,b', ''] } }, additionalProperties: false },
                huge_pattern: { type: 'string', pattern: 'a{2,}x{1000}' },
                constructor: { type: 'string' },
                ['__proto__']: { type: 'string' },
                Case: { type: 'string' },
                case: { type: 'string' },
                ' spaced': { type: 'string' },
              },
            },
          },
        },
      },
      { name: 'edge reached', rules: {} },
      { name: ' ', rules: {} },
    ],
  },
};

describe('what import writes validates', () => {
  it.each([
    ['segment', () => importSegmentSource(readSourceFile(`${FIXTURES}/segment/plan.json`))],
    ['rudder/v1', async () => importRudderSources(await readProjectFiles(`${FIXTURES}/rudderstack-v1`))],
    ['rudder/0.1', async () => importRudderSources(await readProjectFiles(`${FIXTURES}/rudderstack-legacy`))],
    ['snowplow', () => importIgluSources(readIgluRegistry(`${FIXTURES}/snowplow`))],
  ])('%s', async (_, load) => {
    expect(writtenPlanIssues(plan(await load()))).toEqual([]);
  });

  it('a schema full of what a plan file cannot hold as written: noted, left out or moved, and the rest validates', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(AWKWARD));
    const imported = plan(importSegmentSource({ file: 'awkward.json', bytes }));
    expect(writtenPlanIssues(imported)).toEqual([]);
    expect(imported.categories.map((category) => category.title)).toEqual(['Awkward', 'Awkward (2)']);
    const messages = imported.notes.map(
      (note) => `${note.pointer.replace('/rules/events/0/rules/properties/properties/properties/', '')}: ${note.message}`,
    );
    for (const expected of [
      /^empty_value\/enum: enum value "" is empty/,
      /^spaced_value\/enum: enum value " x" has surrounding spaces/,
      /^comma_value\/enum: enum value "a,b" holds a comma/,
      /^no_integer_between\/exclusiveMinimum: .*no integer/,
      /^no_length_fits\/minLength: .*no text passes/,
      /^huge_pattern\/pattern: .*too large/,
      /^__proto__: property "__proto__" cannot be a plan title/,
      /^case: property "case" differs from "Case" only by case/,
      /^ spaced: property " spaced" cannot be a plan title/,
      /^\/rules\/events\/1: event "edge reached" differs from another event/,
      /^\/rules\/events\/2: event " " cannot be a plan title/,
    ])
      expect(messages).toContainEqual(expect.stringMatching(expected));
    const nested = imported.categories[0]?.events[0]?.properties.find((property) => property.title === 'nested');
    expect(nested?.properties).toEqual([{ title: 'commas', type: 'enum', enum: ['a,b', ''] }]);
  });
});
