/**
 * Errors that say SECODA_API_URL is probably wrong, each with the fix: a TLS handshake that
 * failed, a 404 on a list before Secoda answered anything, an HTML page where JSON should be.
 * Their messages name the full URL asked (the base URL holds neither credentials nor a query:
 * configuration.ts refuses those before anything is sent).
 */
import { SecodaInvalidResponseError, SecodaNotFoundError, SecodaSetupError } from './errors.js';

/** Where Secoda's API is, per region (DESIGN §1). */
export const SECODA_API_EXAMPLE = 'https://api.secoda.co/api/v1; EU https://eapi.secoda.co/api/v1, APAC https://aapi.secoda.co/api/v1';

/** The address a request went to. */
export interface Address {
  /** The full URL of the request, without its query. */
  readonly url: string;
  /** SECODA_API_URL as used: no trailing slash. */
  readonly baseUrl: string;
}

/** TLS codes that mean the server does not speak TLS at all (a plain-HTTP server behind an https:// URL). */
const NOT_TLS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

/**
 * A TLS handshake that failed (`code`, with OpenSSL's `detail` such as "wrong version number"):
 * a plain-HTTP server behind an https:// URL, or a certificate not trusted.
 */
export function tlsError(failure: { readonly code: string; readonly detail?: string | undefined }, address: Address): SecodaSetupError {
  const { code, detail } = failure;
  const { url, baseUrl } = address;
  const host = new URL(url).host;
  const reason = detail === undefined ? code : `${code}: ${detail}`;
  if (NOT_TLS.has(code)) {
    return new SecodaSetupError(
      `could not start TLS with ${url} (${reason}): the server at ${host} does not speak https`,
      `SECODA_API_URL says https://, but the server answers plain HTTP: for a local server or the tpsync emulator use ${baseUrl.replace(/^https:/i, 'http:')}; Secoda's own API is at https://api.secoda.co/api/v1`,
    );
  }
  return new SecodaSetupError(
    `the TLS certificate of ${host} is not trusted (${reason}), so nothing was sent to ${url}`,
    `check the host in SECODA_API_URL; for a self-hosted Secoda whose certificate comes from your own authority, point NODE_EXTRA_CA_CERTS at that authority's certificate (a .pem file)`,
  );
}

/** A 404 on a list before Secoda answered anything: the base URL is not Secoda's API. `body` is trimmed. */
export function wrongBaseUrl(method: string, address: Address, body: string): SecodaNotFoundError {
  const { url, baseUrl } = address;
  const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const hint = path.endsWith('/api/v1')
    ? `check the host in SECODA_API_URL (now ${baseUrl}): Secoda's API is at ${SECODA_API_EXAMPLE}; a self-hosted Secoda at https://<your host>/api/v1`
    : `SECODA_API_URL must end in /api/v1: try ${baseUrl}/api/v1 (Secoda's API is at ${SECODA_API_EXAMPLE})`;
  return new SecodaNotFoundError({ status: 404, method, path: url, body }, { hint, problem: 'no Secoda API answers at this address' });
}

/** A web page where the API should be: the app's address, a proxy's login page, a docs site. */
export function htmlPageError(method: string, url: string, status: number): SecodaInvalidResponseError {
  return new SecodaInvalidResponseError({
    method,
    path: url,
    problem: `the ${status} answer is an HTML page, not the API's JSON`,
    hint: `SECODA_API_URL points at a web page, not at Secoda's API: use the API's address, ending in /api/v1 (e.g. ${SECODA_API_EXAMPLE}; app.secoda.co is the web app, not the API)`,
  });
}
