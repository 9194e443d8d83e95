import { describe, expect, it } from 'vitest';
import type { ImportNote } from '../../src/import/import-note.js';
import { documentContext, eventShape } from '../../src/import/json-schema-event.js';
import { mapValue } from '../../src/import/json-schema-value.js';

/** One property's schema mapped in a document of its own, with the notes it made. */
function mapped(schema: unknown, root?: unknown): { value: unknown; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const document: object = root ?? { properties: { p: schema } };
  const ctx = documentContext(document, { file: 'f.json', pointer: '' }, notes);
  const target = root === undefined ? schema : (document as { properties: { p: unknown } }).properties.p;
  const value = mapValue(target, ctx.places.child(document, target, 'properties', 'p'), ctx);
  return { value, notes };
}

const exact: [string, unknown, unknown][] = [
  ['no type: any value', {}, {}],
  ['a string', { type: 'string' }, { type: 'string' }],
  [
    'lengths and pattern',
    { type: 'string', minLength: 2, maxLength: 9, pattern: '^[a-z]+$' },
    { type: 'string', min_length: 2, max_length: 9, pattern: '^[a-z]+$' },
  ],
  ['minLength 0 says nothing', { type: 'string', minLength: 0 }, { type: 'string' }],
  ['an empty pattern says nothing', { type: 'string', pattern: '' }, { type: 'string' }],
  ['a date alone is the date type', { type: 'string', format: 'date' }, { type: 'date' }],
  ['a date-time alone is the datetime type', { type: 'string', format: 'date-time' }, { type: 'datetime' }],
  [
    'a date with a length stays a string',
    { type: 'string', format: 'date', maxLength: 10 },
    { type: 'string', format: 'date', max_length: 10 },
  ],
  ['a format the plan checks', { type: 'string', format: 'email' }, { type: 'string', format: 'email' }],
  ['null beside one type is nullable', { type: ['string', 'null'] }, { type: 'string', nullable: true }],
  ['integer and number are number', { type: ['integer', 'number'] }, { type: 'number' }],
  ['inclusive bounds', { type: 'number', minimum: 0, maximum: 1.5 }, { type: 'number', minimum: 0, maximum: 1.5 }],
  [
    'an exclusive bound on an integer is an inclusive one a step in',
    { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 },
    { type: 'integer', minimum: 1, maximum: 9 },
  ],
  [
    'draft 4 exclusive bounds on an integer',
    { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 5.5, exclusiveMaximum: true },
    { type: 'integer', minimum: 1, maximum: 5 },
  ],
  ['the stricter of two bounds', { type: 'integer', minimum: 3, exclusiveMinimum: 3 }, { type: 'integer', minimum: 4 }],
  ['a number that is a multiple of 1 is an integer', { type: 'number', multipleOf: 1 }, { type: 'integer' }],
  ['every integer is a multiple of 0.5', { type: 'integer', multipleOf: 0.5 }, { type: 'integer' }],
  ['a string enum', { type: 'string', enum: ['a', 'b', 'a'] }, { type: 'enum', enum: ['a', 'b'] }],
  ['an integer enum', { type: 'integer', enum: [200, 201] }, { type: 'integer', enum: [200, 201] }],
  ['a number enum', { enum: [0.5, 1] }, { type: 'number', enum: [0.5, 1] }],
  ['a boolean const', { const: true }, { type: 'boolean', enum: [true] }],
  ['null in the enum, and in the type', { type: ['string', 'null'], enum: ['a', null] }, { type: 'enum', enum: ['a'], nullable: true }],
  ['null in the type but not in the enum is not valid', { type: ['string', 'null'], enum: ['a'] }, { type: 'enum', enum: ['a'] }],
  ['enum values of another type never pass', { type: 'string', enum: ['a', 1] }, { type: 'enum', enum: ['a'] }],
  ['enum values that maxLength refuses never pass', { type: 'string', maxLength: 2, enum: ['ab', 'abc'] }, { type: 'enum', enum: ['ab'] }],
  ['anyOf a schema and null', { anyOf: [{ type: 'integer' }, { type: 'null' }] }, { type: 'integer', nullable: true }],
  [
    'oneOf null and a schema',
    { oneOf: [{ type: 'null' }, { type: 'string', maxLength: 3 }] },
    { type: 'string', max_length: 3, nullable: true },
  ],
  ['an array of strings', { type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'string' } }],
  ['uniqueItems false says nothing', { type: 'array', uniqueItems: false }, { type: 'array' }],
  [
    'an object is open unless it says otherwise',
    { type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'] },
    {
      type: 'object',
      properties: [
        { title: 'a', type: 'string', required: true },
        { title: 'b', required: true },
      ],
      additional_properties: true,
    },
  ],
  [
    'a closed object',
    { type: 'object', properties: { a: {} }, additionalProperties: false },
    { type: 'object', properties: [{ title: 'a' }], additional_properties: false },
  ],
  ['an object of anything', { type: 'object' }, { type: 'object' }],
  ['the description', { type: 'boolean', description: 'Whether.' }, { type: 'boolean', description: 'Whether.' }],
  ['keywords of another type never apply', { type: 'string', minimum: 3, items: {} }, { type: 'string' }],
  // Only a property Secoda receives keeps its enum in Secoda's comma-joined text; nested ones are the plan's alone.
  [
    'a nested enum may hold commas and spaces',
    { type: 'object', properties: { q: { enum: ['a,b', ' c', ''] } } },
    { type: 'object', properties: [{ title: 'q', type: 'enum', enum: ['a,b', ' c', ''] }], additional_properties: true },
  ],
  ['so may an array item enum', { type: 'array', items: { enum: ['a,b'] } }, { type: 'array', items: { type: 'enum', enum: ['a,b'] } }],
];

describe('mapValue: what the plan can say, exactly, with no note', () => {
  it.each(exact)('%s', (_, schema, expected) => {
    const { value, notes } = mapped(schema);
    expect(value).toEqual(expected);
    expect(notes).toEqual([]);
  });

  it('follows a $ref within the document', () => {
    const root = { definitions: { code: { type: 'integer', enum: [1, 2] } }, properties: { p: { $ref: '#/definitions/code' } } };
    expect(mapped(undefined, root)).toEqual({ value: { type: 'integer', enum: [1, 2] }, notes: [] });
  });
});

const noted: [string, unknown, unknown, string, string][] = [
  ['several types', { type: ['string', 'integer'] }, {}, '/properties/p/type', 'several types'],
  ['only null', { type: 'null' }, {}, '/properties/p/type', 'only null'],
  ['multipleOf a fraction', { type: 'number', multipleOf: 0.01 }, { type: 'number' }, '/properties/p/multipleOf', 'multiple-of'],
  [
    'an exclusive bound on a number',
    { type: 'number', exclusiveMinimum: 0 },
    { type: 'number', minimum: 0 },
    '/properties/p/exclusiveMinimum',
    '0 itself is accepted',
  ],
  ['a lookahead', { type: 'string', pattern: '^(?!x)' }, { type: 'string' }, '/properties/p/pattern', 'looks ahead'],
  ['an unknown format', { type: 'string', format: 'int32' }, { type: 'string' }, '/properties/p/format', 'not a format tpsync checks'],
  ['a comma in an enum value', { enum: ['a,b', 'c'] }, { type: 'string' }, '/properties/p/enum', 'comma'],
  [
    'an empty enum value',
    { type: ['string', 'null'], enum: ['', 'c', null] },
    { type: 'string', nullable: true },
    '/properties/p/enum',
    'is empty',
  ],
  ['an enum value with surrounding spaces', { enum: [' c'] }, { type: 'string' }, '/properties/p/enum', 'surrounding spaces'],
  ['lengths no text fits', { type: 'string', minLength: 5, maxLength: 2 }, { type: 'string' }, '/properties/p/minLength', 'no text passes'],
  [
    'bounds no integer fits between',
    { type: 'integer', exclusiveMinimum: 5, exclusiveMaximum: 6 },
    { type: 'integer' },
    '/properties/p/exclusiveMinimum',
    'leaves no integer',
  ],
  ['an enum of mixed types', { enum: ['a', 1] }, {}, '/properties/p/enum', 'several types'],
  ['oneOf two types', { oneOf: [{ type: 'string' }, { type: 'integer' }] }, {}, '/properties/p/oneOf', 'combines'],
  ['not', { type: 'string', not: { enum: ['x'] } }, { type: 'string' }, '/properties/p/not', 'combines'],
  ['maxLength without a type', { maxLength: 3 }, {}, '/properties/p/maxLength', 'without a type'],
  ['a tuple', { type: 'array', items: [{ type: 'string' }] }, { type: 'array' }, '/properties/p/items', 'one schema per position'],
  ['maxItems', { type: 'array', maxItems: 3 }, { type: 'array' }, '/properties/p/maxItems', 'as a whole'],
  [
    'patternProperties',
    { type: 'object', patternProperties: { '^x': {} } },
    { type: 'object' },
    '/properties/p/patternProperties',
    'as a whole',
  ],
  [
    'additionalProperties as a schema',
    { type: 'object', properties: { a: {} }, additionalProperties: { type: 'string' } },
    { type: 'object', properties: [{ title: 'a' }], additional_properties: true },
    '/properties/p/additionalProperties',
    'whatever their value',
  ],
  ['a reference to another document', { $ref: 'https://example.com/s.json' }, {}, '/properties/p/$ref', 'outside this document'],
  ['a false schema', false, {}, '/properties/p', 'accepts no value'],
  ['a description of "None"', { type: 'string', description: 'None' }, { type: 'string' }, '/properties/p/description', 'None'],
];

describe('mapValue: what the plan cannot say is noted by pointer and left out', () => {
  it.each(noted)('%s', (_, schema, expected, pointer, reason) => {
    const { value, notes } = mapped(schema);
    expect(value).toEqual(expected);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ file: 'f.json', pointer, effect: 'left-out' });
    expect(notes[0]?.message).toContain(reason);
  });

  it('stops at a reference to a schema that holds it', () => {
    const root = {
      definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } } } },
      properties: { p: { $ref: '#/definitions/node' } },
    };
    const { value, notes } = mapped(undefined, root);
    expect(value).toEqual({ type: 'object', properties: [{ title: 'next' }], additional_properties: true });
    expect(notes).toEqual([
      expect.objectContaining({ pointer: '/definitions/node/properties/next/$ref', message: expect.stringContaining('refers back') }),
    ]);
  });

  it('escapes a pointer step as RFC 6901 says', () => {
    const notes: ImportNote[] = [];
    const root = { properties: { 'a/b~c': { type: 'null' } } };
    eventShape(root, { file: 'f.json', pointer: '' }, documentContext(root, { file: 'f.json', pointer: '' }, notes));
    expect(notes[0]?.pointer).toBe('/properties/a~1b~0c/type');
  });
});

describe('eventShape: titles the plan cannot hold', () => {
  it('leaves out a title that differs from another only by case, and one with surrounding spaces', () => {
    const notes: ImportNote[] = [];
    const root = { type: 'object', properties: { Name: {}, name: {}, ' x': {} }, additionalProperties: false };
    const shape = eventShape(root, { file: 'f.json', pointer: '' }, documentContext(root, { file: 'f.json', pointer: '' }, notes));
    expect(shape).toEqual({ properties: [{ title: 'Name' }], additional: false });
    expect(notes.map((n) => n.pointer).sort()).toEqual(['/properties/ x', '/properties/name']);
  });

  it('an event schema that does not close its properties stays open (JSON Schema accepts any others)', () => {
    const root = { type: 'object', properties: { a: { type: 'string' } } };
    expect(eventShape(root, { file: 'f', pointer: '' }, documentContext(root, { file: 'f', pointer: '' }, [])).additional).toBe(true);
  });
});
