/**
 * Characters that a title may not hold, with their names for messages, and the lone surrogates
 * that no text of a plan may hold.
 *
 * A title identifies its resource, so one that looks like another but is not never matches
 * again; and a system on the way may strip or change what cannot be seen. Refused in titles:
 * - control characters (Cc): a tab, U+0085, which Secoda's Python strips as white space;
 * - format characters (Cf): zero-width space, byte-order mark, directional marks, soft hyphen;
 * - separators other than the plain space (Z): U+2028 LINE SEPARATOR and U+2029 PARAGRAPH
 *   SEPARATOR, which break the line in some viewers, and the no-break and other spaces, which
 *   look like a space and are not one;
 * - lone surrogates (a `\uD800` escape without its other half), which are not characters at all:
 *   UTF-8 cannot hold them, so no text of a plan may (a description, an enum value, an ID).
 */

/** Any character a title may not hold. */
const FORBIDDEN_IN_TITLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|(?! )\p{Zs}/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN_IN_TITLE.source, 'gu');
/** A UTF-16 surrogate not paired with its other half. */
const LONE_SURROGATE = /\p{Cs}/u;

type Kind = 'invisible' | 'separator' | 'space' | 'surrogate';

const NAMES: Readonly<Record<number, string>> = {
  0x0000: 'NULL',
  0x0009: 'CHARACTER TABULATION',
  0x000a: 'LINE FEED',
  0x000d: 'CARRIAGE RETURN',
  0x001b: 'ESCAPE',
  0x001c: 'INFORMATION SEPARATOR FOUR',
  0x001d: 'INFORMATION SEPARATOR THREE',
  0x001e: 'INFORMATION SEPARATOR TWO',
  0x001f: 'INFORMATION SEPARATOR ONE',
  0x007f: 'DELETE',
  0x0085: 'NEXT LINE (NEL)',
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x1680: 'OGHAM SPACE MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0xfeff: 'BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)',
};

const KINDS: Readonly<Record<Kind, { one: string; many: (n: number) => string; code: string; hint: string }>> = {
  invisible: {
    one: 'an invisible character',
    many: (n) => `${n} invisible characters`,
    code: 'invisible-character',
    hint: 'retype the title without it: an invisible character makes a title that looks like another but is not, so it would not match in Secoda',
  },
  separator: {
    one: 'a line separator',
    many: (n) => `${n} line separators`,
    code: 'separator-character',
    hint: 'write the title on one line: a line or paragraph separator breaks the line in some viewers and logs',
  },
  space: {
    one: 'a space that is not the plain space (U+0020)',
    many: (n) => `${n} spaces that are not the plain space (U+0020)`,
    code: 'separator-character',
    hint: 'retype the spaces as plain spaces: a no-break or other space looks like a space but is not one, so the title would not match in Secoda',
  },
  surrogate: {
    one: 'a lone surrogate (half of a UTF-16 pair, not a character)',
    many: (n) => `${n} lone surrogates (halves of UTF-16 pairs, not characters)`,
    code: 'lone-surrogate',
    hint: 'a `\\uD800`–`\\uDFFF` escape without its other half cannot be stored as UTF-8; write the character itself',
  },
};

function kindOf(char: string): Kind {
  if (LONE_SURROGATE.test(char)) return 'surrogate';
  if (/[\p{Zl}\p{Zp}]/u.test(char)) return 'separator';
  if (/\p{Zs}/u.test(char)) return 'space';
  return 'invisible';
}

/** Whether a title holds a character the loader refuses in titles. */
export function hasForbiddenTitleCharacter(title: string): boolean {
  return FORBIDDEN_IN_TITLE.test(title);
}

/** Whether `text` holds a lone surrogate (which no text of a plan may hold). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** "U+2028 LINE SEPARATOR", "U+D800". */
export function characterName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = NAMES[code] ?? (/\p{Cc}/u.test(char) ? 'a control character' : /\p{Cf}/u.test(char) ? 'an invisible format character' : '');
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name === '' ? '' : ` ${name}`}`;
}

/**
 * What a title holds that it may not: the issue's code, the end of its message ("contains a
 * line separator: U+2028 LINE SEPARATOR at position 6") and its hint. Undefined when nothing.
 */
export function forbiddenTitleCharacters(title: string): { code: string; text: string; hint: string } | undefined {
  const found: { char: string; position: number; kind: Kind }[] = [];
  let position = 0;
  for (const char of title) {
    position++;
    if (FORBIDDEN_IN_TITLE.test(char)) found.push({ char, position, kind: kindOf(char) });
  }
  const first = found[0];
  if (first === undefined) return undefined;
  // The gravest kind decides the code and hint: a lone surrogate, then an invisible character.
  const order: Kind[] = ['surrogate', 'invisible', 'separator', 'space'];
  const lead = order.find((kind) => found.some((f) => f.kind === kind)) ?? first.kind;
  const sameKind = found.every((f) => f.kind === found[0]?.kind);
  const words = sameKind
    ? found.length === 1
      ? KINDS[first.kind].one
      : KINDS[first.kind].many(found.length)
    : `${found.length} characters a title may not hold`;
  const list = found.slice(0, 3).map((f) => `${characterName(f.char)} at position ${f.position}`);
  return {
    code: KINDS[lead].code,
    text: `contains ${words}: ${list.join(', ')}${found.length > 3 ? ', …' : ''}`,
    hint: KINDS[lead].hint,
  };
}

/** The text quoted, with every character a title may not hold written as `\uXXXX`, so a reader can see it. */
export function visible(text: string): string {
  return JSON.stringify(text).replace(FORBIDDEN_ALL, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join(''),
  );
}

/** "holds a lone surrogate, U+D800 at position 2: …", for any text of a plan; undefined when it holds none. */
export function loneSurrogateText(text: string): string | undefined {
  if (!LONE_SURROGATE.test(text)) return undefined;
  let position = 0;
  for (const char of text) {
    position++;
    if (LONE_SURROGATE.test(char)) return `holds ${KINDS.surrogate.one}: ${characterName(char)} at position ${position}`;
  }
  return undefined;
}

/** The hint for a lone surrogate. */
export const LONE_SURROGATE_HINT = KINDS.surrogate.hint;
