import { describe, it, expect } from 'vitest';
import { call, startTestEmulator } from './emulator-client.js';

describe('Bearer authentication', () => {
  it('answers 401 "Authentication credentials were not provided." without an Authorization header', async () => {
    const emulator = await startTestEmulator();
    const reply = await call(emulator, 'GET', '/api/v1/event/category', { auth: null });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    // Another scheme is no Bearer credentials either.
    expect((await call(emulator, 'GET', '/api/v1/event/category', { auth: 'Basic dXNlcjpwYXNz' })).body.detail).toBe(
      'Authentication credentials were not provided.',
    );
  });

  it('answers 401 "Invalid token." for a wrong token, on reads and writes alike, and writes nothing', async () => {
    const emulator = await startTestEmulator();
    expect(await call(emulator, 'GET', '/event/events', { auth: 'Bearer wrong' })).toMatchObject({
      status: 401,
      body: { detail: 'Invalid token.' },
    });
    const post = await call(emulator, 'POST', '/event/category', { auth: 'Bearer wrong', body: { title: 'x', integration: 'i' } });
    expect(post).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } });
    expect(emulator.store.size).toBe(0);
  });

  it('checks credentials before the body: a malformed body without a token is a 401, not a 400', async () => {
    const emulator = await startTestEmulator();
    expect((await call(emulator, 'POST', '/event/category', { auth: null, rawBody: '{oops' })).status).toBe(401);
  });

  it('accepts the right token, with the scheme in any case', async () => {
    const emulator = await startTestEmulator();
    expect((await call(emulator, 'GET', '/event/category', { auth: 'Bearer test-token' })).status).toBe(200);
    expect((await call(emulator, 'GET', '/event/category', { auth: 'bearer test-token' })).status).toBe(200);
  });

  it('without a configured token accepts any non-empty Bearer token but still requires the header', async () => {
    const emulator = await startTestEmulator({ token: undefined });
    expect((await call(emulator, 'GET', '/event/category', { auth: 'Bearer anything-at-all' })).status).toBe(200);
    expect((await call(emulator, 'GET', '/event/category', { auth: null })).status).toBe(401);
    expect((await call(emulator, 'GET', '/event/category', { auth: 'Bearer' })).body).toEqual({
      detail: 'Invalid token header. No credentials provided.',
    });
  });
});
