import { describe, it, expect } from 'vitest';
import { api, call, INTEGRATION, startTestEmulator } from './emulator-client.js';
import type { RunningEmulator } from '../../src/emulator/server.js';

function seedCategories(emulator: RunningEmulator, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => emulator.store.insert('event_category', { title: `Category ${i}`, integration: INTEGRATION }).id,
  );
}

describe('pagination envelope', () => {
  it('splits 120 items into pages of 50 with the reference’s quirks on every page', async () => {
    const emulator = await startTestEmulator();
    const ids = seedCategories(emulator, 120);
    const link = (n: number) => `http://127.0.0.1:${emulator.port}/api/v1/resource/all/?page=${n}`;
    const http = api(emulator);

    const first = await http.get('/event/category');
    expect(first.status).toBe(200);
    // The reference's page 1: "next": "https://api.secoda.co/resource/all/?page=2", "previous": "None",
    // "meta": {"page": 1, "previous_page": "None", "next_page": 2} — "None" as a string, next on another path.
    expect(first.body.links).toEqual({ next: link(2), previous: 'None' });
    expect(first.body.meta).toEqual({ page: 1, previous_page: 'None', next_page: 2 });
    expect(first.body).toMatchObject({ count: 120, total_pages: 3 });
    expect(first.body.results).toHaveLength(50);
    // An extra key the real API adds, which clients must tolerate.
    expect(typeof first.body.resource_totals).toBe('object');
    expect(Object.keys(first.body)).toEqual(['links', 'meta', 'count', 'total_pages', 'results', 'resource_totals']);

    const second = await http.get('/event/category?page=2');
    expect(second.body.links).toEqual({ next: link(3), previous: link(1) });
    expect(second.body.meta).toEqual({ page: 2, previous_page: 1, next_page: 3 });

    const last = await http.get('/event/category/?page=3');
    // On the last page the absent next page is JSON null, not "None".
    expect(last.body.links).toEqual({ next: null, previous: link(2) });
    expect(last.body.meta).toEqual({ page: 3, previous_page: 2, next_page: null });
    expect(last.body.results).toHaveLength(20);

    // Pages cover the list once, in created_at order.
    const seen = [first, second, last].flatMap((page) => page.body.results.map((r) => r.id));
    expect(seen).toEqual(ids);
  });

  it('answers 404 {"detail":"Invalid page."} past the last page or for a page that is not a number', async () => {
    const emulator = await startTestEmulator();
    seedCategories(emulator, 51);
    const http = api(emulator);
    for (const page of ['3', '0', '-1', 'abc', '1.5']) {
      const reply = await http.get(`/event/category?page=${page}`);
      expect(reply.status, page).toBe(404);
      expect(reply.body, page).toEqual({ detail: 'Invalid page.' });
    }
    expect((await http.get('/event/category?page=2')).body.results).toHaveLength(1);
    // Django's paginator also knows "last".
    expect((await http.get('/event/category?page=last')).body.meta.page).toBe(2);
  });

  it('answers page 1 of an empty list with an empty page, not a 404', async () => {
    const emulator = await startTestEmulator();
    const reply = await api(emulator).get('/event/events?integration_id=nothing-here');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      links: { next: null, previous: 'None' },
      meta: { page: 1, previous_page: 'None', next_page: null },
      count: 0,
      total_pages: 1,
      results: [],
    });
    expect((await api(emulator).get('/event/events?page=2')).status).toBe(404);
  });

  it('uses the configured page size and takes the host from the request for links', async () => {
    const emulator = await startTestEmulator({ pageSize: 2 });
    seedCategories(emulator, 5);
    const { body } = await call(emulator, 'GET', '/api/v1/event/category?page=2');
    expect(body).toMatchObject({ count: 5, total_pages: 3, meta: { page: 2, previous_page: 1, next_page: 3 } });
    expect(body.results.map((r) => r.title)).toEqual(['Category 2', 'Category 3']);
    emulator.configure({ pageSize: 50 });
    expect((await api(emulator).get('/event/category')).body.total_pages).toBe(1);
  });
});
