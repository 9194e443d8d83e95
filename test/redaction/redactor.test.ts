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

  describe('pieces of a secret, in any form, with gaps a server may put inside it', () => {
    const SECRET = 'SeCoDa7kQ2mZx9LpVw3RtYu8NbHc4JfGd6Es1Ao5Ki0';
    const r = new Redactor([SECRET]);
    const half = SECRET.length / 2;
    const left = SECRET.slice(0, half);
    const right = SECRET.slice(half);
    const bare = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
    const escapeAll = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

    it.each([
      ['a prefix with no ellipsis', `bad key ${SECRET.slice(0, 20)} rejected`],
      ['a suffix', `key ends with ${SECRET.slice(-12)}.`],
      ['hex', `token hex ${Buffer.from(SECRET).toString('hex')}`],
      ['hex, upper-case, cut', `HEX ${Buffer.from(SECRET).toString('hex').toUpperCase().slice(6, 30)}`],
      ['base64 after "Bearer " (another alignment)', `auth ${Buffer.from(`Bearer ${SECRET}`).toString('base64')}`],
      ['base64 after "x:"', `auth ${Buffer.from(`x:${SECRET}`).toString('base64url')}`],
      ['split by an escaped line break', `{"detail":"${left}\\n${right}"}`],
      ['split by a line break', `token ${left}\n${right} end`],
      ['split by a carriage return', `token ${left}\r${right} end`],
      ['split by an ANSI colour code', `token ${left}\u001b[39m${right} end`],
      ['split by a JSON-escaped colour code', `{"t":"${left}\\u001b[1;31m${right}"}`],
      ['every character escaped', `{"detail":"${escapeAll(SECRET)}"}`],
      ['spaced out', [...SECRET].join(' ')],
      ['with zero-width spaces', [...SECRET].join('\u200b')],
      ['reversed', [...SECRET].reverse().join('')],
      ['as UTF-16 bytes read as Latin-1', Buffer.from(`tok ${SECRET}`, 'utf16le').toString('latin1')],
    ])('takes out %s', (_how, text) => {
      const out = r.redact(text);
      expect(out).toContain(REDACTED);
      // No run of 8 characters of the secret (or its hex) is left, in any case, with the gaps removed.
      const rest = bare(out.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))));
      for (const form of [SECRET, Buffer.from(SECRET).toString('hex'), [...SECRET].reverse().join('')]) {
        for (let i = 0; i + 8 <= form.length; i++) expect(rest).not.toContain(bare(form.slice(i, i + 8)));
      }
    });

    it('takes out exactly the piece and the gaps inside it, and leaves 7 characters and other text alone', () => {
      expect(r.redact(`before ${SECRET.slice(5, 13)} after`)).toBe('before *** after');
      expect(r.redact(`before ${SECRET.slice(5, 12)} after`)).toBe(`before ${SECRET.slice(5, 12)} after`);
      expect(r.redact(`a\\n${left}\\n${right}\\nb`)).toBe('a\\n***\\nb');
      const ordinary = 'an ordinary line\\nwith \\u001b[31mred\u001b[0m text\r\n';
      expect(r.redact(ordinary)).toBe(ordinary);
    });

    it('leaves a word that a hand-made secret holds alone, unless more of the secret is beside it', () => {
      const handMade = new Redactor(['ghs_workflow-token-4c8e', 'correcthorsebattery']);
      expect(handMade.redact("not signed with this workflow's key")).toBe("not signed with this workflow's key");
      expect(handMade.redact('echo: workflow-toke')).toBe('echo: ***');
      expect(handMade.redact('Bearer GHS_WORKFLOW-TOKEN-4C8E')).toBe('Bearer ***');
      // A secret of one word is still taken out whole.
      expect(handMade.redact('key=correcthorsebattery;')).toBe('key=***;');
    });

    it('keeps JSON valid when a piece is taken out of a value', () => {
      expect(r.redactDeep({ detail: `${left}\n${right}`, other: 'kept' })).toEqual({ detail: '***', other: 'kept' });
    });
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
