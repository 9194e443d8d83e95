/** The --debug request log: an entry per attempt, bodies trimmed and without the token. */
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/secoda/attempt.js';
import { TransportFailure } from '../../src/secoda/error-mapping.js';
import { withExchangeLog, type Exchange } from '../../src/secoda/exchange-log.js';
import { Redactor } from '../../src/redaction/redactor.js';
import { callOf, steppingClock } from './transport-layers.js';

const TOKEN = 'sk-secret-token-0123456789';

describe('withExchangeLog', () => {
  it('logs each answered attempt: method, URL, status, time, and both bodies, trimmed, with the token taken out', async () => {
    const clock = steppingClock();
    const exchanges: Exchange[] = [];
    const inner: Attempt = () => {
      clock.advance(42);
      return Promise.resolve({ status: 400, text: `{"detail":"bad token ${TOKEN}","pad":"${'x'.repeat(900)}"}` });
    };
    const attempt = withExchangeLog(inner, { onExchange: (e) => exchanges.push(e), clock, redactor: new Redactor([TOKEN]) });
    const answer = await attempt(
      callOf('POST', clock, { url: 'http://secoda.test/api/v1/event/events/?page=2', body: { title: 'T', note: TOKEN } }),
    );
    expect(answer.status).toBe(400);
    expect(exchanges).toEqual([
      {
        method: 'POST',
        url: 'http://secoda.test/api/v1/event/events/?page=2',
        outcome: 400,
        ms: 42,
        requestBody: '{"title":"T","note":"***"}',
        responseBody: expect.stringMatching(/^\{"detail":"bad token \*\*\*","pad":"x+…$/) as unknown,
      },
    ]);
    expect(exchanges[0]!.responseBody).toHaveLength(501);
  });

  it('logs an attempt that got no answer with its code, and lets the failure through', async () => {
    const clock = steppingClock();
    const exchanges: Exchange[] = [];
    const failure = new TransportFailure({ code: 'ECONNRESET', timeoutMs: 20_000 });
    const attempt = withExchangeLog(() => Promise.reject(failure), {
      onExchange: (e) => exchanges.push(e),
      clock,
      redactor: new Redactor(),
    });
    await expect(attempt(callOf('GET', clock))).rejects.toBe(failure);
    expect(exchanges).toEqual([{ method: 'GET', url: 'http://secoda.test/api/v1/event/events/', outcome: 'ECONNRESET', ms: 0 }]);
  });
});
