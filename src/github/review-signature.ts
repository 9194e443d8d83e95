/**
 * The MAC that binds a plan comment's meta (operation digests, hash, status, commit) to the
 * repository, the pull request and the plan path it was written for, with a key that only the
 * workflow holds: HMAC-SHA256 keyed from TPSYNC_REVIEW_KEY when set, else from
 * SECODA_API_TOKEN. A fork's run gets no secrets, and a commenter has none, so neither can
 * write a meta that the apply on merge accepts — even through another workflow that posts as
 * `github-actions[bot]`. A meta copied from another pull request or path does not verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../plan/fingerprint.js';
import { bodyMatchesMeta, parseMeta, type CommentMeta, type MetaSigner } from './comment-marker.js';

/** What a comment's meta is bound to. */
export interface ReviewBinding {
  /** `owner/repo`, compared without regard to case as GitHub does. */
  readonly repository: string;
  readonly pullNumber: number;
  /** The plan path's label, as in the comment's marker. */
  readonly planPath: string;
}

/** A key for the MAC, derived (never used raw) from the workflow's secret. */
export type ReviewKey = Buffer;

const KEY_LABEL = 'tpsync reviewed-plan key v1';

/**
 * The review key: from TPSYNC_REVIEW_KEY when set (use it when plan and apply hold different
 * Secoda keys), else from SECODA_API_TOKEN; `--local` runs against a sandbox and use a fixed key.
 * Undefined when there is no secret to derive it from.
 */
export function reviewKeyFromEnv(env: Readonly<Record<string, string | undefined>>, local: boolean): ReviewKey | undefined {
  const secret = env['TPSYNC_REVIEW_KEY']?.trim() || (local ? 'tpsync --local sandbox' : env['SECODA_API_TOKEN']?.trim());
  if (!secret) return undefined;
  return createHmac('sha256', secret).update(KEY_LABEL).digest();
}

/** `meta` with its `mac` (re)computed for `binding`. */
export function signMeta(key: ReviewKey, binding: ReviewBinding, meta: CommentMeta): CommentMeta {
  const { mac: _old, ...unsigned } = meta;
  return { ...unsigned, mac: macOf(key, binding, unsigned) };
}

/** A MetaSigner for one pull request and plan path. */
export function signerFor(key: ReviewKey, binding: ReviewBinding): MetaSigner {
  return (meta) => signMeta(key, binding, meta);
}

/** Whether `meta` carries a MAC made with `key` for exactly this binding. */
export function verifyMeta(key: ReviewKey, binding: ReviewBinding, meta: CommentMeta): boolean {
  if (typeof meta.mac !== 'string') return false;
  const { mac, ...unsigned } = meta;
  const expected = Buffer.from(macOf(key, binding, unsigned), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function macOf(key: ReviewKey, binding: ReviewBinding, unsigned: Omit<CommentMeta, 'mac'>): string {
  const bound = {
    repository: binding.repository.toLowerCase(),
    pull: binding.pullNumber,
    path: binding.planPath,
    meta: unsigned,
  };
  return createHmac('sha256', key).update(canonicalJson(bound)).digest('base64url');
}

/** Why a comment's meta is not trusted: no readable meta, no MAC of this key and binding, or text changed since it was sealed. */
export type CommentTrust =
  { readonly ok: true; readonly meta: CommentMeta } | { readonly ok: false; readonly problem: 'no-meta' | 'not-signed' | 'edited' };

/**
 * Whether a comment body is one tpsync sealed (`sealComment`) with `key` for `binding`, and
 * unchanged since: its meta's MAC verifies, and its visible text is the one the meta's digest
 * was made of.
 */
export function verifyComment(key: ReviewKey, binding: ReviewBinding, body: string): CommentTrust {
  const meta = parseMeta(body);
  if (!meta) return { ok: false, problem: 'no-meta' };
  if (!verifyMeta(key, binding, meta)) return { ok: false, problem: 'not-signed' };
  if (!bodyMatchesMeta(body, meta)) return { ok: false, problem: 'edited' };
  return { ok: true, meta };
}

/**
 * The run's review key (see reviewKeyFromEnv) and a signer for one pull request's plan comment
 * on `label`; both undefined when there is no secret to sign with.
 */
export function runSigner(
  env: Readonly<Record<string, string | undefined>>,
  context: { readonly owner: string; readonly repo: string },
  pullNumber: number,
  label: string,
  local: boolean,
): { sign: MetaSigner | undefined; key: ReviewKey | undefined } {
  const key = reviewKeyFromEnv(env, local);
  return { key, sign: key ? signerFor(key, { repository: `${context.owner}/${context.repo}`, pullNumber, planPath: label }) : undefined };
}
