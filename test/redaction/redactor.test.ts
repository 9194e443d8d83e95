import { describe, expect, it } from 'vitest';
import { encodedForms, Redactor, REDACTED } from '../../src/redaction/redactor.js';
import { secretsFromEnv, urlCredentials } from '../../src/redaction/secrets-from-env.js';

const TOKEN = 'sk_live/Se+co"da\\tok€n=42';

describe('Redactor', () => {
  const redactor = new Redactor([TOKEN]);

  it.each([
    ['as is', `Invalid token: ${TOKEN}.`],
    ['in a JSON string', JSON.stringify({ detail: `Invalid token ${TOKEN}` })],
    ['in a JSON string with "/" escaped', JSON.stringify({ detail: TOKEN }).replace(/\//g, '\\/')],
    ['in ASCII-only JSON (Python, Go)', '{"detail": "sk_live/Se+co\\"da\\\\tok\\u20acn=42"}'],
    ['URL-encoded', `https://x.example/?token=${encodeURIComponent(TOKEN)}`],
    ['URL-encoded, lower-case hex', `?t=${encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`],
    ['in HTML', `<p>${TOKEN.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</p>`],
    ['base64', `Basic ${Buffer.from(TOKEN).toString('base64')}`],
    ['in a Bearer header echoed back', `{"headers":{"Authorization":"Bearer ${TOKEN}"}}`],
  ])('takes the secret out when it comes %s', (_how, text) => {
    const out = redactor.redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain('Se+co');
    expect(out).not.toContain('Se%2Bco');
    expect(out).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 12));
  });

  it('takes out a secret that a cut ended with an ellipsis, from its 8th character on', () => {
    expect(redactor.redact(`body: Invalid ${TOKEN.slice(0, 15)}…`)).toBe(`body: Invalid ***…`);
    expect(redactor.redact(`"${TOKEN.slice(0, 9)}..."`)).toBe(`"***..."`);
    // Shorter than 8 characters: too little of it to matter, and too common to take out.
    expect(redactor.redact(`${TOKEN.slice(0, 5)}…`)).toBe(`${TOKEN.slice(0, 5)}…`);
  });

  it('leaves other text alone, ignores empty and very short secrets, and redacts inside JSON values', () => {
    const r = new Redactor(['', undefined, 'ab', 'ghs_abcdef123']);
    expect(r.redact('ab abc about')).toBe('ab abc about');
    expect(r.redact('token ghs_abcdef123 here')).toBe('token *** here');
    expect(r.redactDeep({ body: 'x ghs_abcdef123', list: ['ghs_abcdef123', 3], nested: { n: null } })).toEqual({
      body: 'x ***',
      list: ['***', 3],
      nested: { n: null },
    });
    expect(new Redactor().redact('nothing to hide')).toBe('nothing to hide');
  });

  it('takes out a secret echoed upper- or lower-cased (a proxy or an error page that changes case)', () => {
    const r = new Redactor(['ghs_sntlMixedCase7c1d']);
    expect(r.redact('INVALID TOKEN GHS_SNTLMIXEDCASE7C1D')).toBe('INVALID TOKEN ***');
    expect(r.redact('token=ghs_sntlmixedcase7c1d')).toBe('token=***');
    expect(r.redact('cut: GHS_SNTLMIXED…')).toBe('cut: ***…');
    // A short test secret stays exact: the variable names in messages are left alone.
    expect(new Redactor(['tok', 'token']).redact('check SECODA_API_TOKEN')).toBe('check SECODA_API_TOKEN');
  });

  it('lists each form once', () => {
    expect(encodedForms('plain-token-123')).toEqual(['plain-token-123', 'cGxhaW4tdG9rZW4tMTIz']);
  });
});

describe('secrets in the environment', () => {
  it('are the tokens, the review key and the credentials of SECODA_API_URL, raw and trimmed', () => {
    const secrets = secretsFromEnv({
      SECODA_API_TOKEN: ' secoda-token ',
      GITHUB_TOKEN: 'ghs_x',
      TPSYNC_REVIEW_KEY: 'review-key',
      SECODA_API_URL: 'https://ann:p%40ss@api.example/api/v1',
      HOME: '/root',
    });
    expect(secrets).toEqual(expect.arrayContaining([' secoda-token ', 'ghs_x', 'review-key', 'ann:p%40ss', 'p%40ss', 'p@ss']));
    expect(secrets).not.toContain('/root');
    const redactor = new Redactor(secrets);
    expect(redactor.redact('Bearer secoda-token')).toBe('Bearer ***');
  });

  it('are a URL variable that holds no http(s) URL (a token in the wrong variable), and the credentials of GITHUB_API_URL', () => {
    expect(secretsFromEnv({ SECODA_API_URL: 'sntl-key-in-the-url-variable' })).toEqual(['sntl-key-in-the-url-variable']);
    expect(secretsFromEnv({ GITHUB_API_URL: 'ghp:sntlKey' })).toEqual(['ghp:sntlKey']);
    expect(secretsFromEnv({ GITHUB_API_URL: 'https://x:ghp_sntl@ghe.example/api/v3' })).toEqual(
      expect.arrayContaining(['x:ghp_sntl', 'ghp_sntl']),
    );
    expect(secretsFromEnv({ SECODA_API_URL: 'https://api.secoda.co/api/v1', GITHUB_API_URL: 'https://api.github.com' })).toEqual([]);
  });

  it('finds the credentials of a URL that does not parse, which is when an error would quote it', () => {
    expect(urlCredentials('https://user:s3cr#t? x@host/api')).toEqual(expect.arrayContaining(['user:s3cr#t? x', 's3cr#t? x']));
    expect(urlCredentials('https://api.secoda.co/api/v1')).toEqual([]);
    expect(urlCredentials(undefined)).toEqual([]);
  });
});
