/**
 * A create whose outcome is unknown is never sent again while it may still land (issue 11): a
 * Secoda that commits a create after its answer was lost (a slow transaction, a proxy that cut
 * the connection) must not get a second copy — least of all of a category, which the API can
 * never delete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWithReconciliation } from '../../src/apply/reconcile-create.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { json, page, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await scripted?.close();
  scripted = undefined;
});

describe('a create that Secoda commits after its answer was lost', () => {
  it('is looked for again before it is sent again: one category, not two', async () => {
    const categories: { id: string; title: string; integration: string; created_at: string }[] = [];
    let commitLate: (() => void) | undefined;
    let lookups = 0;
    scripted = await startScriptedServer((req, res) => {
      const add = () =>
        categories.push({
          id: `c${categories.length + 1}`,
          title: 'Checkout',
          integration: INTEGRATION,
          created_at: `2024-01-01T00:00:0${categories.length}.000000Z`,
        });
      if (req.method === 'POST') {
        // The first create: the connection drops before any answer, and it commits later.
        if (commitLate === undefined) {
          commitLate = add;
          return res.destroy();
        }
        add();
        return json(res, 201, categories[categories.length - 1]);
      }
      const title = req.url.searchParams.get('title');
      json(
        res,
        200,
        page(
          categories.filter((c) => title === null || c.title === title),
          1,
          1,
        ),
      );
      // The look-up before the create and the one right after the lost answer found nothing: now it lands.
      if (title !== null && ++lookups === 2) commitLate?.();
    });
    const client = new SecodaClient({ baseUrl: scripted.url, token: 't' });
    const outcome = await createWithReconciliation(client, 'category', { title: 'Checkout' }, null, INTEGRATION, {
      baseDelayMs: 1,
      stagger: () => Promise.resolve(),
    });

    expect(categories.map((c) => c.id)).toEqual(['c1']);
    expect(outcome).toMatchObject({ createdId: 'c1', reconciled: true });
    expect(scripted.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
