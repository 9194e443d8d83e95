/**
 * Bearer-token authentication as DRF's TokenAuthentication does it (keyword "Bearer", compared
 * without regard to case). The reference: "Authorization: Bearer string".
 */
import { timingSafeEqual } from 'node:crypto';

export const NOT_PROVIDED = 'Authentication credentials were not provided.';
export const INVALID_TOKEN = 'Invalid token.';

/**
 * Why a request is not authenticated, or undefined if it is. Without an expected token any
 * non-empty Bearer token passes (the header is still required).
 */
export function authenticationFailure(header: string | undefined, expected: string | undefined): string | undefined {
  const parts = (header ?? '')
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  // Another scheme (Basic, Token, …) is, to this authenticator, no credentials at all.
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'bearer') return NOT_PROVIDED;
  if (parts.length === 1) return 'Invalid token header. No credentials provided.';
  if (parts.length > 2) return 'Invalid token header. Token string should not contain spaces.';
  if (expected !== undefined && !sameToken(parts[1] ?? '', expected)) return INVALID_TOKEN;
  return undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
