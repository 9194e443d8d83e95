/**
 * One written reference → the ID sent to Secoda, or why it cannot be. A value is an ID when the
 * directory lists that ID; else a name (an email for users) looked up in the directory. An ID the
 * directory does not list is sent as written, with a warning (Secoda may know it: a directory the
 * API key cannot see all of); an unknown name is an error with a "did you mean", a name that
 * several entries share (two tags alike) an error that lists them; a disabled or pending user
 * or an archived team is a warning. Pure.
 */
import type { DirectoryEntry, DirectoryKind } from '../secoda/directories.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import type { DirectoryIndex } from './directory-index.js';

/** A problem with a written reference: an error stops the run before any write; a warning is shown. */
export interface ReferenceProblem {
  readonly level: 'error' | 'warning';
  /** `unknown-name`, `ambiguous-name`, `unknown-id`, `inactive-reference`, `directory-unreadable`. */
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

export interface Resolution {
  /** The ID to send; undefined when the value cannot be resolved (an error). */
  readonly id: string | undefined;
  /** The directory's entry, when it lists the value. */
  readonly entry?: DirectoryEntry;
  readonly problem?: ReferenceProblem;
}

const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** Nouns for messages: "user", "team", … */
export const NOUN: Record<DirectoryKind, string> = {
  users: 'user',
  groups: 'group',
  teams: 'team',
  tags: 'tag',
  collections: 'collection',
};

/** How a value shaped like an ID looks, for a directory of `kind`: users are named by email, the rest by names that may look like anything but a UUID. */
function looksLikeId(kind: DirectoryKind, value: string): boolean {
  return kind === 'users' ? !value.includes('@') : UUID.test(value);
}

/**
 * Resolves `written` against the directory of `kind`. `index` is undefined when that directory
 * could not be read (`unreadable` says why): IDs then pass as written, names cannot be checked.
 */
export function resolveReference(kind: DirectoryKind, written: string, index: DirectoryIndex | undefined, unreadable?: string): Resolution {
  const value = written.trim();
  const noun = NOUN[kind];
  if (index === undefined) {
    if (looksLikeId(kind, value)) return { id: value };
    return {
      id: undefined,
      problem: {
        level: 'error',
        code: 'directory-unreadable',
        message: `cannot look up the ${noun} ${JSON.stringify(written)}: ${unreadable ?? `Secoda's ${kind} could not be read`}`,
        hint: `write the ${noun}'s ID, or give the API key the permission to list ${kind}`,
      },
    };
  }
  const byId = index.byId(value);
  if (byId !== undefined) return withState(kind, value, byId, `${noun} ${JSON.stringify(written)}`);
  const named = index.byName(value);
  const [only] = named;
  if (only !== undefined && named.length === 1) return withState(kind, only.id, only, `${noun} ${JSON.stringify(written)}`);
  if (named.length > 1) {
    return {
      id: undefined,
      problem: {
        level: 'error',
        code: 'ambiguous-name',
        message: `${JSON.stringify(written)} names ${named.length} ${kind} in Secoda: ${named.map(candidate).join(', ')}`,
        hint: `write the ID of the ${noun} you mean instead of its name`,
      },
    };
  }
  if (looksLikeId(kind, value)) {
    return {
      id: value,
      problem: {
        level: 'warning',
        code: 'unknown-id',
        message: `Secoda lists no ${noun} with the ID ${value}; it is sent as written`,
        hint: `check the ID; Secoda may still know it (a ${noun} the API key cannot see)`,
      },
    };
  }
  const guess = didYouMean(value.normalize('NFC'), index.allNames());
  const what = kind === 'users' ? `user with the email ${JSON.stringify(written)}` : `${noun} ${JSON.stringify(written)}`;
  return {
    id: undefined,
    problem: {
      level: 'error',
      code: 'unknown-name',
      message: `Secoda has no ${what}`,
      hint:
        guess !== undefined
          ? `did you mean ${JSON.stringify(guess)}?`
          : `check the ${kind === 'users' ? 'email' : kind === 'collections' ? 'title' : 'name'} in Secoda, or write the ${noun}'s ID`,
    },
  };
}

/** A resolved value, with a warning when its entry is disabled, pending or archived. */
function withState(kind: DirectoryKind, id: string, entry: DirectoryEntry, what: string): Resolution {
  if (entry.inactive === null) return { id, entry };
  const hint =
    kind === 'users'
      ? entry.inactive === 'pending'
        ? 'the user has not accepted the invitation yet; Secoda may not notify them'
        : 'choose another user, or enable them in Secoda'
      : `choose another ${NOUN[kind]}, or restore it in Secoda`;
  return {
    id,
    entry,
    problem: { level: 'warning', code: 'inactive-reference', message: `${what} is ${entry.inactive} in Secoda`, hint },
  };
}

function candidate(entry: DirectoryEntry): string {
  return entry.detail === null ? entry.id : `${entry.id} (${entry.detail})`;
}
