/** How a schema issue's message names a value the plan holds, and the hint for a value of the wrong type. */

/** The words for a JSON Schema type: "true or false", "a list", … */
export function typeWord(expected: string): string {
  const words: Record<string, string> = {
    boolean: 'true or false',
    string: 'text',
    array: 'a list',
    object: 'a mapping (key: value pairs)',
    integer: 'a whole number',
    number: 'a number',
    'string,number,boolean': 'text, a number or true/false',
  };
  return words[expected] ?? expected;
}

/** A value as a message names it; a number or boolean as it was written (`1.10`, not 1.1), when that is known. */
export function describeValue(value: unknown, written?: string): string {
  if (value === null && written !== undefined && written.trim() !== '') return `\`${written.trim()}\` (null in YAML)`;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean')
    return written !== undefined && written.trim() !== '' ? written : String(value);
  return typeof value;
}

/** `written` is the text the value was written as (`1.10`, which parses as 1.1): a hint quotes that, never the number. */
export function typeHint(expected: string, value: unknown, name: string, written?: string): string | undefined {
  if (expected === 'boolean' && typeof value === 'string') return 'write true or false, without quotes';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `put the value in quotes: ${name.replace(/"/g, '')}: ${JSON.stringify(written ?? String(value))}`;
  if (expected === 'array' && typeof value === 'string')
    return `write a list: ${name.replace(/"/g, '')}: [${value}], or one "- item" per line`;
  if (expected === 'array' && value !== null && typeof value === 'object') return 'write a list of items, each starting with "- "';
  return undefined;
}

/** A null where a value belongs: written as nothing, or as `~` / `null`, which YAML reads as no value (`enum: [free, ~, pro]`). */
export function nullHint(written: string | undefined, item: boolean): string {
  const text = written?.trim() ?? '';
  if (text === '')
    return item
      ? 'this list item is empty; write its value or remove the item'
      : 'a key with nothing after it is empty; give it a value or remove it';
  return `in YAML, \`${text}\` means null (no value), not the text "${text}": quote it ("${text}") to mean the text, or remove the ${item ? 'list item' : 'key'}`;
}
