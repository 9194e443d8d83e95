/**
 * User text (titles, descriptions, values, messages that quote them) placed in Markdown that
 * GitHub renders: a PR comment, a job summary, the drift issue. It must stay text: no HTML, no
 * formatting, no links — and no notifications. GitHub turns `@name` and `@org/team` into a
 * mention that pings, and `#12`, `owner/repo#12`, `GH-12` and issue URLs into links that also
 * leave a "mentioned this" trace on the target. A zero-width space after the `@` or `#` (and
 * inside `://` and `www.`) keeps the text as written while no pattern of GitHub's matches.
 * Text inside code spans and fenced blocks is never linked, so it needs none of this.
 */
import { largest } from '../arrays.js';

const ZWSP = '\u200b';

/** Breaks mentions, issue references and autolinks; the text reads the same. */
export function neutraliseReferences(text: string): string {
  return text
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}${ZWSP}.`);
}

/** Text for HTML (e.g. inside `<summary>`): no tags, no entities, no references. */
export function escapeHtml(text: string): string {
  return neutraliseReferences(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Text for a Markdown paragraph: no emphasis, code, links or HTML, no references. */
export function escapeText(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]~])/g, '\\$1');
}

/** Text for a table cell: as escapeText, on one line, with `|` escaped. */
export function escapeCell(text: string): string {
  return escapeText(text)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

/** `text` as an inline code span, however many backticks it holds (safe in a table cell). */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\r?\n|\r/g, ' ');
  const ticks = largest(
    [...oneLine.matchAll(/`+/g)].map((m) => m[0].length),
    0,
  );
  const fence = '`'.repeat(ticks + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A code fence longer than any run of backticks in `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = largest(
    [...text.matchAll(/`+/g)].map((m) => m[0].length),
    2,
  );
  return '`'.repeat(longest + 1);
}
