/**
 * A create whose outcome is unknown is never sent again while it may still land (issue 11): a
 * Secoda that commits a create after its answer was lost (a slow transaction, a proxy that cut
 * the connection) must not get a second copy — least of all of a category, which the API can
 * never delete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWithReconciliation } from '../../src/apply/reconcile-create.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { OutcomeUnknownError } from '../../src/secoda/errors.js';
import type { RetryNotice } from '../../src/secoda/retry-loop.js';
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
    });

    expect(categories.map((c) => c.id)).toEqual(['c1']);
    expect(outcome).toMatchObject({ createdId: 'c1', reconciled: true });
    expect(scripted.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('a Secoda that never answers a create', () => {
  it('fails within the bound on a create, saying how long it tried, with a line per attempt sent again', async () => {
    const categories: unknown[] = [];
    scripted = await startScriptedServer((req, res) => {
      if (req.method === 'POST') return; // never answers, never commits
      json(res, 200, page(categories, 1, 1));
    });
    const notices: RetryNotice[] = [];
    const client = new SecodaClient({ baseUrl: scripted.url, token: 't', timeoutMs: 200 });
    const error = await createWithReconciliation(client, 'category', { title: 'Checkout' }, null, INTEGRATION, {
      baseDelayMs: 1,
      maxMs: 1_000,
      onRetry: (notice) => notices.push(notice),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).userMessage).toMatch(
      /^the outcome of POST \/event\/category\/ is unknown \(no answer within 200 ms; sent \d+ times in [\d.]+ m?s, and it is not in Secoda; tpsync gives a create at most 1 s\)$/,
    );
    const posts = scripted.requests.filter((r) => r.method === 'POST').length;
    // The time bound ended it, not the attempt count; each attempt sent again was announced.
    expect(posts).toBeGreaterThan(1);
    expect(posts).toBeLessThan(10);
    expect(notices).toHaveLength(posts - 1);
    expect(notices[0]).toMatchObject({ method: 'POST', path: '/event/category/', attempt: 1, limitMs: 1_000 });
    expect(notices[0]?.reason).toBe('no answer within 200 ms, and it is not in Secoda');
  });
});
