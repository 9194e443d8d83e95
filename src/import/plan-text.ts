/**
 * Texts and titles as the plan can hold them. A description that the plan would refuse (the
 * text "None", which Secoda reads as no value; a lone surrogate, which UTF-8 cannot hold) is
 * noted and left out. A title is what identifies a property or an event: one the plan cannot
 * hold (empty, too long, with surrounding spaces or invisible characters), or one that another
 * title of the same parent holds but for case, is reported by the caller.
 */
import trackingPlanSchema from '../../schemas/tracking-plan.schema.json' with { type: 'json' };
import { hasForbiddenTitleCharacter, hasLoneSurrogate } from '../tracking-plan/text-characters.js';
import { note, type MapContext } from './map-context.js';
import type { SourcePlace } from './schema-places.js';

const TITLE = trackingPlanSchema.definitions.title;
// ajv compiles the schema's patterns with the `u` flag: `\S` and `.` as ajv reads them.
const TITLE_SHAPE = new RegExp(TITLE.pattern, 'u');

/** A description for the plan, or undefined (noted when the source's text cannot be held). */
export function planText(text: unknown, place: SourcePlace, ctx: Pick<MapContext, 'notes'>): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (text.trim() === 'None') {
    note(ctx, place, 'the text "None" reads back from Secoda as no value: this description is left out');
    return undefined;
  }
  if (hasLoneSurrogate(text)) {
    note(ctx, place, 'holds a lone surrogate, which no text of a plan can: this description is left out');
    return undefined;
  }
  return text;
}

/** Why the plan cannot hold `title` as a title, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
  if (title === '__proto__') return 'is `__proto__`, which JSON Schema validators skip for safety, so `check` could not judge it';
  if (hasLoneSurrogate(title)) return 'holds a lone surrogate, which is no character';
  const length = [...title].length;
  if (length < TITLE.minLength) return 'is empty';
  if (length > TITLE.maxLength) return `is longer than ${TITLE.maxLength} characters`;
  if (!TITLE_SHAPE.test(title)) return 'starts or ends with white space, or holds a line break';
  if (hasForbiddenTitleCharacter(title)) return 'holds an invisible or control character, or a space other than U+0020';
  return undefined;
}
