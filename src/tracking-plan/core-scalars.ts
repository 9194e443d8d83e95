/**
 * What a plain scalar (unquoted, not a block) means: `yaml`'s YAML 1.2 core schema, in its order
 * (null, bool, int 0o, int, int 0x, .inf/.nan, float with exponent, float) and with its
 * conversions (node_modules/yaml/dist/schema/core/*.js), so that the js-yaml route gives the data
 * `yaml` gives: `NO`, `yes`, `on`, `2024-01-01` stay text, `1.10` is the number 1.1, `1e400` is
 * Infinity (js-yaml's own core schema keeps that one as text). Pure.
 */

/** The answer for a plain scalar that is text. */
export const PLAIN_TEXT: unique symbol = Symbol('plain text');

const DIGIT_OR_SIGN = /^[-+.0-9]/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** The null, boolean or number a plain scalar's text stands for, or PLAIN_TEXT when it is text. */
export function resolveCorePlain(text: string): null | boolean | number | typeof PLAIN_TEXT {
  if (text === '' || text === '~') return null;
  const first = text.charCodeAt(0);
  // n N t T f F: null and booleans; digits, signs and dots: numbers.
  if (first === 0x6e || first === 0x4e) return NULL.test(text) ? null : PLAIN_TEXT;
  if (first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46)
    return BOOL.test(text) ? first === 0x74 || first === 0x54 : PLAIN_TEXT;
  if (!DIGIT_OR_SIGN.test(text)) return PLAIN_TEXT;
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text))
    return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return PLAIN_TEXT;
}
