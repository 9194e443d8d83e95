/**
 * No perpetual diffs (issue 11, item 4): text compares modulo line endings and surrounding
 * white space, titles in Unicode NFC.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

const opts = { writesPerMinute: 0 };
beforeEach(() => resetClock());

const remoteWith = (fields: { description?: string | null; definition?: string | null }) =>
  state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', 'E', { description: null, definition: null, ...fields })] });

describe('description and definition', () => {
  it.each([
    ['a `definition: |` block, stored without its last newline', { definition: 'Fires once.\n' }, { definition: 'Fires once.' }],
    ['Windows line endings', { definition: 'One.\r\nTwo.\r\n' }, { definition: 'One.\nTwo.' }],
    ['old Mac line endings', { description: 'One.\rTwo.' }, { description: 'One.\nTwo.' }],
    ['trailing spaces and blank lines', { description: 'Shown.   \n\n' }, { description: 'Shown.' }],
    ['leading blank lines (DRF trims both ends)', { definition: '\n\n# Title\n' }, { definition: '# Title' }],
    ['"" against nothing stored', { description: '' }, { description: null }],
    [
      'a line ending Secoda strips as white space but JavaScript does not (U+0085)',
      { description: 'Shown.\u0085' },
      { description: 'Shown.' },
    ],
    ['accents written decomposed, stored composed (Unicode NFC)', { description: 'Cafe\u0301 menu.' }, { description: 'Caf\u00e9 menu.' }],
    ['accents written composed, stored decomposed', { definition: '# Re\u0301sume\u0301\n' }, { definition: '# R\u00e9sum\u00e9' }],
  ])('%s: no change', (_name, wanted, stored) => {
    const result = buildPlan(plan([cat('C', [ev('E', [], wanted)])]), remoteWith(stored), opts);
    expect(result.operations).toEqual([]);
  });

  it.each([
    ['a changed word', { description: 'Shown.' }, { description: 'Shows.' }],
    ['a line break inside', { definition: 'One.\nTwo.' }, { definition: 'One. Two.' }],
    ['a Markdown hard break (two spaces before a newline) inside', { definition: 'One.  \nTwo.' }, { definition: 'One.\nTwo.' }],
    ['text where nothing is stored', { description: 'New.' }, { description: null }],
  ])('%s: an update', (_name, wanted, stored) => {
    const result = buildPlan(plan([cat('C', [ev('E', [], wanted)])]), remoteWith(stored), opts);
    expect(result.operations.map((op) => op.action)).toEqual(['update']);
  });
});

describe('titles compare in Unicode NFC', () => {
  const nfc = 'Caf\u00e9';
  const nfd = 'Cafe\u0301';

  it('a title written decomposed matches the same title stored composed, at every level', () => {
    const remote = state({
      categories: [category('c1', nfc)],
      events: [event('e1', 'c1', nfc)],
      properties: [property('p1', 'e1', nfc)],
    });
    const result = buildPlan(plan([cat(nfd, [ev(nfd, [prop(nfd)])])]), remote, opts);
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('creates send the composed form', () => {
    const result = buildPlan(plan([cat(nfd, [ev(nfd, [prop(nfd)])])]), state(), opts);
    expect(result.operations.map((op) => (op.action === 'create' ? op.body.title : null))).toEqual([nfc, nfc, nfc]);
  });

  it('two stored copies that differ only in normalisation are duplicates: the oldest is kept', () => {
    const remote = state({ categories: [category('c1', 'C')], events: [event('e1', 'c1', nfd), event('e2', 'c1', nfc)] });
    const result = buildPlan(plan([cat('C', [ev(nfc)])]), remote, opts);
    expect(result.operations).toMatchObject([{ action: 'delete', remote_id: 'e2', duplicate_of: 'e1' }]);
  });
});
