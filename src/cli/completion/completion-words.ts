/** Words that completion scripts embed unquoted: command and flag names, choices. */
import type { CompletionOption } from './completion-model.js';

/**
 * `word` itself when it is a plain word (lower-case letters, digits, dashes), which every shell
 * takes literally; anything else is a bug in a spec, refused rather than quoted.
 */
export function plainWord(word: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(word)) throw new Error(`completion: "${word}" is not a plain word`);
  return word;
}

/** Every spelling of these flags: `--out`, and `-h` beside `--help`. */
export function flagWords(options: readonly CompletionOption[]): string[] {
  return options.flatMap((o) => [`--${plainWord(o.long)}`, ...(o.short === undefined ? [] : [`-${plainWord(o.short)}`])]);
}
