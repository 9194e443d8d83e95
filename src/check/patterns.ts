/**
 * The plan's string patterns as `check` runs them: with RE2 (user-pattern.ts), in time linear in
 * the value, never with JavaScript's backtracking engine — payloads come from production, and a
 * pattern and a value made for each other could otherwise hold the check for hours. The fast
 * path and ajv (through its `code.regExp` option) share one compiled matcher per pattern.
 */
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';
import { compileUserPattern } from '../tracking-plan/user-pattern.js';

const compiled = new Map<string, RegExpLike>();

/**
 * The matcher of `source`, compiled once per process.
 * @throws TypeError when RE2 cannot run the pattern (the loader refuses such a plan first).
 */
export function patternMatcher(source: string): RegExpLike {
  let matcher = compiled.get(source);
  if (matcher === undefined) {
    const result = compileUserPattern(source);
    if (!result.ok) throw new TypeError(`the pattern ${JSON.stringify(source)} ${result.problem}`);
    matcher = result.pattern;
    compiled.set(source, matcher);
  }
  return matcher;
}

/** ajv's regular-expression engine, as RE2: ajv calls it with each schema `pattern` (the flags are always `u`). */
export const re2Engine: RegExpEngine = Object.assign((source: string) => patternMatcher(source), {
  // Read only by ajv's standalone code, which `check` does not generate.
  code: 'tpsyncRe2',
});
