/**
 * Where Secoda is and how to authenticate, from the environment: SECODA_API_URL (default the US
 * region's API, DESIGN §1) and SECODA_API_TOKEN (an API key from Secoda's workspace settings).
 * The URL is checked before any request: an http(s) URL with no credentials, query or
 * fragment. A value that is no URL is never quoted in a message: it may be a token put in the
 * wrong variable.
 */
import { isHttpUrl } from '../redaction/secrets-from-env.js';

/** Secoda's API in the US region, with the version prefix its reference writes paths under. */
export const DEFAULT_API_URL = 'https://api.secoda.co/api/v1';
/** Secoda's documented limit: "30 write calls (POST/PUT/PATCH) per minute". */
export const DOCUMENTED_WRITES_PER_MINUTE = 30;

type Env = Readonly<Record<string, string | undefined>>;

/** The base URL and token to use, or what is wrong with the environment. */
export type SecodaConfiguration =
  | {
      readonly ok: true;
      /** The API's base URL, without a trailing slash. */
      readonly baseUrl: string;
      readonly token: string;
    }
  /** What is wrong and what to do, for a message; never the value itself. */
  | { readonly ok: false; readonly message: string; readonly hint?: string };

/** The Secoda the environment names, or why it names none that tpsync may use. */
export function secodaConfiguration(env: Env): SecodaConfiguration {
  const token = env['SECODA_API_TOKEN']?.trim();
  if (!token) {
    return {
      ok: false,
      message: 'SECODA_API_TOKEN is not set',
      hint: 'create an API key in Secoda (Settings → API) and export SECODA_API_TOKEN=…; or add --local to try tpsync against an embedded emulator',
    };
  }
  const url = checkedBaseUrl(env['SECODA_API_URL']?.trim() || DEFAULT_API_URL, env);
  return url.ok ? { ok: true, baseUrl: url.baseUrl, token } : url;
}

function checkedBaseUrl(raw: string, env: Env): { ok: true; baseUrl: string } | { ok: false; message: string; hint?: string } {
  const swapped = isHttpUrl(env['SECODA_API_TOKEN']?.trim() ?? '')
    ? 'SECODA_API_TOKEN holds a URL: are SECODA_API_URL and SECODA_API_TOKEN swapped? '
    : '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      message: 'SECODA_API_URL is not a URL (it is not shown: it may hold a secret)',
      hint: `${swapped}use e.g. ${DEFAULT_API_URL}`,
    };
  }
  if (url.username || url.password)
    return { ok: false, message: 'SECODA_API_URL must not contain credentials (user:password@); put the API key in SECODA_API_TOKEN' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return {
      ok: false,
      message: 'SECODA_API_URL must be an http(s) URL (it is not shown: it may hold a secret)',
      hint: `${swapped}use e.g. ${DEFAULT_API_URL}`,
    };
  // `…/api/v1?` and `…/api/v1#` have an empty query or fragment, but still end the path.
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(url.href))
    return { ok: false, message: 'SECODA_API_URL must not have a query (?…) or a fragment (#…)', hint: `use e.g. ${DEFAULT_API_URL}` };
  return { ok: true, baseUrl: url.toString().replace(/\/+$/, '') };
}
