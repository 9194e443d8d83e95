/** The `style` option of the naming-style rules, and the hint they share. */
import { STYLE_NAME, TITLE_STYLES, toStyle, type TitleStyle } from './title-styles.js';
import type { Finding, Record_ } from './rule.js';
import type { PathSegment } from '../tracking-plan/source-file.js';

export interface StyleOptions {
  readonly style: TitleStyle;
}

/** The configured style, the default when none is written, undefined when it is not a style (the schema says so). */
export function styleOption(entry: Record_, fallback: TitleStyle): StyleOptions | undefined {
  const style = entry['style'] ?? fallback;
  return TITLE_STYLES.includes(style as TitleStyle) ? { style: style as TitleStyle } : undefined;
}

/**
 * The finding for `text`, which is not in the style. `consequence` says what changing it costs
 * in Secoda, since the way to keep an existing resource is to suppress the finding instead.
 * (Callers test `isInStyle` first: most titles pass, and then nothing is built.)
 */
export function styleFinding(
  ruleId: string,
  text: string,
  style: TitleStyle,
  path: readonly PathSegment[],
  what: string,
  consequence: string,
): Finding[] {
  const suggestion = toStyle(text, style);
  const write = suggestion !== '' && suggestion !== text ? `write ${JSON.stringify(suggestion)}; ` : `write it in ${STYLE_NAME[style]}; `;
  return [
    {
      path,
      message: `${what} is not written in ${STYLE_NAME[style]}`,
      hint: `${write}${consequence}, so to keep an existing one add "# tpsync-disable-next-line ${ruleId}" above this line`,
    },
  ];
}
