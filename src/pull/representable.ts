/**
 * What a tracking plan can hold, asked of remote values before they are written. The rules
 * come from the JSON Schema itself (the single source of truth for the YAML's shape), so a
 * pulled plan validates by construction.
 */
import { PROPERTY_TYPES, trackingPlanSchema } from '../tracking-plan/schema-check.js';
import { hasForbiddenTitleCharacter } from '../tracking-plan/text-characters.js';
import type { PropertyType } from '../tracking-plan/types.js';

const TITLE = trackingPlanSchema.definitions.title;
// ajv compiles schema patterns with the `u` flag; do the same so `.` and `\S` agree.
const TITLE_PATTERN = new RegExp(TITLE.pattern, 'u');
/** What pull writes as an ID: what a plan reads back as one (letters, digits, `_` and `-`: never an email, never blank). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/u;
const INTEGRATION_ID_PATTERN = new RegExp(trackingPlanSchema.definitions.integrationId.pattern, 'u');
const KNOWN_TYPES: ReadonlySet<string> = new Set(PROPERTY_TYPES);

/** A lone UTF-16 surrogate cannot be written as UTF-8: the text would change on the way to disk. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Why a title cannot be written, or null when it can. */
export function titleProblem(title: string): string | null {
  if (!isWellFormed(title)) return 'holds characters that cannot be written as UTF-8';
  // ajv counts code points, not UTF-16 units.
  const length = [...title].length;
  if (length < TITLE.minLength) return 'is empty';
  if (length > TITLE.maxLength) return `is longer than ${TITLE.maxLength} characters`;
  if (/[\r\n\u2028\u2029]/.test(title)) return 'contains a line break';
  if (!TITLE_PATTERN.test(title)) return 'has leading or trailing spaces';
  if (hasForbiddenTitleCharacter(title))
    return 'contains a character a title may not hold (an invisible or control character, a line separator or a space other than U+0020)';
  return null;
}

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** An integration ID as the plan's `integration` takes it: a UUID, with or without dashes. */
export function isIntegrationId(value: string): boolean {
  return INTEGRATION_ID_PATTERN.test(value);
}

export function isKnownType(type: string): type is PropertyType {
  return KNOWN_TYPES.has(type);
}
