import { describe, it, expect } from 'vitest';
import { idKey } from '../../src/emulator/resource-id.js';
import { Store } from '../../src/emulator/store.js';
import { formatTimestamp, MonotonicClock, parseTimestamp } from '../../src/emulator/timestamps.js';
import { MICROSECOND_ISO } from './emulator-client.js';

describe('store', () => {
  it('hands out strictly increasing created_at even when the wall clock stands still', () => {
    const store = new Store({ clock: new MonotonicClock(() => 1_700_000_000_000) });
    const stamps = Array.from({ length: 5 }, (_, i) => store.insert('event_category', { title: `C${i}` }).created_at);
    expect(stamps).toEqual([
      '2023-11-14T22:13:20.000000Z',
      '2023-11-14T22:13:20.000002Z',
      '2023-11-14T22:13:20.000004Z',
      '2023-11-14T22:13:20.000006Z',
      '2023-11-14T22:13:20.000008Z',
    ]);
  });

  it('orders by created_at, then id, whatever the insertion order', () => {
    const store = new Store();
    store.insert('event', { id: 'b', title: 'B', created_at: '2024-01-01T00:00:00.000001Z' });
    store.insert('event', { id: 'c', title: 'C', created_at: '2024-01-01T00:00:00Z' });
    store.insert('event', { id: 'a', title: 'A', created_at: '2024-01-01T00:00:00.000001Z' });
    expect(store.list().map((r) => r.id)).toEqual(['c', 'a', 'b']);
    // A resource created after seeding is the newest, even next to seeded future dates.
    store.insert('event', { id: 'z', title: 'Future', created_at: '2200-01-01T00:00:00Z' });
    const fresh = store.insert('event', { title: 'Fresh' });
    expect(store.list().at(-1)?.id).toBe(fresh.id);
  });

  it('returns copies, so callers cannot change stored data by accident', () => {
    const store = new Store();
    const created = store.insert('event', { title: 'E', tags: ['a'] });
    created.tags.push('b');
    store.get(created.id)!.tags.push('c');
    expect(store.get(created.id)?.tags).toEqual(['a']);
  });

  it('matches ids with or without dashes, in any case', () => {
    const store = new Store();
    const created = store.insert('event', { title: 'E' });
    expect(store.get(created.id.replace(/-/g, '').toUpperCase())?.id).toBe(created.id);
    expect(idKey('not-a-uuid')).toBe('not-a-uuid');
  });

  it('snapshots and loads back the same records', () => {
    const store = new Store();
    const c = store.insert('event_category', { title: 'C', integration: 'i', teams: ['t'] });
    const e = store.insert('event', { title: 'E', parent: c.id, description: null, pii: null });
    store.insert('event_property', { title: 'P', parent: e.id, type: 'enum', enum: 'a, b', is_required: true });
    const copy = new Store();
    copy.load(JSON.parse(JSON.stringify(store.snapshot())));
    expect(copy.list()).toEqual(store.list());
    expect(copy.workspaceId).toBe(store.workspaceId);
  });

  it('removes descendants with their ancestor', () => {
    const store = new Store();
    const c = store.insert('event_category', { title: 'C' });
    const e = store.insert('event', { title: 'E', parent: c.id });
    store.insert('event_property', { title: 'P', parent: e.id });
    const other = store.insert('event', { title: 'Other', parent: 'elsewhere' });
    store.remove(c.id);
    expect(store.list().map((r) => r.id)).toEqual([other.id]);
  });
});

describe('timestamps', () => {
  it('formats microseconds as ISO 8601 with six digits and Z, and parses other ISO forms', () => {
    expect(formatTimestamp(parseTimestamp('2023-08-16T23:12:53.245493Z')!)).toBe('2023-08-16T23:12:53.245493Z');
    expect(formatTimestamp(parseTimestamp('2023-08-16T23:12:53Z')!)).toMatch(MICROSECOND_ISO);
    expect(formatTimestamp(parseTimestamp('2023-08-17T01:12:53.5+02:00')!)).toBe('2023-08-16T23:12:53.500000Z');
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp('9999-01-01T00:00:00Z')).toBeUndefined(); // beyond exact microseconds
  });
});
