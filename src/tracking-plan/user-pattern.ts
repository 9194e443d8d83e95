/**
 * Regular expressions written by a plan's author (`title-pattern` today), compiled and run by
 * RE2 (re2js, a pure-JavaScript port): matching takes time linear in the text, whatever the
 * pattern. JavaScript's own engine backtracks, and `^(a+)+$` against a long title of a's ending
 * in another letter would run for longer than any CI job, on the thread that answers SIGTERM —
 * a pull request from a fork could hang the job that way.
 *
 * RE2's syntax is what is accepted (https://github.com/google/re2/wiki/Syntax): what it cannot
 * run in linear time (backreferences, lookahead, lookbehind) is refused with a reason and a
 * hint, as are patterns so large that their linear time would still be long. Differences from
 * JavaScript that a pattern written for it may meet: `\d`, `\w`, `\s` and `\b` are ASCII only;
 * `.` matches any character but `\n`; flags are written inside the pattern (`(?i)` ignores case);
 * a character is written `\x{E9}`, not `\u00E9`; Unicode classes are `\pL`, `\p{Lu}`,
 * `\p{Greek}` (no long names such as `\p{Letter}`). Text is matched by code point, as with
 * JavaScript's `u` flag.
 *
 * Pure: a pattern's text in, a matcher or the reason it cannot be one out.
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** A pattern longer than this is refused before it is compiled (compiling takes time in its length). */
export const MAX_PATTERN_LENGTH = 1_000;
/**
 * RE2 program steps (instructions) a pattern may compile to. Matching costs up to this much per
 * character of text; `{n,m}` repeats its operand m times, so `\p{L}{1000}` alone takes 1,002.
 * Title patterns seen in practice take 5 to 300 (`^[a-z][a-z0-9_]*$`: 7; `^.{1,255}$`: 513).
 */
export const MAX_PATTERN_STEPS = 1_000;

/** A compiled user pattern. */
export interface UserPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Whether some part of `text` matches, as `RegExp.prototype.test` (write `^…$` to match the whole text). */
  test(text: string): boolean;
}

/** `problem` completes a sentence about the pattern: "the event title pattern <problem>". */
export type UserPatternResult =
  { readonly ok: true; readonly pattern: UserPattern } | { readonly ok: false; readonly problem: string; readonly hint: string };

const LINEAR = "tpsync's pattern engine (RE2, which runs in linear time) cannot run it";
const GENERAL_HINT = 'write an RE2 regular expression without slashes, e.g. `^[A-Z][A-Za-z ]*$`; in YAML, quote it with single quotes';

/** Compiles `source` with RE2, or says why it cannot be used. */
export function compileUserPattern(source: string): UserPatternResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return refuse(
      `is ${source.length.toLocaleString('en-US')} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}`,
      'shorten it: a title pattern describes the shape of a title, e.g. `^[a-z][a-z0-9_]*$`',
    );
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    return syntaxProblem(error);
  }
  const steps = compiled.programSize();
  if (steps > MAX_PATTERN_STEPS) {
    return refuse(
      `is too large: its repetitions make ${steps.toLocaleString('en-US')} steps for the pattern engine, and at most ${MAX_PATTERN_STEPS.toLocaleString('en-US')} are allowed`,
      'use smaller repeat counts (`{1,50}` rather than `{1,1000}`), or `+` and `*`',
    );
  }
  return { ok: true, pattern: { source, test: (text) => compiled.test(text) } };
}

function syntaxProblem(error: unknown): UserPatternResult {
  if (!(error instanceof RE2JSSyntaxException)) {
    return refuse(`is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`, GENERAL_HINT);
  }
  const what = error.error;
  const input = error.input ?? '';
  if (/^\\[1-9k]/.test(input)) {
    return refuse(
      `uses a backreference (\`${input.slice(0, 2)}\`), and ${LINEAR}`,
      'rewrite it without referring back to a group, e.g. spell out the alternatives: `^(?:ab|cd)$`',
    );
  }
  if (input.startsWith('(?=') || input.startsWith('(?!') || input.startsWith('(?<=') || input.startsWith('(?<!')) {
    const kind = input.startsWith('(?<') ? 'lookbehind' : 'lookahead';
    return refuse(
      `uses a ${kind} (\`${input.slice(0, input.startsWith('(?<') ? 4 : 3)}…)\`), and ${LINEAR}`,
      'rewrite it without looking ahead or behind: anchor it with ^ and $ and spell out what the title holds',
    );
  }
  if (input.startsWith('\\u')) {
    return refuse('writes a character as `\\u…`, which RE2 does not read', 'write the character itself, or its code point as `\\x{00E9}`');
  }
  if (input.startsWith('\\p') || input.startsWith('\\P')) {
    return refuse(
      `names a Unicode class RE2 does not know (\`${input}\`)`,
      'RE2 takes one- or two-letter categories (`\\pL`, `\\p{Lu}`, `\\p{Nd}`) and script names (`\\p{Greek}`, `\\p{Han}`)',
    );
  }
  if (what === 'invalid repeat count') {
    return refuse(
      `has a repeat count RE2 does not take (\`${input}\`)`,
      'a count is at most 1000 (`{1,1000}`), and nested counts may not multiply past 1000',
    );
  }
  return refuse(`is not a valid regular expression (${what}${input === '' ? '' : `: \`${input}\``})`, GENERAL_HINT);
}

function refuse(problem: string, hint: string): UserPatternResult {
  return { ok: false, problem, hint };
}
