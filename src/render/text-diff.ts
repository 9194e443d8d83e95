/**
 * What changed in a text field (`description`, `definition`), for a reviewer: a plan that cut
 * both sides of a long description to the same prefix would let them approve a change they
 * cannot see.
 *
 * - Multi-line text: a line diff with two lines of context, unchanged runs folded ("… 12
 *   unchanged lines"), as Terraform shows a heredoc string.
 * - One long line: a window around each changed stretch of words, with "…" where text is left
 *   out, the same window on both sides, so the eye finds the difference.
 * - Short single-line values: nothing here; the renderings show `"before" → "after"`.
 *
 * The sequence diff is jsdiff's (`diffArrays`, Myers' O(ND) algorithm) over lines or word
 * tokens, bounded by an edit length so that two unrelated 100,000-character texts cost little
 * (they are then shown as one removed and one added block). Pure and deterministic.
 */
import { diffArrays } from 'diff';
import { plural } from './plural.js';
import { escapeControls } from './terminal-text.js';
import { appendAll } from '../arrays.js';

/** One line of a text diff; `gap` stands for unchanged lines left out (its text says how many). */
export interface DiffLine {
  readonly kind: 'context' | 'removed' | 'added' | 'gap';
  readonly text: string;
}

export interface TextDiff {
  /** `lines`: a line diff of multi-line text; `window`: windows around changes in one long line. */
  readonly form: 'lines' | 'window';
  readonly lines: readonly DiffLine[];
}

export interface TextDiffOptions {
  /**
   * Single-line values whose JSON-quoted form is at most this long are left to the short form
   * (`"before" → "after"`): null is returned for them. Default 160.
   */
  readonly shortLimit?: number;
}

/** Lines of context around a change in a line diff. */
const CONTEXT_LINES = 2;
/** Characters of context either side of a change in a window. */
const CONTEXT_CHARS = 40;
/** A changed stretch longer than this (characters, one side) is shown by its ends. */
const MAX_CHANGED_CHARS = 600;
/** Past this many edits (tokens or lines), the texts are taken as unrelated: one block each. */
const MAX_EDIT_LENGTH = 2_000;
/**
 * Middles (what is left once the common start and end are off) longer than this, in tokens, are
 * not searched at all: Myers' cost grows with their length times the edits, and a text that long
 * with its changes spread out reads better as its two ends anyway.
 */
const MAX_SEARCHED_TOKENS = 100_000;

/**
 * The diff of two values of a text field, or null when the short form says it all: both are
 * single lines short enough to show whole. Line endings are compared as `\n` and surrounding
 * white space is left out, as the plan compares texts (src/plan/compare.ts, textIdentity).
 * Control characters are shown escaped (`\u001b`), never sent to a terminal raw.
 */
export function diffText(before: string | null, after: string | null, options: TextDiffOptions = {}): TextDiff | null {
  const shortLimit = options.shortLimit ?? 160;
  const old = normalise(before);
  const now = normalise(after);
  if (old.includes('\n') || now.includes('\n')) return { form: 'lines', lines: lineDiff(old, now) };
  if (JSON.stringify(before ?? '').length <= shortLimit && JSON.stringify(after ?? '').length <= shortLimit) return null;
  return { form: 'window', lines: windowDiff(old, now) };
}

function normalise(text: string | null): string {
  return (text ?? '').replace(/\r\n?/g, '\n').trim();
}

interface Run<T> {
  readonly kind: 'same' | 'removed' | 'added';
  readonly items: readonly T[];
}

/**
 * The runs of a diff of two sequences: common prefix and suffix taken off first (most edits are
 * local, and it keeps the bounded search for the middle), then Myers on the rest.
 */
function runs<T>(a: readonly T[], b: readonly T[]): Run<T>[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const result: Run<T>[] = [];
  const push = (kind: Run<T>['kind'], items: readonly T[]) => {
    if (items.length === 0) return;
    const last = result[result.length - 1];
    if (last?.kind === kind) result[result.length - 1] = { kind, items: [...last.items, ...items] };
    else result.push({ kind, items });
  };
  push('same', a.slice(0, start));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const searchable =
    middleA.length > 0 && middleB.length > 0 && middleA.length <= MAX_SEARCHED_TOKENS && middleB.length <= MAX_SEARCHED_TOKENS;
  const changes = searchable ? diffArrays([...middleA], [...middleB], { maxEditLength: MAX_EDIT_LENGTH }) : undefined;
  if (changes === undefined) {
    push('removed', middleA);
    push('added', middleB);
  } else {
    // Within a stretch of changes, removals before additions, as a reader compares them.
    let removed: T[] = [];
    let added: T[] = [];
    const settle = () => {
      push('removed', removed);
      push('added', added);
      removed = [];
      added = [];
    };
    for (const change of changes) {
      if (change.removed) appendAll(removed, change.value);
      else if (change.added) appendAll(added, change.value);
      else {
        settle();
        push('same', change.value);
      }
    }
    settle();
  }
  push('same', a.slice(endA));
  return result;
}

function lineDiff(before: string, after: string): DiffLine[] {
  const split = (text: string) => (text === '' ? [] : text.split('\n').map(escapeControls));
  const all = runs(split(before), split(after));
  const lines: DiffLine[] = [];
  all.forEach((run, index) => {
    if (run.kind === 'removed' || run.kind === 'added') {
      for (const text of run.items) lines.push({ kind: run.kind, text });
      return;
    }
    const first = index === 0;
    const last = index === all.length - 1;
    const head = first ? 0 : CONTEXT_LINES;
    const tail = last ? 0 : CONTEXT_LINES;
    if (run.items.length <= head + tail + 1) {
      for (const text of run.items) lines.push({ kind: 'context', text });
      return;
    }
    for (const text of run.items.slice(0, head)) lines.push({ kind: 'context', text });
    const hidden = run.items.length - head - tail;
    lines.push({ kind: 'gap', text: `… ${plural(hidden, 'unchanged line')}` });
    for (const text of run.items.slice(run.items.length - tail)) lines.push({ kind: 'context', text });
  });
  return lines;
}

/** Words, runs of white space, and single other characters (whole code points). */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}_'’-]+|\s+|[\s\S]/gu) ?? [];
}

/** A stretch of the text shown on both sides: the same context around one or more changes. */
interface Hunk {
  readonly before: string;
  readonly after: string;
}

function windowDiff(before: string, after: string): DiffLine[] {
  const all = runs(tokens(before), tokens(after));
  const hunks: Hunk[] = [];
  let open: { before: string; after: string } | undefined;
  all.forEach((run, index) => {
    const text = run.items.join('');
    if (run.kind !== 'same') {
      open ??= { before: '', after: '' };
      if (run.kind === 'removed') open.before += cutMiddle(text);
      else open.after += cutMiddle(text);
      return;
    }
    const first = index === 0;
    const last = index === all.length - 1;
    if (open !== undefined && !last && [...text].length <= 2 * CONTEXT_CHARS + 10) {
      // A short unchanged stretch between two changes stays inside one window.
      open.before += text;
      open.after += text;
      return;
    }
    if (open !== undefined) {
      const trailing = last && [...text].length <= CONTEXT_CHARS + 10 ? text : `${headOf(text)}…`;
      hunks.push({ before: open.before + trailing, after: open.after + trailing });
      open = undefined;
    }
    if (!last) {
      const leading = first && [...text].length <= CONTEXT_CHARS + 10 ? text : `…${tailOf(text)}`;
      open = { before: leading, after: leading };
    }
  });
  if (open !== undefined) hunks.push({ before: open.before, after: open.after });
  const lines: DiffLine[] = [];
  for (const hunk of hunks) {
    lines.push({ kind: 'removed', text: escapeControls(hunk.before) });
    lines.push({ kind: 'added', text: escapeControls(hunk.after) });
  }
  return lines;
}

/** About CONTEXT_CHARS characters from the start of `text`, ending at a word's end where one is near. */
function headOf(text: string): string {
  const chars = [...text];
  if (chars.length <= CONTEXT_CHARS) return text;
  let end = CONTEXT_CHARS;
  for (let i = CONTEXT_CHARS; i < Math.min(chars.length, CONTEXT_CHARS + 12); i++) {
    if (/\s/u.test(chars[i] ?? '')) {
      end = i;
      break;
    }
  }
  return chars.slice(0, end).join('');
}

/** About CONTEXT_CHARS characters from the end of `text`, starting at a word's start where one is near. */
function tailOf(text: string): string {
  const chars = [...text];
  if (chars.length <= CONTEXT_CHARS) return text;
  let start = chars.length - CONTEXT_CHARS;
  for (let i = start; i > Math.max(0, start - 12); i--) {
    if (/\s/u.test(chars[i - 1] ?? '')) {
      start = i;
      break;
    }
  }
  return chars.slice(start).join('');
}

/** A changed stretch too long to show whole, by its two ends and how much is left out. */
function cutMiddle(text: string): string {
  const chars = [...text];
  if (chars.length <= MAX_CHANGED_CHARS) return text;
  const keep = MAX_CHANGED_CHARS / 2;
  const hidden = chars.length - 2 * keep;
  return `${chars.slice(0, keep).join('')}[… ${plural(hidden, 'more character')} …]${chars.slice(chars.length - keep).join('')}`;
}
