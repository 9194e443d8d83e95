/**
 * The naming styles a rule can ask of titles and enum values: whether a text is written in a
 * style, and how it would be written in it (for the hint). Letters are Unicode letters, so
 * "Réservation Confirmée" is Title Case; digits count as lower case.
 */
import type { TitleStyle } from '../tracking-plan/schema-types.generated.js';

export type { TitleStyle };

export const TITLE_STYLES: readonly TitleStyle[] = ['title-case', 'sentence-case', 'snake_case', 'camelCase', 'kebab-case'];

/** How a style is named in messages, written in itself. */
export const STYLE_NAME: Readonly<Record<TitleStyle, string>> = {
  'title-case': 'Title Case',
  'sentence-case': 'Sentence case',
  snake_case: 'snake_case',
  camelCase: 'camelCase',
  'kebab-case': 'kebab-case',
};

/**
 * Short words that Title Case leaves in lower case unless they come first, as in Segment's
 * "Product Added to Wishlist".
 */
const MINOR_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'via',
  'vs',
  'with',
]);

const SNAKE = /^[\p{Ll}\p{Nd}]+(?:_[\p{Ll}\p{Nd}]+)*$/u;
const KEBAB = /^[\p{Ll}\p{Nd}]+(?:-[\p{Ll}\p{Nd}]+)*$/u;
const CAMEL = /^\p{Ll}[\p{L}\p{Nd}]*$/u;
/** Words separated by single spaces: no leading, trailing or double spaces, no tabs. */
const SPACED_WORDS = /^[^\s]+(?: [^\s]+)*$/u;
const UPPER = /\p{Lu}/u;
const FIRST_LETTER = /[\p{L}]/u;

/** Whether `text` is written in `style`. */
export function isInStyle(text: string, style: TitleStyle): boolean {
  switch (style) {
    case 'snake_case':
      return SNAKE.test(text);
    case 'kebab-case':
      return KEBAB.test(text);
    case 'camelCase':
      return CAMEL.test(text);
    case 'title-case':
      return SPACED_WORDS.test(text) && text.split(' ').every((word, i) => isTitleWord(word, i === 0));
    case 'sentence-case':
      return SPACED_WORDS.test(text) && text.split(' ').every((word, i) => isSentenceWord(word, i === 0));
  }
}

/** A Title Case word starts (its first letter) in upper case; a minor word after the first may be all lower case. */
function isTitleWord(word: string, first: boolean): boolean {
  const letter = FIRST_LETTER.exec(word)?.[0];
  if (letter === undefined) return true; // "2", "&", "(1/3)"
  if (UPPER.test(letter)) return true;
  return !first && MINOR_WORDS.has(word);
}

/** Sentence case: the first word starts in upper case; later words are lower case, or an acronym ("SSO", "2FA"). */
function isSentenceWord(word: string, first: boolean): boolean {
  const letter = FIRST_LETTER.exec(word)?.[0];
  if (letter === undefined) return true;
  if (first) return UPPER.test(letter);
  return !UPPER.test(word) || isAcronym(word);
}

/** Two or more letters, all upper case (digits allowed): "SSO", "2FA", "iOS" is not one. */
function isAcronym(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/**
 * The words of a text in any style: split at spaces, `_`, `-`, and where camelCase changes case
 * ("orderID" → order, ID; "HTMLParser" → HTML, Parser).
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/(\p{Ll}|\p{Nd})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[\s_\-.]+/u)
    .filter((word) => word !== '');
}

/** `text` rewritten in `style`, for a hint ("order completed" → "Order Completed"). */
export function toStyle(text: string, style: TitleStyle): string {
  const words = splitWords(text);
  const lower = words.map((word) => word.toLowerCase());
  const capital = (word: string) => (isAcronym(word) ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
  switch (style) {
    case 'snake_case':
      return lower.join('_');
    case 'kebab-case':
      return lower.join('-');
    case 'camelCase':
      return lower.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
    case 'title-case':
      return words.map((word, i) => (i > 0 && MINOR_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : capital(word))).join(' ');
    case 'sentence-case':
      return words.map((word, i) => (i === 0 ? capital(word) : isAcronym(word) ? word : word.toLowerCase())).join(' ');
  }
}
