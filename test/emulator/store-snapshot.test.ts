/** The emulator's data file, read back: checked, located, never quoted. */
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/emulator/store-snapshot.js';
import { Store } from '../../src/emulator/store.js';

const resource = (extra: Record<string, unknown> = {}) => ({
  kind: 'event',
  id: 'd935a76c-2125-4c3e-9b8e-0123456789ab',
  title: 'Order Completed',
  created_at: '2024-01-01T00:00:00Z',
  ...extra,
});
const file = (...resources: unknown[]) => ({ format: 'tpsync-emulator', version: 1, workspace_id: 'w-1', resources });

describe('readSnapshot', () => {
  it('reads the resources in file order, and the workspace', () => {
    const contents = readSnapshot(file(resource(), resource({ id: 'p', kind: 'event_property', parent: 'd935a76c', tags: ['t'] })));
    expect(contents.workspaceId).toBe('w-1');
    expect(contents.resources.map((r) => [r.kind, r.id])).toEqual([
      ['event', 'd935a76c-2125-4c3e-9b8e-0123456789ab'],
      ['event_property', 'p'],
    ]);
    expect(contents.resources[1]).toMatchObject({ parent: 'd935a76c', tags: ['t'] });
  });

  it.each<[string, unknown, string]>([
    ['another file', { resources: [] }, 'not a tpsync emulator data file (expected {"format":"tpsync-emulator","resources":[…]})'],
    ['a resource that is no object', file('secret-text'), 'resources[0] is not an object'],
    ['an unknown kind', file(resource({ kind: 'secret-kind' })), 'resources[0].kind must be one of event_category, event, event_property'],
    ['no title', file(resource({ title: undefined })), 'resources[0] needs an id, a title and a created_at'],
    ['a field of the wrong type', file(resource(), resource({ id: 'x', pii: 'secret-yes' })), 'resources[1].pii must be a boolean'],
    ['a list that is not of strings', file(resource({ owners: [1] })), 'resources[0].owners must be a list of strings'],
    ['a date that is not one', file(resource({ updated_at: 'secret-date' })), 'resources[0].updated_at must be an ISO 8601 timestamp'],
    [
      'the same id twice, written another way',
      file(resource(), resource({ id: 'D935A76C21254C3E9B8E0123456789AB' })),
      'resources[1] has the same id as resources[0]',
    ],
  ])('refuses %s, saying where and quoting nothing', (_what, data, message) => {
    expect(() => readSnapshot(data)).toThrow(new Error(message));
  });
});

describe('Store.load', () => {
  it('replaces everything the store held, even with an empty file', () => {
    const store = new Store();
    store.insert('event_category', { title: 'Before' });
    expect(store.list()).toHaveLength(1);
    store.load(file());
    expect(store.list()).toEqual([]);
    expect(store.size).toBe(0);
  });
});
