// Valid plans: what the loader makes of them, and the integration IDs it takes.
import { describe, expect, it } from 'vitest';
import { HEADER, issuesOf, load } from './load-plan-input.js';

describe('loadTrackingPlan: valid plans', () => {
  it('normalises the DESIGN.md example', () => {
    const result = load(`# yaml-language-server: $schema=../schemas/tracking-plan.schema.json
version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Landing Page
    teams: [8680f886-97d2-4f4e-92c8-c80b46a3017d]
    events:
      - title: CTA Clicked
        description: A visitor clicked a call-to-action.
        definition: |
          Fired once per click on any primary CTA.
        pii: false
        verified: true
        published: true
        owners: [33733f42-8ff7-460b-9e20-50a2133d3bb0]
        tags: [f7466f09-33bf-4ac2-9ff2-165fb4b8bdc2]
        properties:
          - title: button_color
            type: enum
            enum: [red, green, yellow]
            required: true
            description: Colour of the clicked button.
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = result.plan.categories[0]?.events[0];
    expect(event).toMatchObject({
      title: 'CTA Clicked',
      definition: 'Fired once per click on any primary CTA.\n',
      pii: false,
      owners: ['33733f42-8ff7-460b-9e20-50a2133d3bb0'],
    });
    expect(event).not.toHaveProperty('teams');
    expect(event?.properties[0]).toMatchObject({ title: 'button_color', type: 'enum', enum: ['red', 'green', 'yellow'], required: true });
    expect(event?.source).toEqual({ file: 'plan.yaml', line: 8, column: 9 });
  });

  it('keeps numeric enum values as written', () => {
    const result = load(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: E\n        properties:\n          - title: rating\n            type: enum\n            enum: [1, 2.50, 3, true]\n`,
    );
    expect(result.ok && result.plan.categories[0]?.events[0]?.properties[0]?.enum).toEqual(['1', '2.50', '3', 'true']);
  });

  it('accepts anchors reused a reasonable number of times, and merge keys', () => {
    const events = Array.from({ length: 40 }, (_, i) => `      - title: E${i}\n        <<: *flags\n        properties: *shared`).join('\n');
    const plan = `${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        <<: &flags { pii: false, verified: true }\n        properties: &shared\n          - title: user_id\n            type: string\n${events}\n`;
    const result = load(plan);
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    if (!result.ok) return;
    expect(result.plan.categories[0]?.events).toHaveLength(41);
    expect(result.plan.categories[0]?.events[40]).toMatchObject({
      title: 'E39',
      pii: false,
      verified: true,
      properties: [{ title: 'user_id' }],
    });
  });

  it('locates an error inside a merged mapping at the merge source', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        <<: &flags { pii: nope }\n`);
    expect(issues).toEqual([expect.objectContaining({ line: 7, column: 27, code: 'wrong-type' })]);
  });
});
describe('loadTrackingPlan: the integration ID', () => {
  it.each(['ca529385-fbc9-4934-afae-e372affe795b', 'ca529385fbc94934afaee372affe795b', 'CA529385-FBC9-4934-AFAE-E372AFFE795B'])(
    'takes a UUID with or without dashes: %s',
    (id) => {
      const result = load(`version: 1\nintegration: ${id}\ncategories: []\n`);
      expect(result.ok).toBe(true);
    },
  );
});
