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
export function authenticationFailure(
  header: string | undefined,
  expected: string | undefined,
  /** Other keys accepted besides `expected` (the emulator's `apiKeys`). */
  alsoAccepted: (token: string) => boolean = () => false,
): string | undefined {
  const parts = (header ?? '')
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  // Another scheme (Basic, Token, …) is, to this authenticator, no credentials at all.
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'bearer') return NOT_PROVIDED;
  if (parts.length === 1) return 'Invalid token header. No credentials provided.';
  if (parts.length > 2) return 'Invalid token header. Token string should not contain spaces.';
  const token = parts[1] ?? '';
  if (expected !== undefined && !sameToken(token, expected) && !alsoAccepted(token)) return INVALID_TOKEN;
  return undefined;
}

/** The token of a `Bearer <token>` header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const parts = (header ?? '')
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  return parts.length === 2 && parts[0]?.toLowerCase() === 'bearer' ? parts[1] : undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
