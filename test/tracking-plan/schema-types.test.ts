import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/schema-types.mjs';
import { PROPERTY_TYPES, trackingPlanSchema } from '../../src/tracking-plan/schema-check.js';
import type { PropertyType } from '../../src/tracking-plan/schema-types.js';
import { COMMON_FIELDS, EVENT_LOCAL_FIELDS, LOCAL_SHAPE_FIELDS, OVERRIDABLE_FIELDS } from '../../src/tracking-plan/types.js';

describe('the types agree with the JSON Schema', () => {
  it('the generated types are those the schema gives today', async () => {
    const committed = await readFile('src/tracking-plan/schema-types.generated.ts', 'utf8');
    expect(committed, 'run `npm run schema:types`').toBe(await generate());
  });

  it('the loader manages exactly the fields the schema allows on events', () => {
    const local: readonly string[] = EVENT_LOCAL_FIELDS;
    const eventKeys = Object.keys(trackingPlanSchema.definitions.event.properties).filter(
      (k) => k !== 'title' && k !== 'properties' && k !== 'deprecated' && !local.includes(k),
    );
    expect([...COMMON_FIELDS].sort()).toEqual(eventKeys.sort());
    expect(Object.keys(trackingPlanSchema.definitions.event.properties)).toEqual(expect.arrayContaining([...EVENT_LOCAL_FIELDS]));
  });

  it('beside `use`, exactly the fields the loader lets an event override (all but title and the shape: type, enum, nullable, …)', () => {
    const useKeys = Object.keys(trackingPlanSchema.definitions.propertyUse.properties).filter((k) => k !== 'use');
    // `deprecated` beside `use` is local metadata, carried over by the expansion rather than as an override.
    expect([...OVERRIDABLE_FIELDS].sort()).toEqual(useKeys.filter((k) => k !== 'deprecated').sort());
    const shape: readonly string[] = LOCAL_SHAPE_FIELDS;
    const propertyKeys = Object.keys(trackingPlanSchema.definitions.property.properties).filter(
      (k) => !['title', 'type', 'enum'].includes(k) && !shape.includes(k),
    );
    expect(useKeys.sort()).toEqual(propertyKeys.sort());
  });

  it('property types come from the schema', () => {
    const types: PropertyType[] = ['string', 'enum', 'integer', 'number', 'boolean', 'object', 'array', 'date', 'datetime'];
    expect(PROPERTY_TYPES).toEqual(types);
  });

  it('the schema documents every key for editors', () => {
    const defs = trackingPlanSchema.definitions;
    for (const [name, def] of Object.entries({
      file: trackingPlanSchema,
      category: defs.category,
      event: defs.event,
      property: defs.property,
      propertyUse: defs.propertyUse,
      rules: defs.rules,
      styleRule: defs.styleRule,
      requiredPropertiesRule: defs.requiredPropertiesRule,
      titlePatternRule: defs.titlePatternRule,
      bannedTitlesRule: defs.bannedTitlesRule,
      titleMaxLengthRule: defs.titleMaxLengthRule,
    })) {
      for (const [key, value] of Object.entries(def.properties)) {
        const described =
          'description' in value ||
          ('$ref' in value &&
            typeof value.$ref === 'string' &&
            'description' in (defs[value.$ref.split('/').pop() as keyof typeof defs] ?? {}));
        expect(described, `${name}.${key} has no description`).toBe(true);
      }
    }
  });
});
