/** Counts in words, singular or plural: "1 change", "2 changes", "1,204 properties". */

/** A count with its digits grouped by commas, whatever the machine's locale: 12345 → "12,345". */
export function countText(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count with its noun; thousands grouped with commas, whatever the machine's locale. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${countText(count)} ${count === 1 ? singular : pluralForm}`;
}
