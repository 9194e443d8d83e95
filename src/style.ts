/**
 * Colour as data: renderers take a Style and never look at the terminal themselves. The
 * CLI picks `colours` on a TTY without NO_COLOR, `plain` everywhere else.
 */
export interface Style {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const colours: Style = {
  enabled: true,
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const same = (text: string) => text;

export const plain: Style = { enabled: false, bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

/** Removes ANSI colour codes (for snapshots and for logs). */
export function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching the escape character is the point
  return text.replace(/\u001b\[\d+m/g, '');
}
