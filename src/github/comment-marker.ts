/**
 * The hidden parts of the sticky PR comment: a marker that finds it again (one per plan
 * path), and a meta block with the plan's hash, the per-operation digests, the status, a digest
 * of the comment's visible text and a MAC over all of it (see review-signature.ts). They are HTML
 * comments, invisible when GitHub renders the Markdown.
 *
 * The text digest binds what reviewers read to what the MAC authorises: people with write access
 * to a repository may edit anyone's comment, tpsync's included, and an edit that hides a line of
 * the plan (or restores an older one) must not leave the operations it hid authorised.
 */
import { createHash } from 'node:crypto';
export type CommentStatus = 'planned' | 'applying' | 'applied' | 'failed' | 'refused' | 'interrupted' | 'plan-failed';

export interface CommentMeta {
  readonly hash: string;
  /** Packed operation digests; absent when too many to carry (then only the hash is checked). */
  readonly ops?: string;
  readonly status: CommentStatus;
  /** The commit the plan shown was made for. */
  readonly sha?: string;
  /**
   * The Secoda integration the plan was made for: operation digests name no integration, so a
   * review counts only for the integration it showed (an unreviewed change of `integration:`
   * merged beside it must not carry its operations elsewhere).
   */
  readonly integration?: string;
  /** With status `plan-failed`: the commit whose plan failed (the plan shown is older). */
  readonly failed_sha?: string;
  /** base64url SHA-256 of the comment's text without its meta line (see `bodyDigest`): set by `sealComment`. */
  readonly body?: string;
  /** base64url HMAC-SHA256 over the meta and what it is bound to (repository, pull request, path). */
  readonly mac?: string;
}

/** Adds (or renews) the MAC of a meta; tpsync's commands pass one keyed from the workflow's secret. */
export type MetaSigner = (meta: CommentMeta) => CommentMeta;

const META_PREFIX = '<!-- tpsync:meta ';
const STATUS_START = '<!-- tpsync:status -->';
const STATUS_END = '<!-- /tpsync:status -->';
const STATUSES: readonly CommentStatus[] = ['planned', 'applying', 'applied', 'failed', 'refused', 'interrupted', 'plan-failed'];

/** The first line of every tpsync comment for `planPath`. */
export function commentMarker(planPath: string): string {
  return `<!-- tpsync:plan path=${JSON.stringify(planPath)} -->`;
}

/** Whether `body` is a tpsync comment for `planPath` (the marker must open the body, not be quoted in it). */
export function isPlanComment(body: string | null | undefined, planPath: string): boolean {
  return typeof body === 'string' && body.startsWith(commentMarker(planPath));
}

/** The meta as a hidden HTML comment line. */
export function metaLine(meta: CommentMeta): string {
  // JSON inside an HTML comment must not hold "--"; base64url digests can, so escape every "-".
  return `${META_PREFIX}${JSON.stringify(meta).replace(/-/g, '\\u002d')} -->`;
}

/** The meta of a comment body; undefined when absent or malformed (then nothing was reviewed). */
export function parseMeta(body: string): CommentMeta | undefined {
  const start = body.indexOf(META_PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(' -->', start + META_PREFIX.length);
  if (end < 0) return undefined;
  try {
    const value = JSON.parse(body.slice(start + META_PREFIX.length, end)) as Partial<Record<keyof CommentMeta, unknown>>;
    if (typeof value.hash !== 'string' || !STATUSES.includes(value.status as CommentStatus)) return undefined;
    for (const key of ['ops', 'sha', 'integration', 'failed_sha', 'body', 'mac'] as const)
      if (value[key] !== undefined && typeof value[key] !== 'string') return undefined;
    return value as CommentMeta;
  } catch {
    return undefined;
  }
}

const STATUS_TEXT: Record<CommentStatus, string> = {
  planned: '🟡 **Planned** — applies when this pull request is merged.',
  applying: '🔵 **Applying** — the merge is being applied to Secoda.',
  applied: '🟢 **Applied** — Secoda matches this plan.',
  failed: '🔴 **Apply failed** — see the run for what failed; re-running the apply finishes the work.',
  refused: '⛔ **Apply refused** — the plan changed since it was reviewed; see the run.',
  interrupted: '⏹️ **Apply interrupted** — the run was cancelled; re-running the apply finishes the work.',
  'plan-failed': '🔴 **Plan failed** — the plan below is outdated: it is not the plan of the latest commit.',
};

/** The visible status line, between markers so that withStatus can replace it. `detail` is Markdown. */
export function statusBlock(status: CommentStatus, detail?: string): string {
  return `${STATUS_START}\n${STATUS_TEXT[status]}${detail ? ` ${detail}` : ''}\n${STATUS_END}`;
}

/**
 * The body with its status (in the visible block and in the meta) changed, the plan
 * untouched; `changes` may set other meta fields (e.g. `failed_sha`). The meta comes back
 * unsigned (no MAC, no text digest): seal the final text with `sealComment`.
 */
export function withStatus(body: string, status: CommentStatus, detail?: string, changes: Partial<CommentMeta> = {}): string {
  let next = body;
  const start = next.indexOf(STATUS_START);
  const end = next.indexOf(STATUS_END);
  if (start >= 0 && end > start) next = `${next.slice(0, start)}${statusBlock(status, detail)}${next.slice(end + STATUS_END.length)}`;
  const meta = parseMeta(next);
  if (meta) {
    const { mac: _mac, body: _body, ...unsigned } = { ...meta, ...changes, status };
    if (status !== 'plan-failed') delete (unsigned as { failed_sha?: string }).failed_sha;
    next = replaceMeta(next, unsigned);
  }
  return next;
}

/**
 * The comment's text as its digest sees it: without the meta line, line endings as LF, no other
 * control characters, no trailing white space on a line, no blank lines around it — what a
 * Markdown reader sees is unchanged by any of these, and GitHub may normalise them when it stores
 * a comment.
 */
function textForDigest(body: string): string {
  const start = body.indexOf(META_PREFIX);
  const end = start < 0 ? -1 : body.indexOf(' -->', start + META_PREFIX.length);
  const text = start < 0 || end < 0 ? body : `${body.slice(0, start)}${body.slice(end + ' -->'.length)}`;
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are what is dropped
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim()
  );
}

/** base64url SHA-256 of the comment's visible text (everything but its meta line, normalised). */
export function bodyDigest(body: string): string {
  return createHash('sha256').update(textForDigest(body), 'utf8').digest('base64url');
}

/**
 * `body` with its meta carrying the digest of the rest of the text, signed by `sign`: call it on
 * the final text, after anything (redaction) that could change it. Without `sign` (no key) the
 * meta stays unsigned, and the comment is never trusted on merge.
 */
export function sealComment(body: string, sign: MetaSigner | undefined): string {
  const meta = parseMeta(body);
  if (!meta || !sign) return body;
  const { mac: _mac, ...unsigned } = meta;
  return replaceMeta(body, sign({ ...unsigned, body: bodyDigest(body) }));
}

/** Whether the comment's text is the one its meta's digest was made of. */
export function bodyMatchesMeta(body: string, meta: CommentMeta): boolean {
  return meta.body !== undefined && meta.body === bodyDigest(body);
}

function replaceMeta(body: string, meta: CommentMeta): string {
  const start = body.indexOf(META_PREFIX);
  if (start < 0) return body;
  const end = body.indexOf(' -->', start + META_PREFIX.length);
  if (end < 0) return body;
  return `${body.slice(0, start)}${metaLine(meta)}${body.slice(end + ' -->'.length)}`;
}
