/**
 * Which values of the environment are secrets: the Secoda token, the GitHub token, the key
 * that signs reviewed plans, any credentials written into SECODA_API_URL or GITHUB_API_URL (their
 * userinfo), and a value of either that is no http(s) URL at all — a token pasted into the wrong
 * variable (SECODA_API_URL and SECODA_API_TOKEN swapped) is still a token.
 */
import { Redactor } from './redactor.js';
import { appendAll } from '../arrays.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Variables that hold a secret as a whole. GH_TOKEN is what the `gh` CLI reads in workflows. */
export const SECRET_VARIABLES = ['SECODA_API_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN', 'TPSYNC_REVIEW_KEY'] as const;

/** Variables that hold a URL, which may carry credentials (or be a secret put in the wrong place). */
export const URL_VARIABLES = ['SECODA_API_URL', 'GITHUB_API_URL'] as const;

/** Every secret value the environment holds (raw; the Redactor adds encoded forms). */
export function secretsFromEnv(env: Env): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') secrets.push(value);
  }
  for (const name of URL_VARIABLES) {
    const value = env[name];
    appendAll(secrets, urlCredentials(value));
    if (value !== undefined && value.trim() !== '' && !isHttpUrl(value.trim())) secrets.push(value);
  }
  return secrets;
}

/** A Redactor for everything secret in `env`. */
export function redactorFromEnv(env: Env): Redactor {
  return new Redactor(secretsFromEnv(env));
}

/**
 * The credentials a URL carries: `user:password@`, `user:password` and the password (decoded
 * and as written). Works on text that is not a valid URL too, since that is exactly when
 * an error message would quote it.
 */
export function urlCredentials(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const found: string[] = [];
  // Greedy up to the last "@" before a path: a password may hold "?" or "#" when the URL is not valid.
  const match = /^\s*[a-z][a-z0-9+.-]*:\/\/([^/]*)@/i.exec(raw);
  const userinfo = match?.[1];
  if (userinfo !== undefined && userinfo !== '') {
    found.push(`${userinfo}@`, userinfo, safeDecode(userinfo));
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      const password = userinfo.slice(colon + 1);
      found.push(password, safeDecode(password));
    }
  }
  return [...new Set(found)].filter((value) => value !== '');
}

/** Whether `text` parses as an http(s) URL: anything else in a URL variable is no address, and may be a token. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
