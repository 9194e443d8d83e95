/**
 * The note a plan carries when it would trip apply's delete guard (src/plan/delete-guard.ts): as
 * text for the terminal, and as a GitHub alert for Markdown (the job summary, the comment,
 * `--markdown`).
 */
import type { GuardVerdict } from '../plan/delete-guard.js';
import { guardCauseLines, guardTripText } from './delete-guard-text.js';
import { escapeText } from './markdown-text.js';

export interface GuardNote {
  /** "! this plan destroys …; apply refuses it unless given --allow-deletes:" and a line per cause. */
  readonly text: string;
  /** The same as a `> [!WARNING]` alert, every line inside it and escaped (a title is never a mention or HTML). */
  readonly markdown: string;
}

/** The note for `guard`; null when the plan does not trip it. */
export function guardNote(guard: GuardVerdict): GuardNote | null {
  const tripped = guardTripText(guard);
  if (tripped === null) return null;
  const text = `! ${tripped}; apply refuses it unless given --allow-deletes:${guardCauseLines(guard)
    .map((cause) => `\n    - ${cause}`)
    .join('')}`;
  const markdown = `> [!WARNING]\n${text
    .slice(2)
    .split('\n')
    .map((line) => `> ${escapeText(line.trim())}`)
    .join('\n')}`;
  return { text, markdown };
}
