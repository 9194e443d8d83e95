/** Generates the TypeScript types of a plan file from the JSON Schema. */
export function generate(): Promise<string>;
