/**
 * Secoda's configuration from the environment, checked before any request (src/secoda/
 * configuration.ts): the URL must be an http(s) URL with no credentials, query or fragment, the
 * token must be set, and a value that may be a secret is never quoted.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_URL, secodaConfiguration } from '../../src/secoda/configuration.js';

const TOKEN = 'configuration-test-token';

describe('secodaConfiguration', () => {
  it('defaults the URL to the US API, and trims the token and a trailing slash', () => {
    expect(secodaConfiguration({ SECODA_API_TOKEN: ` ${TOKEN} ` })).toEqual({ ok: true, baseUrl: DEFAULT_API_URL, token: TOKEN });
    expect(secodaConfiguration({ SECODA_API_TOKEN: TOKEN, SECODA_API_URL: 'https://eapi.secoda.co/api/v1/' })).toEqual({
      ok: true,
      baseUrl: 'https://eapi.secoda.co/api/v1',
      token: TOKEN,
    });
  });

  it.each([
    [{}, 'SECODA_API_TOKEN is not set'],
    [{ SECODA_API_TOKEN: '  ' }, 'SECODA_API_TOKEN is not set'],
    [{ SECODA_API_TOKEN: TOKEN, SECODA_API_URL: 'not a url' }, 'SECODA_API_URL is not a URL (it is not shown: it may hold a secret)'],
    [
      { SECODA_API_TOKEN: TOKEN, SECODA_API_URL: 'https://user:pw@api.secoda.co/api/v1' },
      'SECODA_API_URL must not contain credentials (user:password@); put the API key in SECODA_API_TOKEN',
    ],
    [
      { SECODA_API_TOKEN: TOKEN, SECODA_API_URL: 'ftp://api.secoda.co' },
      'SECODA_API_URL must be an http(s) URL (it is not shown: it may hold a secret)',
    ],
    [
      { SECODA_API_TOKEN: TOKEN, SECODA_API_URL: 'https://api.secoda.co/api/v1?' },
      'SECODA_API_URL must not have a query (?…) or a fragment (#…)',
    ],
  ])('refuses %j: %s', (env, message) => {
    const configuration = secodaConfiguration(env);
    expect(configuration).toMatchObject({ ok: false, message });
    expect(JSON.stringify(configuration)).not.toContain(TOKEN);
  });

  it('names a swap of the two variables without quoting either', () => {
    const configuration = secodaConfiguration({ SECODA_API_URL: 'sk-live-secret', SECODA_API_TOKEN: 'https://api.secoda.co/api/v1' });
    expect(configuration).toMatchObject({
      ok: false,
      hint: `SECODA_API_TOKEN holds a URL: are SECODA_API_URL and SECODA_API_TOKEN swapped? use e.g. ${DEFAULT_API_URL}`,
    });
    expect(JSON.stringify(configuration)).not.toContain('sk-live-secret');
  });
});
