/**
 * A JSON Schema `pattern` (ECMA-262, as ajv runs it: with the `u` flag, unanchored) written as a
 * plan `pattern`, which `check` runs with RE2 and the schema files carry as written for
 * ECMA-262 validators: so the result reads the same in both dialects, and means what the
 * source meant.
 *
 * Most patterns already do (`^[a-z0-9_]+$`). Where the two dialects differ, the translation
 * spells out ECMA's meaning in what both read alike: `.` is "anything but `\n`, `\r`, U+2028
 * and U+2029" (RE2's `.` excludes `\n` only); `\s` lists ECMA's white space (RE2's is five ASCII
 * characters); `\uXXXX`, `\u{…}`, `\cX` and `\0` become the character itself (RE2 reads no
 * `\u`); `[^]` is `[\s\S]`. What has no common form, or what RE2 cannot run (a backreference, a
 * lookaround, a script property), is refused with the reason, never dropped.
 *
 * Pure: text in, text or a reason out.
 */
import { compileUserPattern } from '../tracking-plan/user-pattern.js';

export type PatternTranslation = { readonly ok: true; readonly pattern: string } | { readonly ok: false; readonly problem: string };

/** ECMA-262 `\s`: WhiteSpace and LineTerminator, as class members both dialects read alike. */
const SPACE_MEMBERS = '\\t\\n\\v\\f\\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** ECMA-262 `.` without the `s` flag: anything but a line terminator. */
const ANY_BUT_LINE_END = '[^\\n\\r\u2028\u2029]';
/** Escapes that mean the same character class or character in both dialects. */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 't', 'n', 'r', 'f', 'v']);
/** ECMA-262's syntax characters: escaped with a backslash, they stand for themselves in both dialects. */
const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const HEX = /^[0-9A-Fa-f]$/;

/** A source pattern as the plan's `pattern` key holds it: translated, then compiled as `validate` compiles it. */
export function planPattern(source: string): PatternTranslation {
  const translated = translateEcmaPattern(source);
  if (!translated.ok) return translated;
  try {
    new RegExp(translated.pattern, 'u');
  } catch {
    return { ok: false, problem: 'is not an ECMA-262 regular expression (with the `u` flag, as JSON Schema validators read it)' };
  }
  const compiled = compileUserPattern(translated.pattern);
  return compiled.ok ? translated : { ok: false, problem: compiled.problem };
}

export function translateEcmaPattern(source: string): PatternTranslation {
  let out = '';
  let inClass = false;
  let i = 0;
  const fail = (problem: string): PatternTranslation => ({ ok: false, problem });
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === '\\') {
      const escape = readEscape(source, i, inClass);
      if (!escape.ok) return fail(escape.problem);
      out += escape.text;
      i = escape.next;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      // ECMA reads `[` inside a class as itself; RE2 might read `[:alpha:]` into it.
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    if (c === '[') {
      if (source.startsWith('[^]', i)) {
        out += '[\\s\\S]';
        i += 3;
        continue;
      }
      if (source.startsWith('[]', i)) return fail('holds `[]`, a class that matches no character');
      inClass = true;
      out += c;
      i++;
      if (source[i] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === '.') {
      out += ANY_BUT_LINE_END;
      i++;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) return fail('looks ahead (`(?=` or `(?!`), which RE2 cannot run');
      if (rest.startsWith('<=') || rest.startsWith('<!')) return fail('looks behind (`(?<=` or `(?<!`), which RE2 cannot run');
    }
    out += c;
    i++;
  }
  return { ok: true, pattern: out };
}

type Escape = { ok: true; text: string; next: number } | { ok: false; problem: string };

/** The escape at `start` (a backslash): its RE2 text and where the pattern goes on. */
function readEscape(source: string, start: number, inClass: boolean): Escape {
  const c = source[start + 1];
  if (c === undefined) return { ok: false, problem: 'ends in a lone backslash' };
  const next = start + 2;
  if (SAME_ESCAPES.has(c)) return { ok: true, text: `\\${c}`, next };
  switch (c) {
    case 'b':
      // In a class ECMA's `\b` is the backspace character; outside it a word boundary, as in RE2.
      return { ok: true, text: inClass ? '\u0008' : '\\b', next };
    case 'B':
      return inClass ? { ok: false, problem: 'holds `\\B` inside a class' } : { ok: true, text: '\\B', next };
    case 's':
      return { ok: true, text: inClass ? SPACE_MEMBERS : `[${SPACE_MEMBERS}]`, next };
    case 'S':
      if (inClass) return { ok: false, problem: 'holds `\\S` inside a class, which RE2 would read as ASCII white space only' };
      return { ok: true, text: `[^${SPACE_MEMBERS}]`, next };
    case 'u':
      return unicodeEscape(source, start, inClass);
    case 'x': {
      const hex = source.slice(next, next + 2);
      if (hex.length === 2 && [...hex].every((h) => HEX.test(h))) return { ok: true, text: `\\x${hex}`, next: next + 2 };
      return { ok: false, problem: 'holds `\\x` without two hexadecimal digits' };
    }
    case 'c': {
      const letter = source[next];
      if (letter === undefined || !/^[A-Za-z]$/.test(letter)) return { ok: false, problem: 'holds `\\c` without a letter' };
      return { ok: true, text: literal(letter.charCodeAt(0) % 32, inClass), next: next + 1 };
    }
    case '0':
      if (/^[0-9]$/.test(source[next] ?? '')) return { ok: false, problem: 'holds an octal escape (`\\0` and a digit)' };
      return { ok: true, text: literal(0, inClass), next };
    case 'k':
      return { ok: false, problem: 'refers back to a named group (`\\k<…>`), which RE2 cannot run' };
    case 'p':
    case 'P':
      return propertyEscape(source, start, c);
    default:
      if (/^[1-9]$/.test(c)) return { ok: false, problem: `refers back to a group (\`\\${c}\`), which RE2 cannot run` };
      // An escaped syntax character (`\.`, `\/`, `\-`): the character itself.
      if (SYNTAX.has(c) || (inClass && c === '-')) return { ok: true, text: c === '/' ? '/' : `\\${c}`, next };
      return { ok: false, problem: `holds \`\\${c}\`, which is no escape in a JSON Schema pattern` };
  }
}

/** `\uXXXX` (a surrogate pair of them for one character) or `\u{X…}`: the character itself. */
function unicodeEscape(source: string, start: number, inClass: boolean): Escape {
  if (source[start + 2] === '{') {
    const end = source.indexOf('}', start + 3);
    const hex = end < 0 ? '' : source.slice(start + 3, end);
    if (hex === '' || ![...hex].every((h) => HEX.test(h)) || Number.parseInt(hex, 16) > 0x10ffff)
      return { ok: false, problem: 'holds a `\\u{…}` escape that is not a code point' };
    return { ok: true, text: literal(Number.parseInt(hex, 16), inClass), next: end + 1 };
  }
  const unit = hexUnit(source, start + 2);
  if (unit === undefined) return { ok: false, problem: 'holds `\\u` without four hexadecimal digits' };
  if (unit >= 0xd800 && unit <= 0xdbff && source.startsWith('\\u', start + 6)) {
    const low = hexUnit(source, start + 8);
    if (low !== undefined && low >= 0xdc00 && low <= 0xdfff)
      return { ok: true, text: literal(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00), inClass), next: start + 12 };
  }
  if (unit >= 0xd800 && unit <= 0xdfff) return { ok: false, problem: 'holds a lone surrogate escape, which is no character' };
  return { ok: true, text: literal(unit, inClass), next: start + 6 };
}

/**
 * `\p{…}`: both dialects know a general category by its short name (`\p{Lu}`); a script has no
 * spelling both read (ECMA wants `\p{Script=Greek}`, RE2 `\p{Greek}`).
 */
function propertyEscape(source: string, start: number, letter: 'p' | 'P'): Escape {
  if (source[start + 2] !== '{') return { ok: false, problem: `holds \`\\${letter}\` without \`{…}\`` };
  const end = source.indexOf('}', start + 3);
  if (end < 0) return { ok: false, problem: `holds an unclosed \`\\${letter}{\`` };
  const body = source.slice(start + 3, end);
  if (/^(?:Script|sc|Script_Extensions|scx)=/.test(body))
    return { ok: false, problem: `holds \`\\${letter}{${body}}\`, a script, which RE2 and ECMA-262 spell differently` };
  return { ok: true, text: `\\${letter}{${body.replace(/^(?:General_Category|gc)=/, '')}}`, next: end + 1 };
}

function hexUnit(source: string, at: number): number | undefined {
  const hex = source.slice(at, at + 4);
  return hex.length === 4 && [...hex].every((h) => HEX.test(h)) ? Number.parseInt(hex, 16) : undefined;
}

/** A character written as itself: escaped where it is syntax, `\t`-style where it has a letter. */
function literal(value: number, inClass: boolean): string {
  const char = String.fromCodePoint(value);
  const named = { 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' }[value];
  if (named !== undefined) return named;
  return SYNTAX.has(char) || (inClass && char === '-') ? `\\${char}` : char;
}
