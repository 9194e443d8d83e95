/**
 * Where JSON text stops being JSON: the offset of the first character that RFC 8259's grammar
 * refuses (or the end, for text that stops short). `JSON.parse` says what is wrong, but not
 * always where (V8 quotes the text instead of giving a position), and an error without a line
 * and column is no help in a file of thousands of lines. Run only once parsing has failed.
 */

const WHITE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/** The offset of the first error in `text`, or undefined when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITE.has(text[i] ?? '')) i++;
  };
  // A stack of what is open: '{' expects a key, ':' a value after a key, '[' a value, ',' after a value.
  const value = (): boolean => {
    skip();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const number = NUMBER.exec(text.slice(i, i + 400));
    if (number === null) return false;
    i += number[0].length;
    return true;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const object = (): boolean => {
    i++;
    skip();
    if (text[i] === '}') return ++i > 0;
    for (;;) {
      skip();
      if (text[i] !== '"' || !string()) return false;
      skip();
      if (text[i] !== ':') return false;
      i++;
      if (!value()) return false;
      skip();
      if (text[i] === '}') return ++i > 0;
      if (text[i] !== ',') return false;
      i++;
    }
  };
  const array = (): boolean => {
    i++;
    skip();
    if (text[i] === ']') return ++i > 0;
    for (;;) {
      if (!value()) return false;
      skip();
      if (text[i] === ']') return ++i > 0;
      if (text[i] !== ',') return false;
      i++;
    }
  };
  if (!value()) return Math.min(i, text.length);
  skip();
  return i < text.length ? i : undefined;
}
