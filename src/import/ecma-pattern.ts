/**
 * A JSON Schema `pattern` (ECMA-262, as ajv runs it: with the `u` flag, unanchored) written as
 * an RE2 pattern that matches the same strings, or why it cannot be.
 *
 * Most patterns mean the same in both (`^[a-z0-9_]+$`). Where the two languages differ, the
 * translation spells out ECMA's meaning: `.` excludes `\r`, U+2028 and U+2029 as well as `\n`;
 * `\s` is Unicode white space, not RE2's five ASCII characters; `\uXXXX`, `\u{…}` and `\cX` become
 * `\x{…}`; `[^]` is any character; `(?<name>` is RE2's `(?P<name>`. What RE2 cannot run (a
 * backreference, a lookaround) is refused here or by the plan's own pattern compiler
 * (src/tracking-plan/user-pattern.ts), never dropped.
 *
 * Pure: text in, text or a reason out.
 */
import { compileUserPattern } from '../tracking-plan/user-pattern.js';

export type PatternTranslation = { readonly ok: true; readonly pattern: string } | { readonly ok: false; readonly problem: string };

/** ECMA-262 `\s`: WhiteSpace and LineTerminator (the Zs category, tab, VT, FF, NBSP, BOM, and the four line ends). */
const SPACE_MEMBERS = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** ECMA-262 `.` without the `s` flag: anything but a line terminator. */
const ANY_BUT_LINE_END = '[^\\n\\r\\x{2028}\\x{2029}]';
/** Escapes that mean the same character class or character in both languages. */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 't', 'n', 'r', 'f', 'v']);
const HEX = /^[0-9A-Fa-f]$/;

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
        out += '(?s:.)';
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
      if (rest.startsWith('<')) {
        out += '(?P<';
        i += 3;
        continue;
      }
    }
    out += c;
    i++;
  }
  return { ok: true, pattern: out };
}

/** A source pattern as the plan's `pattern` key can hold it: translated, then compiled as `validate` compiles it. */
export function planPattern(source: string): PatternTranslation {
  const translated = translateEcmaPattern(source);
  if (!translated.ok) return translated;
  const compiled = compileUserPattern(translated.pattern);
  return compiled.ok ? translated : { ok: false, problem: compiled.problem };
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
      return { ok: true, text: inClass ? '\\x{8}' : '\\b', next };
    case 'B':
      return inClass ? { ok: false, problem: 'holds `\\B` inside a class' } : { ok: true, text: '\\B', next };
    case 's':
      return { ok: true, text: inClass ? SPACE_MEMBERS : `[${SPACE_MEMBERS}]`, next };
    case 'S':
      if (inClass) return { ok: false, problem: 'holds `\\S` inside a class, which RE2 would read as ASCII white space only' };
      return { ok: true, text: `[^${SPACE_MEMBERS}]`, next };
    case 'u':
      return unicodeEscape(source, start);
    case 'x': {
      const hex = source.slice(next, next + 2);
      if (hex.length === 2 && [...hex].every((h) => HEX.test(h))) return { ok: true, text: `\\x{${hex}}`, next: next + 2 };
      return { ok: false, problem: 'holds `\\x` without two hexadecimal digits' };
    }
    case 'c': {
      const letter = source[next];
      if (letter === undefined || !/^[A-Za-z]$/.test(letter)) return { ok: false, problem: 'holds `\\c` without a letter' };
      return { ok: true, text: codePoint(letter.charCodeAt(0) % 32), next: next + 1 };
    }
    case '0':
      if (/^[0-9]$/.test(source[next] ?? '')) return { ok: false, problem: 'holds an octal escape (`\\0` and a digit)' };
      return { ok: true, text: '\\x{0}', next };
    case 'k':
      return { ok: false, problem: 'refers back to a named group (`\\k<…>`), which RE2 cannot run' };
    case 'p':
    case 'P':
      return propertyEscape(source, start, c);
    default:
      if (/^[1-9]$/.test(c)) return { ok: false, problem: `refers back to a group (\`\\${c}\`), which RE2 cannot run` };
      // An escaped syntax character (`\.`, `\/`, `\-`): the character itself.
      if (/^[\^$\\.*+?()[\]{}|/-]$/.test(c)) return { ok: true, text: c === '/' ? '/' : `\\${c}`, next };
      return { ok: false, problem: `holds \`\\${c}\`, which is no escape in a JSON Schema pattern` };
  }
}

/** `\uXXXX` (a surrogate pair of them for one character) or `\u{X…}`. */
function unicodeEscape(source: string, start: number): Escape {
  if (source[start + 2] === '{') {
    const end = source.indexOf('}', start + 3);
    const hex = end < 0 ? '' : source.slice(start + 3, end);
    if (hex === '' || ![...hex].every((h) => HEX.test(h)) || Number.parseInt(hex, 16) > 0x10ffff)
      return { ok: false, problem: 'holds a `\\u{…}` escape that is not a code point' };
    return { ok: true, text: codePoint(Number.parseInt(hex, 16)), next: end + 1 };
  }
  const unit = hexUnit(source, start + 2);
  if (unit === undefined) return { ok: false, problem: 'holds `\\u` without four hexadecimal digits' };
  if (unit >= 0xd800 && unit <= 0xdbff && source.startsWith('\\u', start + 6)) {
    const low = hexUnit(source, start + 8);
    if (low !== undefined && low >= 0xdc00 && low <= 0xdfff)
      return { ok: true, text: codePoint(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)), next: start + 12 };
  }
  if (unit >= 0xd800 && unit <= 0xdfff) return { ok: false, problem: 'holds a lone surrogate escape, which is no character' };
  return { ok: true, text: codePoint(unit), next: start + 6 };
}

/** `\p{…}`: RE2 knows general categories and scripts by their short names (`\p{Lu}`, `\p{Greek}`). */
function propertyEscape(source: string, start: number, letter: 'p' | 'P'): Escape {
  if (source[start + 2] !== '{') return { ok: false, problem: `holds \`\\${letter}\` without \`{…}\`` };
  const end = source.indexOf('}', start + 3);
  if (end < 0) return { ok: false, problem: `holds an unclosed \`\\${letter}{\`` };
  const body = source.slice(start + 3, end);
  const name = body.replace(/^(?:General_Category|gc|Script|sc|Script_Extensions|scx)=/, '');
  if (/^(?:Script_Extensions|scx)=/.test(body)) return { ok: false, problem: `holds \`\\${letter}{${body}}\`, which RE2 does not know` };
  return { ok: true, text: `\\${letter}{${name}}`, next: end + 1 };
}

function hexUnit(source: string, at: number): number | undefined {
  const hex = source.slice(at, at + 4);
  return hex.length === 4 && [...hex].every((h) => HEX.test(h)) ? Number.parseInt(hex, 16) : undefined;
}

function codePoint(value: number): string {
  return `\\x{${value.toString(16).toUpperCase()}}`;
}
