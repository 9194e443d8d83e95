/**
 * Code-unit order for sorting: unlike localeCompare it does not depend on the machine's
 * locale or ICU version, so the same inputs sort the same everywhere.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
